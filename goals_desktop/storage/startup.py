"""The database file at the window's start, without holding up its first paint.

- first_look(path): the goal list read straight from the file through a read-only SQLite
  connection, with neither SQLAlchemy (~0.15 s to import) nor the integrity check, so the window can
  show the user's goals while the service is still being opened;
- check_and_back_up(path): the integrity check and the day's backup, for a worker thread once the
  window is up; what it finds wrong is reported, it never blocks.

Both touch the file only through SQLite (see files.sqlite_users).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from goals_desktop.domain.errors import StorageError
from goals_desktop.domain.models import Goal

from .backup import ensure_daily_backup
from .files import SQLITE_MAGIC, _read_only_connection, inspect_file, read_header
from .migrations import known_revisions
from .rows import GOAL_COLUMNS, goal_from_row

# GoalService.list_goals() with no filter, in SQLite's words (goals.CREATION_ORDER).
_GOAL_LIST = f"SELECT {', '.join(GOAL_COLUMNS)} FROM goals ORDER BY created_at, rowid"


def first_look(path: Path | str) -> list[Goal] | None:
    """The goals as GoalService.list_goals() lists them, or None when this quick look cannot tell
    (no file yet, an older schema to migrate, anything unusual): then opening the file decides."""
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size < 100:
            return None
        header = read_header(path)  # None if SQLite already holds it in this process: fine too
        if header is not None and not header.startswith(SQLITE_MAGIC):
            return None
        with _read_only_connection(path) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != known_revisions()[1]:
                return None
            connection.row_factory = sqlite3.Row
            return [goal_from_row(row, None) for row in connection.execute(_GOAL_LIST)]
    except (sqlite3.Error, OSError, StorageError, ValueError, TypeError):
        return None


def check_and_back_up(path: Path | str, back_up: bool = True) -> str | None:
    """quick_check the open database (through a read-only SQLite connection), then take the day's
    backup if there is none yet (back_up=False: a file this start created, nothing to keep yet).
    Returns one sentence if the file is damaged (no backup is made of it: it would push a good one
    out), else None. A failed backup is only logged, as at open."""
    path = Path(path)
    try:
        inspect_file(path)
    except StorageError as error:
        return str(error)
    if back_up:
        ensure_daily_backup(path)
    return None
