"""Hearing other copies' commits on PostgreSQL: LISTEN on the changes channel (no table polling).

Every write transaction sends `NOTIFY goals_desktop_changes, '<token>'` (dialects.py), which the
server delivers at COMMIT to every listening session. A listener has its own autocommit
connection and ignores its own Database's token, so, like SQLite's data_version, it hears only
other copies (another window, the CLI, `goals-desktop serve`, another machine).

Two ways to use it:
- pull: `poll()` makes one round trip (the server hands over everything committed before it)
  and says whether another copy committed since the last poll — for tests and plain loops;
- push: `start()` runs a thread that calls `on_change()` within milliseconds of a commit and
  `on_state(connected)` when the connection drops or comes back; it reconnects by itself and,
  having been away, reports a change (it may have missed some).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .dialects import CHANGES_CHANNEL, classify_postgres_error

log = logging.getLogger(__name__)
# Seconds between reconnection attempts, the last one repeated.
RECONNECT_DELAYS = (0.2, 0.5, 1.0, 2.0, 5.0)
WAIT_SLICE = 0.25
SYNC_PREFIX = "sync:"  # how long the push thread waits on the socket before checking for close()


class NotificationListener:
    def __init__(
        self,
        conninfo: str,
        token: str,
        location: str,
        on_change: Callable[[], None] | None = None,
        on_state: Callable[[bool], None] | None = None,
    ) -> None:
        self._conninfo = conninfo  # may hold a password: never logged, never shown
        self.token = token
        self.location = location
        self.on_change = on_change
        self.on_state = on_state
        self._conn = None
        self._pending = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = False
        # sync(): a marker NOTIFY that, once heard, proves every earlier commit was heard too.
        self._sync_lock = threading.Lock()
        self._sync_marker: str | None = None
        self._synced = threading.Event()
        self._syncs = 0

    # -- connection -----------------------------------------------------------------------------

    def connect(self) -> None:
        """Open the listening connection; raise the one-sentence StorageError if it cannot be."""
        import psycopg

        try:
            conn = psycopg.connect(self._conninfo, autocommit=True)
            conn.execute(f"LISTEN {CHANGES_CHANNEL}")
        except psycopg.Error as error:
            raise classify_postgres_error(error, self.location) from None
        self._conn = conn
        self.connected = True

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        self.connected = False
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already broken: closing is best effort
                pass

    def _take(self, notifies) -> bool:
        foreign = False
        for notify in notifies:
            foreign = self._heard(notify.payload) or foreign
        return foreign

    def _heard(self, payload: str) -> bool:
        """True for another copy's commit; sync markers (anyone's) are not changes."""
        if payload.startswith(SYNC_PREFIX):
            if payload == self._sync_marker:
                self._synced.set()
            return False
        return payload != self.token

    # -- pull -------------------------------------------------------------------------------------

    def poll(self) -> bool:
        """True if another copy committed since the last poll (or since we were last connected)."""
        import psycopg

        reconnected = False
        if self._conn is None:
            self.connect()
            reconnected = True
        try:
            # The round trip is the sync point: commits finished before it are delivered with its answer.
            self._conn.execute("SELECT 1")
            changed = self._take(self._conn.notifies(timeout=0))
        except psycopg.Error as error:
            self._drop()
            raise classify_postgres_error(error, self.location) from None
        changed = changed or self._pending or reconnected
        self._pending = False
        return changed

    # -- push -------------------------------------------------------------------------------------

    def start(self) -> NotificationListener:
        self._thread = threading.Thread(target=self._run, name="goals-desktop-listen", daemon=True)
        self._thread.start()
        return self

    def sync(self, send: Callable[[str], None], timeout: float = 5.0) -> bool:
        """Wait until the push thread has heard everything committed before this call.

        `send(marker)` NOTIFYs the marker on another connection; notifications arrive in commit
        order, so once the thread hears the marker it has heard every earlier commit. False if
        not connected (or the marker did not come back in time).
        """
        if not self.connected:
            return False
        with self._sync_lock:
            self._syncs += 1
            self._sync_marker = f"{SYNC_PREFIX}{self.token}:{self._syncs}"
            self._synced.clear()
            send(self._sync_marker)
            return self._synced.wait(timeout)

    def take_pending(self) -> bool:
        pending, self._pending = self._pending, False
        return pending

    def _run(self) -> None:
        import psycopg

        attempt = 0
        was_connected = self.connected
        while not self._stop.is_set():
            if self._conn is None:
                try:
                    self.connect()
                except Exception as error:  # one sentence in the log; the window shows the state
                    if was_connected or attempt == 0:
                        log.warning("Listening for changes stopped: %s", error)
                    if was_connected:
                        was_connected = False
                        self._report_state(False)
                    self._stop.wait(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
                    attempt += 1
                    continue
                if attempt or not was_connected:
                    # Back (or connected late): whatever was committed meanwhile was not heard.
                    self._report_state(True)
                    self._changed()
                attempt, was_connected = 0, True
            try:
                for notify in self._conn.notifies(timeout=WAIT_SLICE):
                    if self._heard(notify.payload):
                        self._changed()
                    if self._stop.is_set():
                        break
            except psycopg.Error as error:
                if self._stop.is_set():
                    break
                log.warning("Lost the connection to %s: %s", self.location, str(error).splitlines()[0] if str(error) else error)
                self._drop()
                was_connected = False
                attempt = 1
                self._report_state(False)
        self._drop()

    def _changed(self) -> None:
        self._pending = True
        if self.on_change is not None:
            self.on_change()

    def _report_state(self, connected: bool) -> None:
        if self.on_state is not None:
            self.on_state(connected)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        else:
            self._drop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


__all__ = ["NotificationListener"]
