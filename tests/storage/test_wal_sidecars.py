"""A look at the database file never deletes the -wal/-shm another copy of the app is using.

A read-only SQLite look at a WAL file (inspect_file, the window's first look) creates an empty
-wal and -shm when none were there. Removing them afterwards "because we made them" is a race:
another copy may have opened the file meanwhile and be using them. Its -shm unlinked, the next
copy builds a fresh one and neither sees the other's WAL index; its -wal unlinked, its commits go
into a file nobody else will ever read (found by the two-copies stress run: acknowledged writes of
the first second of the run were gone). Only SQLite may decide they are unused.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.files import _read_only_connection, inspect_file
from tests.support.children import start_child

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def titles(path: Path) -> list[str]:
    database = Database(path)
    try:
        return [goal.title for goal in GoalService(database).list_goals()]
    finally:
        database.close()


class Holder:
    """Another copy of the app, in its own process, that writes when told to."""

    def __init__(self, path: Path) -> None:
        self.process = start_child(
            [sys.executable, "-m", "tests.storage.copies_worker", str(path), "0", "holder"],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.readline() == ["O"]

    def readline(self) -> list[str]:
        line = self.process.stdout.readline()
        assert line, f"the other copy died (exit status {self.process.wait(timeout=30)})"
        return line.split()

    def write(self, title: str) -> None:
        self.process.stdin.write(title + "\n")
        self.process.stdin.flush()
        assert self.readline()[:2] == ["A", title]

    def crash(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def test_a_look_that_ends_while_another_copy_opened_the_file_keeps_its_writes(db_path):
    Database(db_path).close()  # the last copy closed: SQLite removed the -wal and -shm
    assert sidecars(db_path) == []
    with _read_only_connection(db_path) as look:
        look.execute("SELECT count(*) FROM goals").fetchone()  # the look makes an empty -wal/-shm
        assert sidecars(db_path) == [f"{db_path.name}-shm", f"{db_path.name}-wal"]
        holder = Holder(db_path)  # another copy starts meanwhile and uses them
    try:
        third = Database(db_path)  # and a third copy starts after the look
        service = GoalService(third)
        assert service.list_goals() == []
        holder.write("from-the-holder")
        service.create_goal("from-the-third-copy")
        both = ["from-the-holder", "from-the-third-copy"]
        assert sorted(goal.title for goal in service.list_goals()) == both
        third.close()
        holder.crash()  # nothing may depend on the holder closing cleanly
        assert sorted(titles(db_path)) == both
    finally:
        holder.process.kill()
        holder.process.wait(timeout=30)


def test_a_look_alone_still_leaves_nothing_behind(db_path):
    Database(db_path).close()
    inspect_file(db_path)
    with _read_only_connection(db_path) as look:
        look.execute("SELECT count(*) FROM goals").fetchone()
    assert sidecars(db_path) == []
