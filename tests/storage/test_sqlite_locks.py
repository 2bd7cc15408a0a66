"""Nothing in the app may drop the POSIX locks SQLite holds on an open database file.

POSIX locks belong to the process: opening and closing the file with any other descriptor drops
all of them, and another copy of the app may then checkpoint and delete the WAL this process is
still writing into (SQLite's "How To Corrupt An SQLite Database File", 2.2). Each test runs one
code path here, in process A, and asks a second process whether A still holds its SHARED lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from goals_desktop.storage import Database, GoalService
from goals_desktop.storage import backup as backups
from goals_desktop.storage.files import inspect_file

# POSIX locks on the SQLite file.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def lock_holder(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tests.storage.lock_probe", str(path)],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )
    return result.stdout.strip()


@pytest.fixture
def open_database(db_path):
    database = Database(db_path)
    service = GoalService(database)
    service.create_goal("Kept while other code looks at the file")
    # Sanity: the probe sees SQLite's lock, so a "none" below really means it was dropped.
    assert lock_holder(db_path) == str(os.getpid())
    yield database, service
    database.close()


def open_second_copy(path: Path) -> None:
    Database(path).close()


def inspect(path: Path) -> None:
    inspect_file(path)
    inspect_file(path, full=True)


def back_up(path: Path) -> None:
    backups.create_backup(path, reason="manual")


def set_aside(path: Path) -> None:
    backups._set_aside_damaged(path)


@pytest.mark.parametrize("code_path", [open_second_copy, inspect, back_up, set_aside], ids=lambda f: f.__name__)
def test_looking_at_the_open_file_keeps_sqlites_locks(open_database, db_path, code_path):
    database, service = open_database
    code_path(db_path)
    assert lock_holder(db_path) == str(os.getpid())
    service.create_goal("Written after the look")  # and the file still works
    assert [g.title for g in service.list_goals()][-1] == "Written after the look"


def test_restoring_through_the_open_database_keeps_its_locks_and_shows_the_backup(open_database, db_path):
    database, service = open_database
    backup = backups.create_backup(db_path, reason="manual")
    service.create_goal("Made after the backup")
    backups.restore_backup(db_path, backup, database=database)
    assert lock_holder(db_path) == str(os.getpid())
    assert [g.title for g in service.list_goals()] == ["Kept while other code looks at the file"]


def test_restoring_without_the_database_object_keeps_this_processs_locks(open_database, db_path):
    database, service = open_database
    backup = backups.create_backup(db_path, reason="manual")
    backups.restore_backup(db_path, backup)
    assert lock_holder(db_path) == str(os.getpid())
    assert [g.title for g in service.list_goals()] == ["Kept while other code looks at the file"]
