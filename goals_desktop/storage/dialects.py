"""Where the data lives: an SQLite file (a plain path) or a PostgreSQL server (a postgresql:// URL).

Database (db.py) is the same for both; what differs is here, behind one small interface:
engines and connection settings, how a transaction starts (readers see one snapshot, writers
queue for one lock: BEGIN IMMEDIATE on SQLite, pg_advisory_xact_lock on PostgreSQL), the busy
timeout, telling other copies a change committed (SQLite's data_version moves by itself;
PostgreSQL gets a NOTIFY in the same transaction), and turning driver errors into the same
StorageError kinds.
"""

from __future__ import annotations

import functools
import json
import os
import re
import select
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jiter
import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.pool import StaticPool

from goals_desktop.domain.errors import StorageError, ValidationError

from .errors import classify_database_error, storage_error
from .files import BUSY_TIMEOUT_MS
from .location import is_url

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
#: The channel every committed change is announced on (one per PostgreSQL database).
CHANGES_CHANNEL = "goals_desktop_changes"
# pg_advisory_xact_lock key shared by every copy of the app on one database: writers queue on it
# as they do on SQLite's write lock. (Advisory locks are per database, so one constant is enough.)
WRITE_LOCK_KEY = 0x60A15_DE5C


def dialect_for(target: Path | str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> SQLiteDialect | PostgresDialect:
    """A plain path means an SQLite file; a postgresql:// URL a server; any other URL is refused."""
    if isinstance(target, str) and is_url(target):
        scheme = target.strip().split("://", 1)[0].lower()
        if scheme in POSTGRES_SCHEMES:
            return PostgresDialect(target.strip(), busy_timeout_ms)
        raise storage_error(
            "cannot_open",
            f"Goals Desktop opens SQLite files and postgresql:// URLs, not {scheme}:// ones; open another database.",
        )
    path = Path(target).expanduser()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:/[^/]", str(path)):
        # Path("postgresql://...") collapses the "//": a URL went through Path() somewhere. Never
        # create a file named after it.
        raise storage_error("cannot_open", f"{location_of(str(path))!s} looks like a database URL that lost its '//'; give the URL as text.")
    return SQLiteDialect(path, busy_timeout_ms)


def location_of(target: Path | str) -> str:
    """How to show a database to a person: the path, or the URL without its password."""
    if isinstance(target, str) and is_url(target):
        try:
            return safe_url(target)
        except StorageError:
            return "(an unreadable database URL)"
    return str(Path(target).expanduser())


def safe_url(url: str) -> str:
    """The URL as a person typed it, minus any password (for messages, logs and settings)."""
    try:
        parsed = sa.engine.make_url(url.strip())
    except exc.ArgumentError:
        raise storage_error("cannot_open", "The database URL cannot be read; write it as postgresql://user@host/database.") from None
    if parsed.drivername == "postgresql+psycopg":
        parsed = parsed.set(drivername="postgresql")
    # URL.set(password=None) keeps the password ("not given"): build the URL without it.
    shown = sa.engine.URL.create(
        parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    # Unquoted: a person reads host=/run/postgresql, not host=%2Frun%2Fpostgresql.
    return unquote(shown.render_as_string(hide_password=False))


def json_dumps(value: Any) -> str:
    """json.dumps for the JSON columns, without the encoder for an empty list (most milestones'
    resources, many a milestone's steps: two per milestone written)."""
    if type(value) is list and not value:
        return "[]"
    return json.dumps(value)


def json_loads(text: str | bytes) -> Any:
    """json.loads for the JSON columns, through jiter where it can: a goal's load decodes two short
    lists per milestone, and jiter takes a tenth of json's time for each."""
    if text == "[]":  # most milestones' resources
        return []
    try:
        return jiter.from_json(text.encode() if isinstance(text, str) else text)
    except ValueError:
        # What jiter refuses (garbage, lone surrogate escapes) json decides, with the error Database reports.
        return json.loads(text)


# -- SQLite ---------------------------------------------------------------------------------------


def _configure_sqlite(busy_timeout_ms: int, dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take transaction control away from the sqlite3 module so BEGIN is ours (see SQLiteDialect.started).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a change reported as saved survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


class _KeptWriter:
    """The write engine's one connection (a StaticPool's), kept checked out between write
    transactions: checking a connection out of the pool and back in costs SQLAlchemy ~10 µs, a
    tenth of a check-off. Every use is under Database's write lock, one transaction at a time.
    After a failed transaction the connection is closed as before (the next one checks out afresh);
    once the engine's pool is replaced (Database.close disposes it), a new one is checked out."""

    __slots__ = ("connection", "engine", "pool")

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.connection: sa.Connection | None = None
        self.pool: Any = None

    def __enter__(self) -> sa.Connection:
        connection = self.connection
        if connection is None or connection.closed or connection.invalidated or self.pool is not self.engine.pool:
            self.pool = self.engine.pool
            connection = self.connection = self.engine.connect()
        return connection

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: object) -> None:
        if kind is not None and self.connection is not None:
            connection, self.connection = self.connection, None
            connection.close()


class SQLiteDialect:
    name = "sqlite"
    is_file = True
    noun = "database file"

    def __init__(self, path: Path, busy_timeout_ms: int) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self.location = str(path)
        self._writer: _KeptWriter | None = None

    def create_engines(self) -> tuple[sa.Engine, sa.Engine]:
        url = f"sqlite:///{self.path}"
        engine = sa.create_engine(url, json_serializer=json_dumps, json_deserializer=json_loads)
        # One connection for every write: data_version (read on it) then moves only for others' commits.
        write_engine = sa.create_engine(url, poolclass=StaticPool, json_serializer=json_dumps, json_deserializer=json_loads)
        for each in (engine, write_engine):
            # Listeners hold no reference to a Database: one nobody holds is freed (and unregistered) at once.
            event.listen(each, "connect", functools.partial(_configure_sqlite, self.busy_timeout_ms))
        self._writer = _KeptWriter(write_engine)
        return engine, write_engine

    def connect(self, engine: sa.Engine, write: bool) -> Any:
        """A context manager giving the transaction's connection."""
        if write and self._writer is not None and engine is self._writer.engine:
            return self._writer
        return engine.connect()

    def started(self, connection: sa.Connection, write: bool) -> None:
        # Our own BEGIN (the sqlite3 module's is off): writers take the write lock up front, so two
        # copies of the app never deadlock upgrading a read. Issued here rather than from a "begin"
        # engine event, whose mere presence makes SQLAlchemy dispatch events on every statement.
        # On the DBAPI connection: SQLAlchemy's statement machinery would cost more than the BEGIN.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")

    def committing(self, connection: sa.Connection, token: str) -> None:
        """Nothing to send: other copies see data_version move once this commits."""

    def has_table(self, connection: sa.Connection, name: str) -> bool:
        return sa.inspect(connection).has_table(name)

    def classify(self, error: BaseException, location: str | Path | None) -> StorageError | ValidationError:
        return classify_database_error(error, self.path)

    def data_version(self, write_engine: sa.Engine) -> int:
        with write_engine.connect() as connection:
            raw = connection.connection.driver_connection
            return int(raw.execute("PRAGMA data_version").fetchone()[0])

    driver_errors: tuple[type[BaseException], ...] = (exc.DBAPIError, sqlite3.Error)


# -- PostgreSQL -----------------------------------------------------------------------------------


class PostgresDialect:
    """A database on a PostgreSQL server, through psycopg 3 (`pip install 'goals-desktop[postgres]'`).

    The password is taken from the URL for this run only, or (better) from PGPASSWORD or
    ~/.pgpass, which libpq reads itself; it is never part of `location`, so never in a message,
    a log line or a setting.
    """

    name = "postgresql"
    is_file = False
    noun = "database"
    path = None

    def __init__(self, url: str, busy_timeout_ms: int) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise storage_error(
                "cannot_open",
                "Opening a postgresql:// database needs the PostgreSQL driver: pip install 'goals-desktop[postgres]'.",
            ) from None
        self.location = safe_url(url)
        parsed = sa.engine.make_url(url)
        self.url = parsed.set(drivername="postgresql+psycopg")
        self.busy_timeout_ms = busy_timeout_ms

    def conninfo(self) -> str:
        """A libpq connection string (with the password, if the URL had one) for raw psycopg use."""
        from psycopg.conninfo import make_conninfo

        url = self.url
        params: dict[str, Any] = {key: value for key, value in url.query.items() if isinstance(value, str)}
        for key, value in (("host", url.host), ("port", url.port), ("dbname", url.database), ("user", url.username), ("password", url.password)):
            if value is not None:
                params[key] = value
        params.setdefault("application_name", "goals-desktop")
        params.setdefault("connect_timeout", "10")
        return make_conninfo("", **params)

    def create_engines(self) -> tuple[sa.Engine, sa.Engine]:
        connect_args = {"application_name": "goals-desktop", "connect_timeout": 10}
        # Readers see one snapshot for the whole call (as an SQLite read transaction does).
        engine = sa.create_engine(
            self.url,
            isolation_level="REPEATABLE READ",
            connect_args=connect_args,
            json_serializer=json_dumps,
            json_deserializer=json_loads,
        )
        # Writers queue on one advisory lock, so READ COMMITTED statements after it see every
        # commit before ours: as serial as SQLite's single writer, with no serialization failures.
        write_engine = sa.create_engine(
            self.url,
            isolation_level="READ COMMITTED",
            pool_size=1,
            connect_args=connect_args,
            json_serializer=json_dumps,
            json_deserializer=json_loads,
        )
        for pooled in (engine, write_engine):
            event.listen(pooled, "checkout", _alive_or_replaced(pooled.dialect))
        return engine, write_engine

    def connect(self, engine: sa.Engine, write: bool) -> sa.Connection:
        return engine.connect()

    def started(self, connection: sa.Connection, write: bool) -> None:
        if write:
            # One round trip: the busy timeout (SET LOCAL) first, then queue for the writer lock.
            connection.exec_driver_sql(
                f"SELECT set_config('lock_timeout', '{int(self.busy_timeout_ms)}', true), pg_advisory_xact_lock({WRITE_LOCK_KEY})"
            )

    def committing(self, connection: sa.Connection, token: str) -> None:
        # In the transaction: delivered at COMMIT, never for a rollback. Only if it wrote a row (a
        # write assigns the transaction an id; the writer lock does not): a call that changed
        # nothing, like a check-off of a milestone already checked, must not make every other copy
        # reload.
        connection.execute(
            sa.text("SELECT pg_notify(:channel, :token) WHERE pg_current_xact_id_if_assigned() IS NOT NULL"),
            {"channel": CHANGES_CHANNEL, "token": token},
        )

    def has_table(self, connection: sa.Connection, name: str) -> bool:
        """Whether the search path finds a table name. As the inspector's has_table answers, in one
        plain statement: every Database has new engines, so SQLAlchemy compiled the inspector's
        catalog query again at each open (~1 ms)."""
        return connection.exec_driver_sql("SELECT to_regclass(%(name)s) IS NOT NULL", {"name": name}).scalar()

    def classify(self, error: BaseException, location: str | Path | None) -> StorageError | ValidationError:
        return classify_postgres_error(error, location)

    def data_version(self, write_engine: sa.Engine) -> int:
        raise NotImplementedError("PostgreSQL announces changes with NOTIFY; use a ChangeWatcher")

    @property
    def driver_errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (exc.DBAPIError, psycopg.Error)


def _alive_or_replaced(dialect: Any) -> Any:
    """The pool's checkout check for an engine of dialect: see check."""

    def check(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        _check_alive(dialect, dbapi_connection)

    return check


def _check_alive(dialect: Any, dbapi_connection: Any) -> None:
    """A pooled connection is handed out only if it still works (SQLAlchemy's pool_pre_ping, without
    its round trip on every call: a few hundred microseconds, more than a keyed statement).

    An idle connection has nothing to read unless the server spoke: when it drops a connection (a
    restart, pg_terminate_backend, an idle timeout) it sends its FATAL message and closes, so the
    socket turns readable. Only then is the connection pinged for real; if that fails the pool
    opens a new one (DisconnectionError), and nobody sees the drop."""
    try:
        socket = dbapi_connection.fileno()
    except Exception:  # closed on our side
        raise exc.DisconnectionError() from None
    if not select.select([socket], [], [], 0)[0]:
        return
    try:
        alive = dialect.do_ping(dbapi_connection)
    except Exception:
        alive = False
    if not alive:
        raise exc.DisconnectionError()


def new_token() -> str:
    """Who made a change: a NOTIFY carries it so a copy can tell its own commits from others'."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


def classify_postgres_error(error: BaseException, location: str | Path | None = None) -> StorageError | ValidationError:
    """One sentence with a way forward, from whatever psycopg/SQLAlchemy raised, by SQLSTATE."""
    original = getattr(error, "orig", None) or error
    state = getattr(original, "sqlstate", None) or ""
    text = str(original).strip()
    first_line = (text.splitlines() or [type(original).__name__])[0]
    where = f" ({location})" if location else ""
    if not state:
        # libpq refuses a connection before any SQLSTATE exists: read its words.
        lowered = text.lower()
        if "does not exist" in lowered and "database" in lowered:
            state = "3D000"
        elif "password" in lowered or "authentication" in lowered or ("role" in lowered and "does not exist" in lowered):
            state = "28000"
    if state in ("40001", "40P01"):
        return storage_error(
            "locked", f"Another copy changed the same data at the same moment{where}; nothing was changed — try again.", location
        )
    if state == "55P03":
        return storage_error(
            "locked", f"The database{where} is busy in another program; nothing was changed — try again in a moment.", location
        )
    if state == "3D000":
        return storage_error(
            "cannot_open",
            f"There is no such database on the server{where}; create it first (createdb) or open another one.",
            location,
        )
    if state.startswith("28"):
        return storage_error(
            "auth",
            f"The server refused the login{where}: {_libpq_reason(first_line)}; set the password in PGPASSWORD or "
            "~/.pgpass (never in the app's settings) and try again.",
            location,
        )
    if state in ("42501",):
        return storage_error(
            "readonly", f"This login may not change the database{where} (permission denied); ask its owner, or open another.", location
        )
    if state == "25006":
        return storage_error("readonly", f"The server{where} is read-only (a standby?); open the primary server instead.", location)
    if state.startswith("53"):
        return storage_error(
            "full", f"The database server{where} is out of room ({first_line}); nothing was changed — try again later.", location
        )
    if "nul (0x00)" in text.lower() or "0x00" in text:
        return ValidationError("The text contains a NUL character, which the database cannot hold; nothing was changed.")
    if state.startswith("22") or _is_data_error(original):
        # A value PostgreSQL cannot hold (a number too large, a NUL): the input's fault, not the server's.
        return ValidationError(f"A value cannot be stored ({first_line}); nothing was changed.")
    if state.startswith("08") or state.startswith("57P") or _looks_disconnected(original):
        return storage_error(
            "offline",
            f"The database server{where} cannot be reached ({_libpq_reason(first_line)}); nothing was changed — "
            "check the connection and try again.",
            location,
        )
    return storage_error("other", f"The database{where} could not be used ({first_line}); nothing was changed.", location)


def _is_data_error(error: BaseException) -> bool:
    # psycopg refuses some values before sending them (a NUL in a text): no SQLSTATE then.
    # Looked up, not imported: an error can only be psycopg's once psycopg is loaded.
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(error, psycopg.DataError)


def _looks_disconnected(error: BaseException) -> bool:
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(error, psycopg.OperationalError) and getattr(error, "sqlstate", None) is None


def _libpq_reason(line: str) -> str:
    # libpq says 'connection failed: connection to server on socket "/x/.s.PGSQL.5432" failed: reason'.
    reason = line.rsplit("failed:", 1)[-1].strip() or line
    return reason.rstrip(".")
