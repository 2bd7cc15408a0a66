"""Service calls off the event loop, so a write waiting on another program's lock stalls nobody.

Reads run in a small set of worker threads and are answered while a write waits. Writes go one at
a time, in a thread of their own (the database takes one writer anyway: a second would only hold
a thread while it queued); a write that cannot start within `write_wait` seconds is refused with
the "busy" sentence and changes nothing. A write's change announcements run on the event loop's
thread, where subscribers such as the window's canvas live (GoalService.announcing_through).

The threads are ours rather than a concurrent.futures pool behind `run_in_executor`: that hand-off
(a concurrent Future with its own lock and condition, chained to an asyncio Future, a semaphore and
a shutdown lock on every submit) cost twice this one's CPU, and its threads take turns, each one's
caches cold (bench/README.md, section API).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from goals_desktop.api.cached import AnswerCache
from goals_desktop.api.errors import BUSY
from goals_desktop.domain.errors import StorageError

T = TypeVar("T")
READ_THREADS = 4
# As long as SQLite's own busy timeout: a write queued behind ours waits no longer than one
# waiting on another program would.
WRITE_WAIT_SECONDS = 5.0


_STOP = object()
# done(result, error), called on the loop's thread once the call has ended.
Done = Callable[[Any, BaseException | None], None]


def _settle(future: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if future.done():  # the request was cancelled (its client hung up) while the call ran
        return
    if error is None:
        future.set_result(result)
    elif isinstance(error, asyncio.CancelledError):
        future.cancel()
    elif isinstance(error, StopIteration):  # a future refuses it (TypeError), and the request would hang
        future.set_exception(RuntimeError(f"StopIteration raised in a service call: {error!r}"))
    else:
        future.set_exception(error)


class _Worker:
    __slots__ = ("item", "thread", "wake")

    def __init__(self, item: Any) -> None:
        self.item = item
        self.wake = threading.Lock()  # held while idle; released to hand it its next call
        self.wake.acquire()
        self.thread: threading.Thread | None = None


class _Workers:
    """Up to `count` threads for calls; each call's outcome is handed back to the event loop that
    asked for it. A call goes to the thread that went idle last (its caches are the warmest: one
    thread answers one client's requests in turn), a new thread starts only when none is idle, and
    calls wait in order when all `count` are busy."""

    def __init__(self, count: int, name: str) -> None:
        self._count = count
        self._name = name
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._waiting: collections.deque = collections.deque()
        self._threads: list[threading.Thread] = []
        self._closed = False
        self.running = False  # (meaningful for a single thread: the writer)

    def submit(self, loop: asyncio.AbstractEventLoop, call: Callable[[Any], Any], service: Any, done: Done) -> None:
        item = (loop, call, service, done)
        with self._lock:
            if self._closed:
                raise RuntimeError("The API's service calls were closed.")
            if self._idle:
                worker = self._idle.pop()
                worker.item = item
                worker.wake.release()
            elif len(self._threads) < self._count:
                worker = _Worker(item)
                name = f"{self._name}-{len(self._threads)}"
                worker.thread = threading.Thread(target=self._work, args=(worker,), name=name, daemon=True)
                self._threads.append(worker.thread)
                worker.thread.start()
            else:
                self._waiting.append(item)

    def _work(self, worker: _Worker) -> None:
        while True:
            item, worker.item = worker.item, None
            if item is _STOP:
                return
            loop, call, service, done = item
            error: BaseException | None = None
            result = None
            self.running = True
            try:
                result = call(service)
            except BaseException as raised:  # handed to the request that asked, as run_in_executor would
                error = raised
            finally:
                self.running = False
            try:
                loop.call_soon_threadsafe(done, result, error)
            except RuntimeError:  # the loop is closed: nobody waits for the answer
                pass
            # Nothing of this call kept alive by an idle thread.
            del item, loop, call, service, done, result, error
            with self._lock:
                if self._waiting:
                    worker.item = self._waiting.popleft()
                    continue
                if self._closed:
                    return
                self._idle.append(worker)
            worker.wake.acquire()

    def close(self) -> None:
        """Calls not yet started are cancelled; those running are waited for."""
        with self._lock:
            self._closed = True
            threads = list(self._threads)
            waiting, self._waiting = list(self._waiting), collections.deque()
            idle, self._idle = self._idle, []
        for loop, _call, _service, done in waiting:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(done, None, asyncio.CancelledError())
        for worker in idle:
            worker.item = _STOP
            worker.wake.release()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()


class ServiceCalls:
    def __init__(self, service, *, threads: int = READ_THREADS, write_wait: float = WRITE_WAIT_SECONDS) -> None:
        self.service = service
        self.write_wait = write_wait
        self._readers = _Workers(threads, "goals-api-read")
        self._writer_thread = _Workers(1, "goals-api-write")
        self._writer: asyncio.Lock | None = None
        self._announcing = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Read answers kept while the database does not change (api/cached.py); one per service.
        self.answers = AnswerCache()

    async def read(self, call: Callable[[Any], T]) -> T:
        """`call(service)` in a worker thread."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._readers.submit(loop, call, self.service, lambda result, error: _settle(future, result, error))
        return await future

    async def write(self, call: Callable[[Any], T]) -> T:
        """`call(service)` in the writer thread, one write at a time; StorageError (503) when it
        cannot start within `write_wait` seconds."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # first use, or a new loop (tests, a restarted window loop)
            self._loop, self._writer = loop, asyncio.Lock()
            self._announcing = self.service.announcing_through(loop.call_soon_threadsafe)
        writer = self._writer
        if writer.locked():  # (wait_for costs a task of its own: only when there is a wait)
            try:
                await asyncio.wait_for(writer.acquire(), self.write_wait)
            except asyncio.TimeoutError:
                raise StorageError(BUSY, kind="locked") from None
        else:
            await writer.acquire()
        future = loop.create_future()

        def done(result: Any, error: BaseException | None) -> None:
            # Released when the call ends, not when the request does: a client that hangs up must
            # not let the next write start while this one still runs.
            writer.release()
            _settle(future, result, error)

        try:
            self._writer_thread.submit(loop, call, self._announcing, done)
        except BaseException:
            writer.release()
            raise
        return await future

    def writing(self) -> bool:
        """True while a write runs (or waits on the database's lock) in its worker thread."""
        return self._writer_thread.running

    def close(self) -> None:
        self._readers.close()
        self._writer_thread.close()
