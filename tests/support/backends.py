"""Both backends for the tests: which tests run on which, fresh PostgreSQL databases, and a
dialect-neutral look at every row (so "nothing changed" is checked the same way on both).

Which tests run on PostgreSQL too (GOALS_TEST_BACKENDS):
  unset      the storage (service, todos), CLI, safety, API and exchange folders and
             tests/sync/test_caldav_sync.py on both; the rest on SQLite
  sqlite     everything on SQLite only (no server is started)
  all        every test that opens a database, on both (the whole suite, window tests included)
A test marked `sqlite_only` (file damage, WAL, file backups, POSIX locks) runs on SQLite only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import sqlalchemy as sa

TESTS = Path(__file__).resolve().parents[1]
BOTH_BACKEND_FOLDERS = {"storage", "safety", "cli", "api", "exchange"}
# Single files elsewhere that run on both (the rest of their folder is backend-neutral and slow).
BOTH_BACKEND_FILES = {("sync", "test_caldav_sync.py")}
BACKENDS_ENV = "GOALS_TEST_BACKENDS"
APP_TABLES = ("goals", "nodes", "edges", "todos", "subtasks")


def backends_for(test_path: Path, sqlite_only: bool) -> list[str]:
    choice = os.environ.get(BACKENDS_ENV, "").strip().lower()
    if sqlite_only or choice == "sqlite":
        return ["sqlite"]
    if choice == "all":
        return ["sqlite", "postgres"]
    try:
        parts = Path(test_path).resolve().relative_to(TESTS).parts
    except ValueError:
        return ["sqlite"]
    both = parts[0] in BOTH_BACKEND_FOLDERS or tuple(parts) in BOTH_BACKEND_FILES
    return ["sqlite", "postgres"] if both else ["sqlite"]


def engine_for(target: Path | str, **options) -> sa.Engine:
    """A plain SQLAlchemy engine on a test database (a path or a postgresql:// URL), for checks."""
    if isinstance(target, str) and "://" in target:
        return sa.create_engine(sa.engine.make_url(target).set(drivername="postgresql+psycopg"), **options)
    return sa.create_engine(f"sqlite:///{target}", **options)


# One engine per test database for snapshots, without a pool (nothing stays connected to a database a
# test may drop or lock): a new engine's first connection runs its dialect's set-up queries and starts
# an empty statement cache, which made a snapshot on PostgreSQL cost ~0.1 s (the API fuzz test takes
# hundreds). Tables that are not the app's (alembic_version) are reflected again only when their
# columns change.
_snapshot_engines: dict[str, sa.Engine] = {}
_reflected: dict[tuple[str, str, tuple[str, ...]], sa.Table] = {}


def _snapshot_engine(target: Path | str) -> sa.Engine:
    key = str(target)
    if key not in _snapshot_engines:
        _snapshot_engines[key] = engine_for(target, poolclass=sa.pool.NullPool)
    return _snapshot_engines[key]


def _foreign_table(conn: sa.Connection, key: str, name: str) -> sa.Table:
    columns = tuple(conn.execute(sa.text(f'SELECT * FROM "{name}" WHERE false')).keys())
    if (key, name, columns) not in _reflected:
        _reflected[(key, name, columns)] = sa.Table(name, sa.MetaData(), autoload_with=conn)
    return _reflected[(key, name, columns)]


def snapshot(target: Path | str) -> dict[str, list[str]]:
    """Every row of every table (as sorted reprs), read the same way on both dialects: booleans
    as booleans, JSON as objects (the schema's types, not each driver's raw values)."""
    from goals_desktop.storage.schema import metadata

    with _snapshot_engine(target).connect() as conn:
        tables = {}
        for name in sorted(sa.inspect(conn).get_table_names()):
            # The app's tables through their declared types; PostgreSQL's explicit insertion
            # order column (creation_seq; SQLite's is the hidden rowid) is not data.
            known = name in metadata.tables
            table = metadata.tables[name] if known else _foreign_table(conn, str(target), name)
            rows = conn.execute(sa.select(*table.columns)).all()
            tables[name] = sorted(repr(tuple(row)) for row in rows)
        return tables


class SQLiteTemplate:
    """An SQLite file migrated once per session: a test's database starts as a copy of it instead
    of running Alembic on a fresh file (~0.1 s a test), as DatabasePool hands out copies of a
    template database on PostgreSQL. Tests about creating or migrating a file open their own."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.sqlite3"
        self._made = False

    def copy_to(self, target: Path) -> Path:
        if not self._made:
            from goals_desktop.storage import Database

            Database(self.path).close()
            # Everything in the main file, so the copy needs no -wal beside it.
            with sqlite3.connect(self.path) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            self._made = True
        shutil.copyfile(self.path, target)
        return target

    def start(self, target: Path | str) -> None:
        """A test database about to be opened for the first time: a copy of the template if it is a
        file that does not exist yet (a URL is already migrated, a file that exists is the test's)."""
        if isinstance(target, Path) and not target.exists():
            self.copy_to(target)


class DatabasePool:
    """Fresh databases on one PostgreSQL server, each at the newest schema and empty.

    Creating a database costs ~0.2 s, so a released one is emptied (TRUNCATE) and handed out
    again when its schema is still exactly the template's; one a test changed is dropped.
    """

    def __init__(self, server) -> None:
        self.server = server
        self.free: list[str] = []
        self.count = 0
        self.fingerprint: tuple | None = None

    def _ensure_template(self) -> None:
        if self.fingerprint is not None:
            return
        from goals_desktop.storage import Database

        url = self.server.create_database("goals_template")
        Database(url).close()
        # CREATE DATABASE ... TEMPLATE needs nobody connected to the template.
        self.server.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'goals_template'"
        )
        self.fingerprint = self._schema_of("goals_template")

    def _schema_of(self, name: str) -> tuple:
        import psycopg

        with psycopg.connect(self.server.conninfo(name), autocommit=True) as conn:
            return self._schema(conn)

    @staticmethod
    def _schema(conn) -> tuple:
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()
        indexes = conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1").fetchall()
        constraints = conn.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()
        # Anything else a test may have added: views, sequences, functions, triggers.
        relations = conn.execute(
            "SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1"
        ).fetchall()
        functions = conn.execute("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1").fetchall()
        triggers = conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1").fetchall()
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall() if any(
            row[0] == "alembic_version" for row in columns
        ) else []
        return tuple(map(tuple, (columns, indexes, constraints, relations, functions, triggers, versions)))

    def acquire(self, empty_schema: bool = False) -> str:
        """A database name; empty_schema gives one without tables (for migration tests)."""
        if empty_schema:
            self.count += 1
            name = f"goals_bare_{self.count}"
            self.server.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
            return name
        self._ensure_template()
        if self.free:
            return self.free.pop()
        self.count += 1
        name = f"goals_test_{self.count}"
        self.server.execute(f'CREATE DATABASE "{name}" TEMPLATE goals_template STRATEGY FILE_COPY')
        return name

    def release(self, name: str) -> None:
        import psycopg

        try:
            with psycopg.connect(self.server.conninfo(name), autocommit=True) as conn:
                # Whatever the test left open (a Database nobody closed, a killed child's session) goes.
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                if self.fingerprint is None or self._schema(conn) != self.fingerprint:
                    raise LookupError("schema changed")
                conn.execute("SET lock_timeout = '5s'")
                conn.execute(f"TRUNCATE {', '.join(APP_TABLES)} RESTART IDENTITY CASCADE")
            self.free.append(name)
        except (LookupError, psycopg.Error):
            self.server.drop_database(name)
