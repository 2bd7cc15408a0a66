"""While a write waits on another program's lock, reads are answered at once; a write that cannot
get the lock in time is a 503 in one sentence with nothing changed."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from goals_desktop.storage import Database, GoalService
from tests.api.conftest import state_of

HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@pytest.fixture
def seeded(api, seed_goal):
    api.service.import_goals([seed_goal])
    return api


@pytest.fixture
def lock_holder(seeded, db_path):
    """Another program (a process of its own) holding the database's write lock until released."""
    if isinstance(db_path, str):
        pytest.skip("SQLite's file lock; a PostgreSQL server queues writers on its advisory lock")
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(30)


def test_a_read_is_answered_at_once_while_a_write_waits_on_another_programs_lock(api, db_path, lock_holder):
    api.serve(GoalService(Database(db_path, busy_timeout_ms=3000)))
    before = state_of(api.service)
    written: dict = {}

    def write() -> None:
        written["answer"] = api.client.patch("/api/v1/goals/goal_123/roadmap/nodes/node_2", json={"completed": True})

    writer = threading.Thread(target=write)
    writer.start()
    waiting_since = time.monotonic()
    while not api.app.state.calls.writing():  # the write is in its worker, waiting on the lock
        assert time.monotonic() - waiting_since < 3, "the write never started"
        threading.Event().wait(0.005)
    started = time.monotonic()
    read = api.client.get("/api/v1/goals/goal_123")
    took = time.monotonic() - started
    assert read.status_code == 200 and read.json()["progress"] == 50
    assert took < 0.5, f"a read waited {took:.2f} s behind a blocked write"
    assert writer.is_alive()  # the write was still waiting while the read was answered

    writer.join(30)
    answer = written["answer"]
    assert answer.status_code == 503
    assert answer.json() == {"detail": "The database is busy in another program; nothing was changed — try again in a moment."}
    lock_holder.stdin.close()
    lock_holder.wait(30)
    assert state_of(api.service) == before
    # Once the other program is done, the same write goes through.
    assert api.client.patch("/api/v1/goals/goal_123/roadmap/nodes/node_2", json={"completed": True}).json()["progress"] == 100
