"""Answers to reads kept as the bytes sent, and sent again while the database has not changed.

A cached answer is sent from the event loop, without the hand-off to a reader thread, the read,
the shaping or the JSON. It is never stale (docs/api.md, "The answer cache"):

- The store's change token (GoalService.change_token) is taken on the loop *before* the read is
  handed to a thread; whatever the read then sees is at least as new as the database was when
  the token was taken, and it is kept under that token. A commit anywhere — this server's own
  writes, the window's, the CLI's, another program's — moves the token, so an answer is sent
  again only while no commit has happened since before its read began.
- The answers depend on today (the schedule is seen from it): the day is part of the key.
- No token (PostgreSQL, or the watch could not tell without waiting): no cache, the read runs.
- Guards, token checks and headers are unchanged: a cached answer goes through the same
  middleware and route as a fresh one and carries the same bytes and headers.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Hashable
from typing import Any

from goals_desktop.api.shapes import Answer, RenderedAnswer
from goals_desktop.domain.rules import local_today

ENTRIES = 256
# All the bytes kept, at most: a list of thousands of goals is megabytes; a goal is a few kB.
MAX_BYTES = 16 * 1024 * 1024


class AnswerCache:
    """The last answer per key (a route and its parameters), least recently used dropped first."""

    def __init__(self, entries: int = ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._entries: collections.OrderedDict[Hashable, tuple[Hashable, bytes]] = collections.OrderedDict()
        self._limit = entries
        self._max_bytes = max_bytes
        self._bytes = 0
        self.hits = 0

    def get(self, key: Hashable, stamp: Hashable) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] != stamp:
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[1]

    def put(self, key: Hashable, stamp: Hashable, body: bytes) -> None:
        if len(body) > self._max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old[1])
        self._entries[key] = (stamp, body)
        self._bytes += len(body)
        while len(self._entries) > self._limit or self._bytes > self._max_bytes:
            _key, (_stamp, dropped) = self._entries.popitem(last=False)
            self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._entries)


async def cached_read(calls: Any, key: Hashable, call: Callable[[Any], Any]) -> Answer:
    """The answer of `call(service)` (run as ServiceCalls.read runs it), or the bytes of the same
    answer kept from an earlier read if nothing has been committed since that read began."""
    token = calls.service.change_token()  # first: see the module's docstring
    if token is None:
        return Answer(await calls.read(call))
    stamp = (token, local_today())
    cache: AnswerCache = calls.answers
    body = cache.get(key, stamp)
    if body is not None:
        return RenderedAnswer(body)
    answer = Answer(await calls.read(call))
    cache.put(key, stamp, answer.body)
    return answer
