"""While a write (a REST call, or a WebSocket generation's save) waits on another program's lock,
reads are answered at once; a write that cannot get the lock in time is a 503 in one sentence with
nothing changed."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from goals_desktop.storage import Database, GoalService
from tests.api.conftest import state_of
from tests.api.test_websocket import generate, until
from tests.support.openai_server import Reply, milestone_lines

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


def test_a_generations_save_waiting_on_another_programs_lock_stalls_no_read(api, db_path, llm, lock_holder):
    """The WebSocket generation's save is a write like any other: while it waits on another
    program's lock (in the writer thread), reads are answered at once; it goes through once the
    other program lets go."""
    api.serve(GoalService(Database(db_path, busy_timeout_ms=5000)))
    llm.script(Reply(content=milestone_lines(3)))
    frames: list = []
    generation = threading.Thread(target=lambda: frames.extend(generate(api, {"goal_id": "goal_123", "goal_title": "Learn ML"})[0]))
    generation.start()
    until(lambda: llm.closed_streams == 1, "the model's answer never ended")  # the save comes next

    reads: list[float] = []
    reads_while_saving = 0
    deadline = time.monotonic() + 2
    while reads_while_saving < 5 and time.monotonic() < deadline:
        saving = api.app.state.calls.writing()
        started = time.monotonic()
        read = api.client.get("/api/v1/goals/goal_123")
        reads.append(time.monotonic() - started)
        assert read.status_code == 200 and len(read.json()["roadmap"]["nodes"]) == 2  # the old roadmap, still
        reads_while_saving += saving and api.app.state.calls.writing()
    assert max(reads) < 0.5, f"a read waited {max(reads):.2f} s behind a generation's blocked save"
    assert reads_while_saving == 5, "the save never waited in the writer thread"
    assert generation.is_alive()

    lock_holder.stdin.close()
    lock_holder.wait(30)
    generation.join(30)
    assert frames[-1] == {"goal_id": "goal_123", "success": True}
    labels = [n["label"] for n in api.client.get("/api/v1/goals/goal_123").json()["roadmap"]["nodes"]]
    assert {f"Milestone {i}" for i in range(1, 4)} <= set(labels)
