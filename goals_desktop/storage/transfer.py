"""Moving all of one's data between databases: an SQLite file and a PostgreSQL server, either way.

`copy_database` reads the source in one snapshot and writes the target in one transaction, row
for row: the same ids, timestamps, progress, positions, links and order (goals keep their
insertion order — SQLite's rowid, PostgreSQL's creation_seq — so same-second goals list alike).
A target that holds anything is refused unless `replace` is given; either way the target ends
wholly copied or, on any error, exactly as it was.

Also here: what `db check` reports about a server database, and `db backup` on one (pg_dump).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from goals_desktop.domain.errors import ValidationError

from .db import Database
from .errors import storage_error
from .goals import INSERTION_ORDER
from .schema import edges, goals, nodes, subtasks, todos

# Parents before children, so every foreign key finds its row.
TABLES = (goals, nodes, edges, todos, subtasks)
_ORDER = {
    "goals": (INSERTION_ORDER,),  # SQLite's rowid, PostgreSQL's creation_seq: the target gets the same order
    "nodes": (nodes.c.goal_id, nodes.c.seq, nodes.c.id),
    "edges": (edges.c.goal_id, edges.c.seq, edges.c.id),
    "todos": (todos.c.seq, todos.c.id),
    "subtasks": (subtasks.c.todo_id, subtasks.c.seq, subtasks.c.id),
}
BATCH = 1000


@dataclass(frozen=True, slots=True)
class CopyReport:
    source: str
    target: str
    counts: dict[str, int]
    replaced: dict[str, int]  # what the target held before (emptied with --replace)

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c['goals']} goal{'s' if c['goals'] != 1 else ''} ({c['nodes']} milestones, {c['edges']} links), "
            f"{c['todos']} todo{'s' if c['todos'] != 1 else ''} ({c['subtasks']} subtasks)"
        )


def counts(connection: sa.Connection) -> dict[str, int]:
    return {table.name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() for table in TABLES}


def same_database(first: Database, second: Database) -> bool:
    if first.is_file and second.is_file:
        try:
            return first.path.resolve() == second.path.resolve() or first.path.samefile(second.path)
        except OSError:
            return False
    return first.location == second.location


def copy_database(source: Database, target: Database, replace: bool = False) -> CopyReport:
    """Copy every goal, roadmap, todo and subtask from source into target (see the module doc)."""
    if same_database(source, target):
        raise ValidationError(f"The source and the target are the same database ({target.location}); nothing was copied.")
    with source.read() as reading:
        rows = {
            table.name: [dict(row) for row in reading.execute(sa.select(table).order_by(*_ORDER[table.name])).mappings()]
            for table in TABLES
        }
    with target.write() as writing:
        before = counts(writing)
        if any(before.values()):
            if not replace:
                raise ValidationError(
                    f"The target ({target.location}) already holds {before['goals']} goals and {before['todos']} todos; "
                    "nothing was copied. Add --replace to replace them with the copy."
                )
            for table in reversed(TABLES):
                writing.execute(table.delete())
        for table in TABLES:
            batch = rows[table.name]
            for start in range(0, len(batch), BATCH):
                writing.execute(table.insert(), batch[start : start + BATCH])
        after = counts(writing)
    expected = {name: len(batch) for name, batch in rows.items()}
    if after != expected:  # cannot happen inside one transaction; guard against a schema surprise
        raise storage_error("other", f"The copy into {target.location} came out with {after} rows instead of {expected}.")
    return CopyReport(source.location, target.location, expected, before)


# -- db check / db backup on a server -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerReport:
    location: str
    revision: str | None
    head: str
    counts: dict[str, int] | None
    server_version: str


def check_server(database: Database) -> ServerReport:
    """Reach the server, read the schema version and what the database holds."""
    current, head = database.schema_revisions()
    with database.read() as connection:
        version = connection.exec_driver_sql("SHOW server_version").scalar()
        held = counts(connection) if current is not None else None
    return ServerReport(database.location, current, head, held, version)


def pg_dump_command() -> str | None:
    """pg_dump from PATH (a PostgreSQL client install); None if there is none."""
    return shutil.which("pg_dump")


def dump_server(database: Database, output: Path | None = None, pg_dump: str | None = None) -> Path:
    """A pg_dump (custom format, restorable with pg_restore) of the database into output.

    The password, if the URL carried one, reaches pg_dump through PGPASSWORD, never its command
    line (which other users of the machine could read).
    """
    program = pg_dump or pg_dump_command()
    if program is None:
        raise storage_error(
            "no_backup",
            "A PostgreSQL database is backed up by the server's own tools, and pg_dump is not installed here: "
            f"install the PostgreSQL client and run: pg_dump --format=custom --file goals.pgdump '{database.location}'.",
        )
    url = database.dialect.url
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    output = Path(output) if output else Path.cwd() / f"{url.database or 'goals'}-{stamp}.pgdump"
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    arguments = [program, "--format=custom", "--no-owner", f"--file={output}", f"--dbname={database.location}"]
    try:
        done = subprocess.run(arguments, env=env, capture_output=True, text=True, timeout=3600)
    except OSError as error:
        raise storage_error("no_backup", f"pg_dump could not be started ({error.strerror or error}); nothing was backed up.") from None
    if done.returncode != 0:
        output.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1].removeprefix("pg_dump: error: ")
        raise storage_error("no_backup", f"pg_dump could not back up {database.location} ({reason}); nothing was backed up.")
    return output
