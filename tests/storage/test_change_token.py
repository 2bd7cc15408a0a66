"""GoalService.change_token: it moves after every commit — the service's own, another
connection's, another program's — stays while only reads happen, and is answered at once (never
waiting) while another program holds the write lock. On PostgreSQL it is None: no cache trusts it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.change_token import SqliteChangeToken

HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
connection.execute(sys.argv[2])
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""

CHANGE_TITLE = """
import sys
from goals_desktop.storage import Database, GoalService
database = Database(sys.argv[1])
GoalService(database).update_goal("goal_123", title="Changed by another program")
database.close()
"""


def test_postgresql_gives_no_token(seeded_service, db_path):
    if not isinstance(db_path, str):
        pytest.skip("SQLite has a token; tested below")
    assert seeded_service.change_token() is None


@pytest.mark.sqlite_only
def test_the_token_moves_with_the_services_own_writes_and_not_with_reads(seeded_service):
    service = seeded_service
    first = service.change_token()
    assert first is not None
    service.get_goal("goal_123")
    service.list_goals()
    assert service.change_token() == first, "a read moved the token"
    service.update_node("goal_123", "node_2", completed=True)  # this Database's own write connection
    second = service.change_token()
    assert second != first
    service.update_goal("goal_123", title="Again")
    assert service.change_token() not in (first, second)


@pytest.mark.sqlite_only
def test_the_token_moves_with_another_connections_and_another_programs_commits(seeded_service, db_path):
    service = seeded_service
    before = service.change_token()
    other = GoalService(Database(db_path))
    try:
        other.update_node("goal_123", "node_2", completed=True)
    finally:
        other.database.close()
    after_other_connection = service.change_token()
    assert after_other_connection != before
    subprocess.run([sys.executable, "-c", CHANGE_TITLE, str(db_path)], check=True, timeout=60)
    assert service.change_token() != after_other_connection
    # A raw connection committing a change the service never hears about moves it too.
    now = service.change_token()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE goals SET description = 'raw' WHERE id = 'goal_123'")
    assert service.change_token() != now


@pytest.mark.sqlite_only
@pytest.mark.parametrize("begin", ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"])
def test_the_token_is_answered_at_once_while_another_program_holds_the_write_lock(seeded_service, db_path, begin):
    service = GoalService(Database(db_path, busy_timeout_ms=5000))
    try:
        before = service.change_token()
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db_path), begin], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            started = time.monotonic()
            during = service.change_token()
            took = time.monotonic() - started
        finally:
            holder.stdin.close()
            holder.wait(30)
        assert took < 0.1, f"the token waited {took:.2f} s on another program's lock"
        assert during == before  # nothing committed
    finally:
        service.database.close()


@pytest.mark.sqlite_only
def test_no_token_outside_wal_mode_where_a_look_could_wait(tmp_path):
    path = tmp_path / "rollback-journal.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    watch = SqliteChangeToken(path)
    try:
        assert watch.current() is None
    finally:
        watch.close()


@pytest.mark.sqlite_only
def test_a_closed_database_gives_no_token(seeded_service, db_path):
    database = Database(db_path)
    assert database.change_token() is not None
    database.close()
    assert database.change_token() is None


@pytest.mark.sqlite_only
def test_the_watch_holds_no_snapshot_between_looks(seeded_service, db_path):
    """A look ends its read transaction: a watch left holding one would keep every checkpoint from
    emptying the WAL, which would then grow for as long as the server runs."""
    service = seeded_service
    service.change_token()
    service.update_node("goal_123", "node_2", completed=True)
    assert service.change_token() is not None
    with sqlite3.connect(db_path, timeout=0) as raw:
        busy, _frames, _done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0
