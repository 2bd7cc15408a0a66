"""A cheap "has anything changed?" for caches above the service: a token that differs after any
commit to the database, by this process or another.

SQLite: `PRAGMA data_version` on a connection of its own, opened read-only, that never writes.
SQLite moves a connection's data_version whenever *another* connection commits — another
program, the CLI, and this process's own write connection alike — so on this watch connection
every commit moves it. The value comes from the WAL index in shared memory: asking starts and
ends a read transaction, which in WAL mode never waits on a writer's lock. To be sure asking
never waits at all (it is asked on an event loop), the connection has a zero busy timeout and is
used only on a WAL file: whenever an answer would need a wait (or anything goes wrong) the token
is None, which means "cannot tell", and the caller does the work instead of trusting a cache.

A token is only comparable with tokens from the same ChangeToken (data_version is per
connection): the connection's generation is part of it, so a reopened watch never repeats one.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Hashable
from pathlib import Path

from .files import sqlite_uri

# After the watch could not open (the file's WAL index not there yet, say): how long to answer
# None before trying again, so a request does not pay a failed open each time.
RETRY_SECONDS = 1.0


class SqliteChangeToken:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._generation = 0
        self._retry_at = 0.0
        self._closed = False

    def current(self) -> Hashable | None:
        """A token that differs from every earlier one once anything committed since; None when
        that cannot be told without waiting."""
        if not self._lock.acquire(blocking=False):  # another thread is asking: do not wait for it
            return None
        try:
            connection = self._connection or self._open()
            if connection is None:
                return None
            try:
                # fetchall: the statement runs to its end, so no read transaction stays open (an
                # open one would hold the WAL back from checkpoints and freeze the value).
                rows = connection.execute("PRAGMA data_version").fetchall()
            except sqlite3.Error:  # busy (a WAL recovery, say) or worse: cannot tell
                self._drop()
                return None
            return (self._generation, rows[0][0])
        finally:
            self._lock.release()

    def _open(self) -> sqlite3.Connection | None:
        if self._closed or time.monotonic() < self._retry_at:
            return None
        connection = None
        try:
            connection = sqlite3.connect(
                sqlite_uri(self._path, mode="ro"), uri=True, timeout=0, isolation_level=None, check_same_thread=False
            )
            (mode,) = connection.execute("PRAGMA journal_mode").fetchall()[0]
        except sqlite3.Error:
            mode = None
        if mode != "wal":
            # Outside WAL mode a read can wait on a writer's lock: no token rather than a wait.
            if connection is not None:
                connection.close()
            self._retry_at = time.monotonic() + RETRY_SECONDS
            return None
        self._generation += 1
        self._connection = connection
        return connection

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        self._retry_at = time.monotonic() + RETRY_SECONDS

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop()
