"""Several copies of the app on one file, killed and restored at random: no acknowledged write is lost.

Bounded for CI (STRESS_SECONDS, default 8); raise it for a long run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from goals_desktop.storage import Database, GoalService

# Restores of file backups mid-run; the server version of the kill test is tests/safety/test_crash_safety.py.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("STRESS_SECONDS", "8"))


class Copy:
    def __init__(self, path: Path, seed: int, role: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.copies_worker", str(path), str(seed), role],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.split())

    def kill(self) -> str:
        self.process.kill()
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        return self.process.stderr.read()


def test_copies_killed_and_restored_lose_no_acknowledged_write(db_path):
    Database(db_path).close()
    rnd = random.Random(20261130)
    copies = [Copy(db_path, 1, "looker")] + [Copy(db_path, seed, "writer") for seed in (2, 3, 4)]
    killed = [copies[0]]
    try:
        deadline = time.monotonic() + SECONDS
        seed = 10
        while time.monotonic() < deadline:
            time.sleep(rnd.uniform(0.2, 0.8))
            victim = rnd.randrange(1, len(copies))
            copies[victim].process.send_signal(signal.SIGKILL)
            killed.append(copies[victim])
            seed += 1
            copies[victim] = Copy(db_path, seed, "writer")
    finally:
        errors = {id(copy): copy.kill() for copy in copies + killed}
    looker_errors = errors[id(killed[0])]
    assert "Error" not in looker_errors, looker_errors

    lines = [line for copy in copies + killed for line in copy.lines]
    restores = [(float(line[1]), float(line[2])) for line in lines if line[0] == "R"]
    acknowledged = [(line[1], float(line[2]), float(line[3])) for line in lines if line[0] == "A"]
    assert len(acknowledged) > 50, "the copies barely wrote anything"

    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    database = Database(db_path)
    stored = {goal.title for goal in GoalService(database).list_goals()}
    database.close()
    lost = [
        title
        for title, started, acked in acknowledged
        if title not in stored and not any(started < done and acked > begun for begun, done in restores)
    ]
    assert lost == [], f"{len(lost)} of {len(acknowledged)} acknowledged writes are gone ({len(restores)} restores)"
