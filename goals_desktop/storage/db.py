"""The SQLite database file: engine, connection settings, migrations, friendly errors.

Opening never creates or changes a file that is not ours: an existing file is first inspected
through a read-only connection (SQLite header, quick_check, our schema) and refused with one
sentence if it is damaged, foreign, from a newer version or not writable.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.pool import StaticPool

from goals_desktop import APP_ID, ORGANIZATION
from goals_desktop.domain.errors import StorageError, ValidationError

DATABASE_ENV = "GOALS_DESKTOP_DATABASE"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

# What a window can offer for each kind of StorageError, best first.
ACTION_LABELS = {
    "restore_backup": "Restore from backup…",
    "open_other": "Open another file…",
    "retry": "Try again",
    "update_app": "Update Goals Desktop",
    "quit": "Quit",
}
ERROR_KINDS = {
    "corrupt": ("restore_backup", "open_other", "quit"),
    "not_database": ("open_other", "restore_backup", "quit"),
    "newer": ("update_app", "open_other", "quit"),
    "readonly": ("open_other", "quit"),
    "full": ("retry", "quit"),
    "locked": ("retry", "open_other", "quit"),
    "cannot_open": ("open_other", "quit"),
    "io": ("retry", "restore_backup", "quit"),
    "no_backup": ("open_other", "quit"),
    "other": ("retry", "open_other", "quit"),
}


def storage_error(kind: str, message: str, path: Path | str | None = None) -> StorageError:
    return StorageError(message, kind=kind, path=path, actions=ERROR_KINDS.get(kind, ERROR_KINDS["other"]))


def default_database_path() -> Path:
    """GOALS_DESKTOP_DATABASE if set, else goals.sqlite3 in the platform's user data directory."""
    override = os.environ.get(DATABASE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, ORGANIZATION)) / "goals.sqlite3"


def classify_database_error(error: BaseException, path: Path | str | None = None) -> StorageError:
    """One StorageError (kind + one sentence with a way forward) from whatever sqlite3/SQLAlchemy raised."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    where = f" ({path})" if path else ""
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return storage_error(
            "corrupt",
            f"The database file{where} is damaged or is not a Goals Desktop database; "
            "restore it from a backup or open another file.",
            path,
        )
    if "readonly" in text or "read-only" in text:
        return storage_error(
            "readonly",
            f"The database file{where} is read-only, so changes cannot be saved; "
            "copy it to a writable folder or open another file.",
            path,
        )
    if "full" in text:
        return storage_error(
            "full", f"The disk holding the database{where} is full; nothing was changed — free some space and try again.", path
        )
    if "locked" in text or "busy" in text:
        return storage_error(
            "locked", f"The database{where} is busy in another program; nothing was changed — try again in a moment.", path
        )
    if "unable to open" in text:
        return storage_error(
            "cannot_open",
            f"The database file{where} cannot be opened; check that its folder exists and is writable, or open another file.",
            path,
        )
    if "disk i/o" in text:
        return storage_error(
            "io", f"The disk reported an error while using the database{where}; nothing was changed — try again.", path
        )
    first_line = (str(original).splitlines() or [type(original).__name__])[0]
    return storage_error("other", f"The database{where} could not be used ({first_line}); nothing was changed.", path)


def describe_database_error(error: BaseException, path: Path | str | None = None) -> str:
    """One sentence for a person, from whatever sqlite3/SQLAlchemy raised."""
    return str(classify_database_error(error, path))


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


_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?([^'"\s]+)?['"]?\s*$""", re.M)


def known_revisions() -> tuple[set[str], str]:
    """(every revision, the head) read from the migration scripts' text.

    Importing Alembic costs ~150 ms; opening an up-to-date file (every start) must not pay it.
    A test checks this agrees with Alembic's own ScriptDirectory.
    """
    revisions: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((name, value) for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions[found["revision"]] = found.get("down_revision") if found.get("down_revision") != "None" else None
    parents = {parent for parent in revisions.values() if parent}
    heads = [revision for revision in revisions if revision not in parents]
    if len(heads) != 1:
        raise storage_error("other", f"The app's migration scripts have {len(heads)} heads; reinstall Goals Desktop.")
    return set(revisions), heads[0]


@contextmanager
def _read_only_connection(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Iterator[sqlite3.Connection]:
    """A read-only look at path that leaves nothing behind that was not there before."""
    leftovers = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    existed = {p: p.exists() for p in leftovers}
    try:
        with sqlite_users.using(path):
            connection = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=busy_timeout_ms / 1000)
            try:
                yield connection
            finally:
                connection.close()
    finally:
        # Unlinking opens no descriptor; and a file open in WAL mode here had its -wal/-shm already.
        for leftover in leftovers:
            # A read-only look at a WAL file makes an empty -wal/-shm; don't litter a file we refused.
            if not existed[leftover] and leftover.exists():
                try:
                    if leftover.name.endswith("-shm") or leftover.stat().st_size == 0:
                        leftover.unlink()
                except OSError:
                    pass


def inspect_file(path: Path, full: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> FileReport:
    """Check an existing file without changing it; raise StorageError with one sentence if unusable.

    full=True runs the complete integrity_check (for `db check`) instead of quick_check.
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
            problems = [row[0] for row in connection.execute(f"PRAGMA {check}(5)")]
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


class Database:
    """One SQLite file. Every unit of work is a transaction from `read()` or `write()`.

    Writes go through one dedicated connection, so `data_version()` (read on that connection)
    moves only when another connection — another copy of the app, the CLI, a restore — commits.
    """

    def __init__(
        self,
        path: Path | str,
        migrate: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        backup_before_migration: bool = True,
    ) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = int(busy_timeout_ms)
        self.backup_before_migration = backup_before_migration
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise storage_error(
                "cannot_open",
                f"Cannot create the folder for the database ({self.path.parent}): {error.strerror}; open another file.",
                self.path,
            ) from None
        existing = self.path.exists() and (self.path.is_dir() or self.path.stat().st_size > 0)
        #: True when this open made the file (nothing of the user's to back up yet).
        self.created = not existing
        if existing:
            # Writability first: a read-only look at a file in a read-only folder cannot even start.
            self._require_writable()
            self.report = inspect_file(self.path, busy_timeout_ms=self.busy_timeout_ms)
        else:
            self.report = None
            if not os.access(self.path.parent, os.W_OK):
                raise storage_error(
                    "readonly",
                    f"The folder {self.path.parent} is read-only, so the database cannot be created there; open another file.",
                    self.path,
                )
        url = f"sqlite:///{self.path}"
        # Registered before the first connection and kept until close() (or garbage collection,
        # which closes the pooled connections too): see _SqliteUsers.
        self._in_use = sqlite_users.add(self.path) if existing else None
        self.engine = sa.create_engine(url)
        # One connection for every write: see data_version().
        self._write_engine = sa.create_engine(url, poolclass=StaticPool)
        self._write_lock = threading.RLock()
        for engine in (self.engine, self._write_engine):
            event.listen(engine, "connect", self._on_connect)
            event.listen(engine, "begin", self._on_begin)
        if not existing:
            with self.read():  # creates the file, which must exist to be registered by inode
                pass
            self._in_use = sqlite_users.add(self.path)
        self._release = weakref.finalize(self, sqlite_users.discard, self._in_use)
        if migrate:
            self.migrate()

    def _require_writable(self) -> None:
        for target, where in ((self.path, "is read-only"), (self.path.parent, "is in a read-only folder")):
            if not os.access(target, os.W_OK):
                raise storage_error(
                    "readonly",
                    f"The database file ({self.path}) {where}, so changes cannot be saved; "
                    "copy it to a writable folder or open another file.",
                    self.path,
                )

    def _on_connect(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a change reported as saved survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @staticmethod
    def _on_begin(connection: sa.Connection) -> None:
        # Writers take the write lock up front, so two copies of the app never deadlock upgrading a read.
        mode = connection.get_execution_options().get("goals_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self._transaction(self.engine, "DEFERRED") as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        with self._write_lock, self._transaction(self._write_engine, "IMMEDIATE") as connection:
            yield connection

    @contextmanager
    def _transaction(self, engine: sa.Engine, mode: str) -> Iterator[sa.Connection]:
        try:
            with engine.connect().execution_options(goals_begin=mode) as connection:
                with connection.begin():
                    yield connection
        except exc.DBAPIError as error:
            raise classify_database_error(error, self.path) from error
        except sqlite3.Error as error:
            raise classify_database_error(error, self.path) from error
        except json.JSONDecodeError:
            # A JSON column another tool wrote garbage into: the file passes SQLite's checks but not ours.
            raise storage_error(
                "corrupt",
                f"The database file ({self.path}) holds data Goals Desktop cannot read; restore it from a backup or open another file.",
                self.path,
            ) from None
        except UnicodeEncodeError:
            # Lone surrogates (e.g. "\ud800" from a JSON escape) cannot be stored as UTF-8.
            raise ValidationError("The text contains characters that are not valid Unicode; nothing was changed.") from None

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to this file (cheap to poll).

        This Database's own writes do not change it, so a window polling it (see ChangeWatcher)
        reloads only when another copy of the app, the CLI or a restore changed the data.
        """
        with self._write_lock:
            try:
                with self._write_engine.connect() as connection:
                    raw = connection.connection.driver_connection
                    return int(raw.execute("PRAGMA data_version").fetchone()[0])
            except (exc.DBAPIError, sqlite3.Error) as error:
                raise classify_database_error(error, self.path) from error

    # -- migrations -------------------------------------------------------------------------

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        return config

    def schema_revisions(self) -> tuple[str | None, str]:
        """(revision in the file, newest revision this program knows)."""
        _, head = known_revisions()
        with self.read() as connection:
            has_table = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
            current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if has_table else None
        return current, head

    def migrate(self) -> None:
        """Bring the schema to the newest revision, after a backup; refuse files from a newer program."""
        current, head = self.schema_revisions()
        if current == head:
            return
        from alembic import command
        known, _ = known_revisions()
        if current is not None and current not in known:
            raise storage_error(
                "newer",
                f"The database file ({self.path}) was made by a newer version of Goals Desktop; "
                "update the app to open it, or open another file.",
                self.path,
            )
        if current is not None and self.backup_before_migration:
            from .backup import create_backup

            try:
                create_backup(self.path, reason=f"before-upgrade-{current}")
            except StorageError as error:
                raise storage_error(
                    error.kind,
                    f"The database ({self.path}) needs an upgrade but no backup could be made first, so nothing "
                    f"was changed: {error}",
                    self.path,
                ) from None
        config = self._alembic_config()
        with self.write() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def restore_from(self, source: Path) -> None:
        """Overwrite this database with the SQLite file at source through our own write connection.

        SQLite's backup API writes the pages under the write lock and bumps data_version, so other
        copies of the app see the restore as one commit, and no descriptor outside SQLite touches
        the live file (see _SqliteUsers).
        """
        with self._write_lock:
            try:
                with self._write_engine.connect() as connection:
                    target = connection.connection.driver_connection
                    with sqlite_users.using(source):
                        reader = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
                        try:
                            reader.backup(target)
                        finally:
                            reader.close()
            except (exc.DBAPIError, sqlite3.Error) as error:
                raise classify_database_error(error, self.path) from error

    def close(self) -> None:
        self.engine.dispose()
        self._write_engine.dispose()
        self._release()


class ChangeWatcher:
    """Tells whether another connection committed since the last look: poll `changed()` from a timer."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._seen = database.data_version()

    def changed(self) -> bool:
        current = self.database.data_version()
        changed, self._seen = current != self._seen, current
        return changed
