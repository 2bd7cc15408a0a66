"""The database: engine, connection settings, one transaction per unit of work, migrations at open.

An existing file is inspected (files.inspect_file) before any engine exists, so a bad file is
refused in one sentence and never changed.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.pool import StaticPool

from goals_desktop.domain.errors import StorageError, ValidationError

from .errors import classify_database_error, storage_error
from .files import BUSY_TIMEOUT_MS, inspect_file, sqlite_uri, sqlite_users
from .migrations import known_revisions, upgrade_to_head


def _configure_connection(busy_timeout_ms: int, dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take transaction control away from the sqlite3 module so BEGIN is ours (see _begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a change reported as saved survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin(connection: sa.Connection) -> None:
    # Writers take the write lock up front, so two copies of the app never deadlock upgrading a read.
    mode = connection.get_execution_options().get("goals_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _release(engines: tuple[sa.Engine, ...], registered: tuple[int, int] | None) -> None:
    for engine in engines:
        engine.dispose()
    sqlite_users.discard(registered)


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
            # Listeners hold no reference to self: a Database nobody holds is freed (and unregistered) at once.
            event.listen(engine, "connect", functools.partial(_configure_connection, self.busy_timeout_ms))
            event.listen(engine, "begin", _begin)
        if not existing:
            with self.read():  # creates the file, which must exist to be registered by inode
                pass
            self._in_use = sqlite_users.add(self.path)
        # close(), or garbage collection of a Database nobody closed: connections first, then the registry.
        self._release = weakref.finalize(self, _release, (self.engine, self._write_engine), self._in_use)
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
        with self.write() as connection:
            upgrade_to_head(connection)

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
