"""The database: engines, one transaction per unit of work, migrations at open — on an SQLite file
or a PostgreSQL server (dialects.py holds what differs).

An existing file is inspected (files.inspect_file) before any engine exists, so a bad file is
refused in one sentence and never changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from goals_desktop.domain.errors import StorageError, ValidationError

from .backup import create_backup
from .change_token import SqliteChangeToken
from .dialects import CHANGES_CHANNEL, PostgresDialect, SQLiteDialect, dialect_for, new_token
from .errors import storage_error
from .files import BUSY_TIMEOUT_MS, inspect_file, sqlite_uri, sqlite_users
from .listen import NotificationListener
from .migrations import known_revisions, upgrade_to_head


def _release(engines: tuple[sa.Engine, ...], registered: tuple[int, int] | None, watch: SqliteChangeToken | None) -> None:
    if watch is not None:
        watch.close()
    for engine in engines:
        engine.dispose()
    sqlite_users.discard(registered)


class Database:
    """One database: an SQLite file (a path) or a PostgreSQL database (a postgresql:// URL).

    Every unit of work is a transaction from `read()` (one consistent snapshot) or `write()`
    (writers queue for one lock, across every copy of the app). Other copies learn of a commit
    through a ChangeWatcher: SQLite's data_version, read on this Database's one write
    connection, moves only for others' commits; on PostgreSQL each write transaction NOTIFYs
    with this Database's token.
    """

    def __init__(
        self,
        path: Path | str,
        migrate: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        backup_before_migration: bool = True,
        check_integrity: bool = True,
    ) -> None:
        """check_integrity=False: no quick_check of an existing file here (the caller runs it later,
        see startup.check_and_back_up); the header and schema are still checked."""
        self.busy_timeout_ms = int(busy_timeout_ms)
        self.check_integrity = check_integrity
        self.backup_before_migration = backup_before_migration
        self.dialect: SQLiteDialect | PostgresDialect = dialect_for(path, self.busy_timeout_ms)
        #: The file (SQLite) or None (a server); `location` is what to show a person either way.
        self.path: Path | None = self.dialect.path
        self.location: str = self.dialect.location
        #: Sent with every NOTIFY on PostgreSQL, so this copy's own commits are not "another copy's".
        self.token = new_token()
        self._in_use = None
        self.report = None
        if isinstance(self.dialect, SQLiteDialect):
            self._open_file()
        self.engine, self._write_engine = self.dialect.create_engines()
        self._write_lock = threading.RLock()
        self._watch = SqliteChangeToken(self.path) if isinstance(self.dialect, SQLiteDialect) else None
        if isinstance(self.dialect, SQLiteDialect) and self.created:
            with self.read():  # creates the file, which must exist to be registered by inode
                pass
            self._in_use = sqlite_users.add(self.path)
        # close(), or garbage collection of a Database nobody closed: connections first, then the registry.
        self._release = weakref.finalize(self, _release, (self.engine, self._write_engine), self._in_use, self._watch)
        revisions = None
        if not isinstance(self.dialect, SQLiteDialect):
            # Read once for both questions: each read is a transaction and a catalog look on the server.
            revisions = self.schema_revisions()
            #: True when this open made the schema (nothing of the user's there yet).
            self.created = revisions[0] is None
        if migrate:
            self._migrate(revisions or self.schema_revisions())

    @property
    def write_dialect(self) -> sa.engine.Dialect:
        """The SQLAlchemy dialect write transactions compile for (prepared.plans_for)."""
        return self._write_engine.dialect

    @property
    def is_file(self) -> bool:
        return self.dialect.is_file

    def _open_file(self) -> None:
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
            self.report = inspect_file(self.path, busy_timeout_ms=self.busy_timeout_ms, quick_check=self.check_integrity)
            # Registered before the first connection and kept until close() (or garbage collection,
            # which closes the pooled connections too): see files._SqliteUsers.
            self._in_use = sqlite_users.add(self.path)
        elif not os.access(self.path.parent, os.W_OK):
            raise storage_error(
                "readonly",
                f"The folder {self.path.parent} is read-only, so the database cannot be created there; open another file.",
                self.path,
            )

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
        with self._transaction(self.engine, write=False) as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        with self._write_lock, self._transaction(self._write_engine, write=True) as connection:
            yield connection

    @contextmanager
    def _transaction(self, engine: sa.Engine, write: bool) -> Iterator[sa.Connection]:
        dialect = self.dialect
        try:
            with dialect.connect(engine, write) as connection:
                with connection.begin():
                    dialect.started(connection, write)
                    yield connection
                    if write:
                        dialect.committing(connection, self.token)
        except dialect.driver_errors as error:
            raise dialect.classify(error, self.location) from error
        except json.JSONDecodeError:
            # A JSON column another tool wrote garbage into: the file passes SQLite's checks but not ours.
            raise storage_error(
                "corrupt",
                f"The {self.dialect.noun} ({self.location}) holds data Goals Desktop cannot read; restore it from a backup or open another file.",
                self.path,
            ) from None
        except UnicodeEncodeError:
            # Lone surrogates (e.g. "\ud800" from a JSON escape) cannot be stored as UTF-8.
            raise ValidationError("The text contains characters that are not valid Unicode; nothing was changed.") from None

    def data_version(self) -> int:
        """SQLite only: a number that changes whenever another connection commits to this file.

        This Database's own writes do not change it, so a window polling it (see ChangeWatcher)
        reloads only when another copy of the app, the CLI or a restore changed the data.
        """
        with self._write_lock:
            try:
                return self.dialect.data_version(self._write_engine)
            except self.dialect.driver_errors as error:
                raise self.dialect.classify(error, self.location) from error

    def change_token(self) -> Hashable | None:
        """A token that differs once anything committed to the database since it was taken — a
        write of this Database or of any other program — so a cache of answers stays right while it
        does not move (change_token.py). Cheap, and never waits on a lock: safe on an event loop.
        None when it cannot tell (then trust no cache); always None on PostgreSQL, where telling
        would take a round trip to the server."""
        return self._watch.current() if self._watch is not None else None

    # -- migrations -------------------------------------------------------------------------

    def schema_revisions(self) -> tuple[str | None, str]:
        """(revision in the database, newest revision this program knows)."""
        _, head = known_revisions()
        with self.read() as connection:
            has_table = self.dialect.has_table(connection, "alembic_version")
            current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if has_table else None
        return current, head

    def migrate(self) -> None:
        """Bring the schema to the newest revision, after a backup; refuse databases from a newer program.

        On PostgreSQL the whole upgrade is one transaction (its DDL is transactional), so it is
        all or nothing even without a copy first; the server's own backups (pg_dump) apply.
        """
        self._migrate(self.schema_revisions())

    def _migrate(self, revisions: tuple[str | None, str]) -> None:
        current, head = revisions
        if current == head:
            return
        known, _ = known_revisions()
        if current is not None and current not in known:
            raise storage_error(
                "newer",
                f"The {self.dialect.noun} ({self.location}) was made by a newer version of Goals Desktop; "
                "update the app to open it, or open another database.",
                self.path,
            )
        if current is not None and self.backup_before_migration and self.is_file:
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
        if not self.is_file:
            raise storage_error("other", "A PostgreSQL database is restored with the server's tools (pg_restore), not from a file.")
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
            except self.dialect.driver_errors as error:
                raise self.dialect.classify(error, self.location) from error

    def close(self) -> None:
        self._release()


class ChangeWatcher:
    """Tells whether another copy committed since the last look.

    SQLite: `changed()` compares data_version — poll it from a timer. PostgreSQL: a LISTEN
    connection (listen.py); given `on_change`, a thread calls it within milliseconds of another
    copy's commit (`pushes` is then True and no timer is needed) and `on_state(connected)` when
    the server connection drops or comes back. `changed()` works on both.
    """

    def __init__(
        self,
        database: Database,
        on_change: Callable[[], None] | None = None,
        on_state: Callable[[bool], None] | None = None,
    ) -> None:
        self.database = database
        self.listener = None
        if database.is_file:
            self._seen = database.data_version()
            return
        self.listener = NotificationListener(
            database.dialect.conninfo(), database.token, database.location, on_change, on_state
        )
        try:
            self.listener.connect()
        except StorageError:
            if on_change is None:
                raise
            # The push thread keeps trying and reports the state when it gets through.
        if on_change is not None:
            self.listener.start()

    @property
    def pushes(self) -> bool:
        return self.listener is not None and self.listener.on_change is not None

    @property
    def connected(self) -> bool:
        return self.listener is None or self.listener.connected

    def changed(self) -> bool:
        if self.listener is not None:
            if not self.pushes:
                return self.listener.poll()
            # Asked directly (not from on_change): first make sure every earlier commit was heard.
            self.listener.sync(self._send_marker)
            return self.listener.take_pending()
        current = self.database.data_version()
        changed, self._seen = current != self._seen, current
        return changed

    def _send_marker(self, marker: str) -> None:
        try:
            with self.database.engine.begin() as connection:
                connection.execute(sa.text("SELECT pg_notify(:channel, :marker)"), {"channel": CHANGES_CHANNEL, "marker": marker})
        except self.database.dialect.driver_errors as error:
            raise self.database.dialect.classify(error, self.database.location) from error

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
