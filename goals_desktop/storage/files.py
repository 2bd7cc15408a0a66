"""The database file seen from outside SQLite's connection: where it lives, which files this process
has open through SQLite, and a read-only inspection that refuses a bad file in one sentence.

Opening never creates or changes a file that is not ours: an existing file is first inspected
through a read-only connection (SQLite header, quick_check, our schema).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import classify_database_error, storage_error
from .migrations import known_revisions

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


class _SqliteUsers:
    """Which files this process has open through SQLite, by (device, inode).

    POSIX locks belong to the process, not the descriptor: opening and closing such a file (or its
    -wal/-shm) any other way silently drops every SQLite lock this process holds on it, and another
    copy of the app may then checkpoint and delete the WAL we are still writing to. Code that must
    touch raw bytes (reading the header, copying a damaged file) asks here first.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[int, int], int] = {}

    @staticmethod
    def _key(path: Path) -> tuple[int, int] | None:
        try:
            status = path.stat()  # stat() opens no descriptor, so it is safe on a live file
        except OSError:
            return None
        return status.st_dev, status.st_ino

    def add(self, path: Path) -> tuple[int, int] | None:
        key = self._key(path)
        if key is not None:
            with self._lock:
                self._counts[key] = self._counts.get(key, 0) + 1
        return key

    def discard(self, key: tuple[int, int] | None) -> None:
        if key is None:
            return
        with self._lock:
            left = self._counts.get(key, 0) - 1
            if left > 0:
                self._counts[key] = left
            else:
                self._counts.pop(key, None)

    def has(self, path: Path) -> bool:
        key = self._key(path)
        with self._lock:
            return key is not None and key in self._counts

    @contextmanager
    def using(self, path: Path) -> Iterator[None]:
        key = self.add(path)
        try:
            yield
        finally:
            self.discard(key)


sqlite_users = _SqliteUsers()


def read_header(path: Path) -> bytes | None:
    """The file's first 100 bytes, or None when SQLite has it open in this process (see _SqliteUsers)."""
    if sqlite_users.has(path):
        return None
    with path.open("rb") as handle:
        return handle.read(100)


def sqlite_uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return path.resolve().as_uri() + (f"?{query}" if query else "")


@dataclass(frozen=True, slots=True)
class FileReport:
    """What inspect_file found in an existing database file."""

    revision: str | None  # our schema revision, None for an empty (new) SQLite file
    head: str  # the newest revision this program knows
    goal_count: int | None


@contextmanager
def _read_only_connection(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Connection]:
    """A read-only look at path that leaves nothing behind that was not there before."""
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    existed = any(sidecar.exists() for sidecar in sidecars)
    with sqlite_users.using(path):
        connection = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=busy_timeout_ms / 1000)
        try:
            yield connection
        finally:
            connection.close()
            # A read-only look at a WAL file makes an empty -wal/-shm, and a read-only connection never
            # removes them. Don't litter a file we refused, but never unlink them ourselves: another
            # copy may have opened the file meanwhile and be using them (its commits would be lost).
            if not existed and any(sidecar.exists() for sidecar in sidecars):
                _let_sqlite_tidy(path)


def _let_sqlite_tidy(path: Path) -> None:
    """Have SQLite remove an unused -wal/-shm: a read-write connection that reads and closes.

    Closing the last connection to a WAL file anywhere, SQLite takes the EXCLUSIVE lock, checkpoints
    and deletes both; while any other connection holds the file it takes no lock and deletes nothing.
    The main file is not written (the WAL left by a read-only look holds no frames).
    """
    try:
        tidy = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=0)
    except sqlite3.Error:
        return
    try:
        tidy.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error:
        pass
    finally:
        tidy.close()


def inspect_file(
    path: Path, full: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS, quick_check: bool = True
) -> FileReport:
    """Check an existing file without changing it; raise StorageError with one sentence if unusable.

    full=True runs the complete integrity_check (for `db check`) instead of quick_check;
    quick_check=False skips both (the window checks later, in a worker thread: see startup.py).
    """
    path = Path(path)
    if path.is_dir():
        raise storage_error("cannot_open", f"{path} is a folder, not a database file; open another file.", path)
    try:
        header = read_header(path)
    except PermissionError:
        raise storage_error(
            "readonly", f"The database file ({path}) cannot be read (permission denied); open another file.", path
        ) from None
    except OSError as error:
        raise storage_error(
            "io", f"The database file ({path}) cannot be read ({error.strerror}); open another file.", path
        ) from None
    known, head = known_revisions()
    if header == b"":
        return FileReport(None, head, None)
    # header is None when this process has the file open through SQLite: it passed this check then.
    if header is not None and (not header.startswith(SQLITE_MAGIC[: len(header)]) or len(header) < 100):
        kind = "not_database" if not header.startswith(SQLITE_MAGIC[: len(header)]) else "corrupt"
        raise storage_error(
            kind,
            f"The file {path} is not a Goals Desktop database"
            + (" (it is not an SQLite file)" if kind == "not_database" else " (it is cut short)")
            + "; restore a backup or open another file.",
            path,
        )
    try:
        with _read_only_connection(path, busy_timeout_ms) as connection:
            check = "integrity_check" if full else "quick_check"
            problems = [row[0] for row in connection.execute(f"PRAGMA {check}(5)")] if full or quick_check else ["ok"]
            if problems != ["ok"]:
                raise storage_error(
                    "corrupt",
                    f"The database file ({path}) is damaged; restore it from a backup or open another file.",
                    path,
                )
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return FileReport(None, head, None)
            if "alembic_version" not in tables:
                raise storage_error(
                    "not_database",
                    f"The file {path} is an SQLite database of another program, not Goals Desktop; open another file.",
                    path,
                )
            revisions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
            revision = revisions[0] if revisions else None
            if revision is not None and revision not in known:
                raise storage_error(
                    "newer",
                    f"The database file ({path}) was made by a newer version of Goals Desktop; "
                    "update the app to open it, or open another file.",
                    path,
                )
            goal_count = connection.execute("SELECT count(*) FROM goals").fetchone()[0] if "goals" in tables else None
            return FileReport(revision, head, goal_count)
    except sqlite3.Error as error:
        raise classify_database_error(error, path) from None
