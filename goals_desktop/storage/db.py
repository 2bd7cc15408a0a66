"""The SQLite database file: engine, connection settings, migrations, friendly errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc

from goals_desktop import APP_ID, ORGANIZATION
from goals_desktop.domain.errors import StorageError

DATABASE_ENV = "GOALS_DESKTOP_DATABASE"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


def default_database_path() -> Path:
    """GOALS_DESKTOP_DATABASE if set, else goals.sqlite3 in the platform's user data directory."""
    override = os.environ.get(DATABASE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, ORGANIZATION)) / "goals.sqlite3"


def describe_database_error(error: BaseException, path: Path | str | None = None) -> str:
    """One sentence for a person, from whatever sqlite3/SQLAlchemy raised."""
    text = str(getattr(error, "orig", None) or error).lower()
    where = f" ({path})" if path else ""
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"The database file{where} is damaged or is not a Goals Desktop database."
    if "readonly" in text or "read-only" in text:
        return f"The database file{where} is read-only; changes cannot be saved."
    if "full" in text:
        return f"The disk holding the database{where} is full; nothing was changed."
    if "locked" in text or "busy" in text:
        return f"The database{where} is busy in another program; try again in a moment."
    if "unable to open" in text:
        return f"The database file{where} cannot be opened; check that its folder exists and is writable."
    if "disk i/o" in text:
        return f"The disk reported an error while using the database{where}; nothing was changed."
    return f"The database{where} could not be used: {str(getattr(error, 'orig', None) or error).splitlines()[0]}"


class Database:
    """One SQLite file. Every unit of work is a transaction from `read()` or `write()`."""

    def __init__(self, path: Path | str, migrate: bool = True) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"Cannot create the folder for the database ({self.path.parent}): {error.strerror}.") from None
        self.engine = sa.create_engine(f"sqlite:///{self.path}", future=True)
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "begin", self._on_begin)
        if migrate:
            self.migrate()

    @staticmethod
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
        with self._transaction("DEFERRED") as connection:
            yield connection

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        with self._transaction("IMMEDIATE") as connection:
            yield connection

    @contextmanager
    def _transaction(self, mode: str) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect().execution_options(goals_begin=mode) as connection:
                with connection.begin():
                    yield connection
        except (exc.OperationalError, exc.DatabaseError) as error:
            raise StorageError(describe_database_error(error, self.path)) from error
        except sqlite3.Error as error:
            raise StorageError(describe_database_error(error, self.path)) from error

    # -- migrations -------------------------------------------------------------------------

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        return config

    def schema_revisions(self) -> tuple[str | None, str]:
        """(revision in the file, newest revision this program knows)."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic_config()).get_current_head()
        with self.read() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        return current, head

    def migrate(self) -> None:
        """Bring the schema to the newest revision; refuse files from a newer program."""
        from alembic import command
        from alembic.script import ScriptDirectory

        current, head = self.schema_revisions()
        if current == head:
            return
        known = {rev.revision for rev in ScriptDirectory.from_config(self._alembic_config()).walk_revisions()}
        if current is not None and current not in known:
            raise StorageError(
                f"The database file ({self.path}) was made by a newer version of Goals Desktop; "
                "update the app to open it."
            )
        config = self._alembic_config()
        with self.write() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()
