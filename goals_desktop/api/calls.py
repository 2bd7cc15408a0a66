"""Service calls off the event loop, so a write waiting on another program's lock stalls nobody.

Reads run in a small pool of worker threads and are answered while a write waits. Writes go one at
a time (the database takes one writer anyway: a second would only hold a thread while it queued);
a write that cannot start within `write_wait` seconds is refused with the "busy" sentence and
changes nothing. A write's change announcements run on the event loop's thread, where subscribers
such as the window's canvas live (GoalService.announcing_through).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from goals_desktop.api.errors import BUSY
from goals_desktop.domain.errors import StorageError

T = TypeVar("T")
READ_THREADS = 4
# As long as SQLite's own busy timeout: a write queued behind ours waits no longer than one
# waiting on another program would.
WRITE_WAIT_SECONDS = 5.0


class _CollectorPause:
    """The garbage collector waits while any service call runs in a worker thread: a collection
    there could finalize the window's Qt objects off the Qt thread (see ui/local_api.py). It runs
    as usual, on whichever thread allocates next, once no call is running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = False

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._running == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0 and self._was_enabled:
                    gc.enable()


_collector = _CollectorPause()


def _paused(call: Callable[[Any], T], service) -> T:
    with _collector.held():
        return call(service)


class ServiceCalls:
    def __init__(self, service, *, threads: int = READ_THREADS, write_wait: float = WRITE_WAIT_SECONDS) -> None:
        self.service = service
        self.write_wait = write_wait
        self._pool = ThreadPoolExecutor(max_workers=threads + 1, thread_name_prefix="goals-api")
        self._writer: asyncio.Lock | None = None
        self._announcing = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writing = False

    async def read(self, call: Callable[[Any], T]) -> T:
        """`call(service)` in a worker thread."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, _paused, call, self.service)

    async def write(self, call: Callable[[Any], T]) -> T:
        """`call(service)` in a worker thread, one write at a time; StorageError (503) when it
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
        try:
            running = loop.run_in_executor(self._pool, self._write_in_worker, call, self._announcing)
        except BaseException:
            writer.release()
            raise
        # Released when the call ends, not when the request does: a client that hangs up must not
        # let the next write start while this one still runs.
        running.add_done_callback(lambda _done: writer.release())
        return await asyncio.shield(running)

    def _write_in_worker(self, call: Callable[[Any], T], service) -> T:
        self._writing = True
        try:
            return _paused(call, service)
        finally:
            self._writing = False

    def writing(self) -> bool:
        """True while a write runs (or waits on the database's lock) in its worker thread."""
        return self._writing

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
