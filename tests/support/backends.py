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


# One engine per test database for snapshots: a new engine's first connection runs its dialect's set-up
# queries and starts an empty statement cache, which made a snapshot on PostgreSQL cost ~0.1 s (the API
# fuzz test takes hundreds). On SQLite without a pool (nothing stays open on a file a test may replace
# or lock). On PostgreSQL one connection is kept between snapshots (a new one cost the server ~5 ms
# of CPU a snapshot) until DatabasePool.release lets the database go (forget_snapshot_connection); a test
# that ends it meanwhile (a server "restart") costs the next snapshot a new one (pre-ping). Tables
# that are not the app's (alembic_version) are reflected again only when their columns change.
_snapshot_engines: dict[str, sa.Engine] = {}
_reflected: dict[tuple[str, str, tuple[str, ...]], sa.Table] = {}


def _snapshot_engine(target: Path | str) -> sa.Engine:
    key = str(target)
    if key not in _snapshot_engines:
        if isinstance(target, str) and "://" in target:
            _snapshot_engines[key] = engine_for(target, pool_size=1, pool_pre_ping=True)
        else:
            _snapshot_engines[key] = engine_for(target, poolclass=sa.pool.NullPool)
    return _snapshot_engines[key]


def forget_snapshot_connection(target: Path | str) -> None:
    """Close what snapshots keep open on target (before its database is emptied or dropped); the
    engine stays, with its statement cache, for the next test on the same database."""
    engine = _snapshot_engines.get(str(target))
    if engine is not None:
        engine.dispose()


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


# What a test could change of a database's schema, as one line each, hashed on the server: one query
# straight on the catalogs. The information_schema views cost a new connection ~10 ms of the server's
# CPU, most of a release. Every namespace but the system's and the sessions' temporary ones (which go
# with their sessions): schemas, relations (tables, indexes, views, sequences), columns with their
# types, nullability, identity and defaults, indexes, constraints, types, functions, triggers, rules,
# and the Alembic revision.
_SCHEMA_FINGERPRINT = """
WITH user_ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
)
SELECT md5(string_agg(line, E'\\n' ORDER BY line)) FROM (
  SELECT concat_ws(' ', 'schema', nspname) FROM user_ns
  UNION ALL
  SELECT concat_ws(' ', 'relation', n.nspname, c.relname, c.relkind, c.relpersistence, c.relacl::text)
  FROM pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  UNION ALL
  SELECT concat_ws(' ', 'column', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid))
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN user_ns n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT concat_ws(' ', 'index', pg_get_indexdef(i.indexrelid))
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN user_ns n ON n.oid = c.relnamespace
  UNION ALL
  SELECT concat_ws(' ', 'constraint', n.nspname, k.conname, pg_get_constraintdef(k.oid))
  FROM pg_constraint k JOIN user_ns n ON n.oid = k.connamespace
  UNION ALL
  SELECT concat_ws(' ', 'type', n.nspname, t.typname, t.typtype) FROM pg_type t JOIN user_ns n ON n.oid = t.typnamespace
  UNION ALL
  SELECT concat_ws(' ', 'function', p.oid::regprocedure, md5(p.prosrc)) FROM pg_proc p JOIN user_ns n ON n.oid = p.pronamespace
  UNION ALL
  SELECT concat_ws(' ', 'trigger', t.tgrelid::regclass, t.tgname, t.tgenabled) FROM pg_trigger t WHERE NOT t.tgisinternal
  UNION ALL
  SELECT concat_ws(' ', 'rule', r.ev_class::regclass, r.rulename)
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN user_ns n ON n.oid = c.relnamespace
  UNION ALL
  SELECT concat_ws(' ', 'revision', version_num) FROM alembic_version
) AS lines (line)
"""


class DatabasePool:
    """Fresh databases on one PostgreSQL server, each at the newest schema and empty.

    Creating a database costs ~0.25 CPU-s of the server's, so a released one is emptied and handed
    out again when its schema is still exactly the template's (_SCHEMA_FINGERPRINT) and the server
    keeps no settings of its own for it; any other is dropped. A release costs the server ~10 ms of
    CPU: one new connection to the database (~3 ms), one catalog query, and a DELETE of every row.
    DELETE, not TRUNCATE: a TRUNCATE gives each table and index a new file and a new catalog row, so
    it cost ~10–30 ms and left the catalogs bloated for the next test's queries until autovacuum came
    by. A table that has grown past EMPTY_BY_TRUNCATE_BYTES (dead rows waiting for autovacuum
    included) is truncated all the same, so no test starts on a large file of dead rows. Ending the
    sessions a test left and creating databases go through one connection to the server's
    `postgres` database, kept open.
    """

    EMPTY_BY_TRUNCATE_BYTES = 2 << 20

    def __init__(self, server) -> None:
        self.server = server
        self.free: list[str] = []
        self.count = 0
        self.fingerprint: str | None = None
        self.template_settings: tuple = ()
        #: Every table of the template but alembic_version: what a release empties.
        self.tables: tuple[str, ...] = ()
        self._admin = None

    def _server_side(self, statement: str, params: tuple | None = None) -> list[tuple]:
        """statement on the kept connection to the `postgres` database (opened again if a test or
        a restart ended it)."""
        import psycopg

        for attempt in (1, 2):
            if self._admin is None or self._admin.closed:
                self._admin = psycopg.connect(self.server.conninfo("postgres"), autocommit=True)
            try:
                cursor = self._admin.execute(statement, params)
                return cursor.fetchall() if cursor.description else []
            except psycopg.OperationalError:
                if attempt == 2 or not self._admin.broken:
                    raise
                self._admin.close()
        raise AssertionError("unreachable")

    def _end_sessions(self, name: str) -> tuple:
        """End every session on database name; what the server keeps for it besides its contents
        (connections allowed, a connection limit, settings made with ALTER DATABASE), to compare
        with the template's."""
        rows = self._server_side(
            "SELECT datallowconn, datconnlimit, (SELECT count(*) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid), "
            "(SELECT count(pg_terminate_backend(a.pid)) FROM pg_stat_activity a WHERE a.datname = d.datname "
            "AND a.pid <> pg_backend_pid()) FROM pg_database d WHERE d.datname = %s",
            (name,),
        )
        return tuple(rows[0][:3]) if rows else ()

    def _ensure_template(self) -> None:
        if self.fingerprint is not None:
            return
        import psycopg

        from goals_desktop.storage import Database

        url = self.server.create_database("goals_template")
        Database(url).close()
        # CREATE DATABASE ... TEMPLATE needs nobody connected to the template.
        self.template_settings = self._end_sessions("goals_template")
        with psycopg.connect(self.server.conninfo("goals_template"), autocommit=True) as conn:
            self.fingerprint = conn.execute(_SCHEMA_FINGERPRINT).fetchone()[0]
            self.tables = tuple(
                row[0]
                for row in conn.execute(
                    "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                    "WHERE schemaname = 'public' AND tablename <> 'alembic_version' ORDER BY 1"
                )
            )

    def acquire(self, empty_schema: bool = False) -> str:
        """A database name; empty_schema gives one without tables (for migration tests)."""
        if empty_schema:
            self.count += 1
            name = f"goals_bare_{self.count}"
            self._server_side(f'CREATE DATABASE "{name}" TEMPLATE template0')
            return name
        self._ensure_template()
        if self.free:
            return self.free.pop()
        self.count += 1
        name = f"goals_test_{self.count}"
        self._server_side(f'CREATE DATABASE "{name}" TEMPLATE goals_template STRATEGY FILE_COPY')
        return name

    def release(self, name: str) -> None:
        import psycopg

        forget_snapshot_connection(self.server.url(name))
        try:
            # Whatever the test left open (a Database nobody closed, a killed child's session) goes.
            if self._end_sessions(name) != self.template_settings:
                raise LookupError("the server's settings for the database changed")
            # lock_timeout: a session just ended may still hold its locks for a moment. The replica
            # role skips the foreign keys' triggers, which only slow a DELETE of every row down.
            options = "-c lock_timeout=5s -c session_replication_role=replica"
            with psycopg.connect(self.server.conninfo(name), autocommit=True, options=options) as conn:
                if conn.execute(_SCHEMA_FINGERPRINT).fetchone()[0] != self.fingerprint:
                    raise LookupError("schema changed")
                largest = conn.execute(
                    "SELECT max(pg_total_relation_size(oid)) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
                ).fetchone()[0]
                if largest > self.EMPTY_BY_TRUNCATE_BYTES:
                    conn.execute(f"TRUNCATE {', '.join(self.tables)} RESTART IDENTITY")
                else:
                    # One round trip; the identity columns count from their start again, as after a copy.
                    conn.execute("".join(f"DELETE FROM {table}; " for table in self.tables)
                                 + "SELECT setval(seqrelid, seqstart, false) FROM pg_sequence")
            self.free.append(name)
        except (LookupError, psycopg.Error):
            self.server.drop_database(name)

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
