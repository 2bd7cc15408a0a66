"""Several copies of the app on one file, killed and restored at random: no acknowledged write is lost.

Bounded for CI (STRESS_SECONDS, default 8); raise it for a long run. A write may legitimately be
undone only by a restore it overlaps (its backup was taken before the write committed). Every other
acknowledged write must be in the file at the end; a failure lists, for each lost write, when it was
acknowledged, which -wal/-shm its process had open (and whether they were deleted under it), and
the restores around it. The copies die with the test process, even if it is SIGKILLed.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from goals_desktop.storage import Database, GoalService
from tests.support.children import start_child

# Restores of file backups mid-run; the server version of the kill test is tests/safety/test_crash_safety.py.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("STRESS_SECONDS", "8"))


class Copy:
    def __init__(self, path: Path, seed: int, role: str) -> None:
        self.name = f"{role}-{seed}"
        self.errors = path.parent / f"{self.name}.stderr"
        with self.errors.open("w") as errors:  # a file, not a pipe: a chatty copy never blocks on it
            self.process = start_child(
                [sys.executable, "-m", "tests.storage.copies_worker", str(path), str(seed), role],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True,
            )
        self.lines: list[list[str]] = []
        self.dead_at: float | None = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.split())

    def kill(self) -> str:
        self.process.kill()
        self.process.wait(timeout=30)
        if self.dead_at is None:
            self.dead_at = time.monotonic()  # no commit of this copy can come after this
        self.reader.join(timeout=30)
        self.process.stdout.close()
        return self.errors.read_text()


@dataclass(frozen=True)
class Ack:
    title: str
    started: float
    acked: float
    pid: str
    sidecars: str


@dataclass(frozen=True)
class Restore:
    begun: float
    done: float  # the looker's death for a restore cut short: it may have committed up to then
    phases: tuple[float, ...]  # backup made, restore entered (empty when cut short)

    def overlaps(self, ack: Ack) -> bool:
        return ack.started < self.done and ack.acked > self.begun


def restores_of(looker: Copy) -> list[Restore]:
    finished = {line[1]: line for line in looker.lines if line[0] == "R"}
    restores = []
    for line in looker.lines:
        if line[0] == "B":
            done = finished.get(line[1])
            if done is None:
                restores.append(Restore(float(line[1]), looker.dead_at, ()))
            else:
                restores.append(Restore(float(line[1]), float(done[4]), (float(done[2]), float(done[3]))))
    return restores


def explain(lost: list[Ack], acks: list[Ack], restores: list[Restore], start: float) -> str:
    def at(moment: float) -> str:
        return f"{moment - start:.3f}"

    def window(restore: Restore) -> str:
        phases = "/".join(at(p) for p in restore.phases) or "cut short"
        return f"restore {at(restore.begun)}..{at(restore.done)} (backup made/restore entered {phases})"

    report = []
    for ack in lost[:10]:
        before = [r for r in restores if r.done <= ack.started]
        after = [r for r in restores if r.begun >= ack.acked]
        neighbours = ([window(before[-1])] if before else ["no restore before"]) + (
            [window(after[0])] if after else ["no restore after"]
        )
        report.append(
            f"  {ack.title} (pid {ack.pid}) written {at(ack.started)}..{at(ack.acked)} s, -wal/-shm {ack.sidecars}; "
            + "; ".join(neighbours)
        )
    orphaned = sum("!" in ack.sidecars for ack in acks)
    report.append(f"  {orphaned} of {len(acks)} writes were made with a deleted -wal/-shm open (marked '!')")
    return "\n".join(report)


def test_copies_killed_and_restored_lose_no_acknowledged_write(db_path):
    Database(db_path).close()
    rnd = random.Random(20261130)
    start = time.monotonic()
    looker = Copy(db_path, 1, "looker")
    copies = [looker] + [Copy(db_path, seed, "writer") for seed in (2, 3, 4)]
    everyone = list(copies)
    try:
        deadline = time.monotonic() + SECONDS
        seed = 10
        while time.monotonic() < deadline:
            time.sleep(rnd.uniform(0.2, 0.8))
            victim = rnd.randrange(1, len(copies))
            copies[victim].kill()
            seed += 1
            copies[victim] = Copy(db_path, seed, "writer")
            everyone.append(copies[victim])
    finally:
        errors = {copy.name: copy.kill() for copy in everyone}
    lines = [line for copy in everyone for line in copy.lines]
    acks = [Ack(line[1], float(line[2]), float(line[3]), line[4], line[5]) for line in lines if line[0] == "A"]
    restores = restores_of(looker)
    # Every copy died of SIGKILL, so any traceback is a failure of its own (locked, malformed, ...).
    failures = "".join(
        f"\n  {name}: {text.strip().splitlines()[-1]}" for name, text in errors.items() if "Traceback" in text
    )
    assert len(acks) > 50, "the copies barely wrote anything" + failures
    assert len({ack.title for ack in acks}) == len(acks)

    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    database = Database(db_path)
    stored = {goal.title for goal in GoalService(database).list_goals()}
    database.close()
    lost = sorted(
        (ack for ack in acks if ack.title not in stored and not any(r.overlaps(ack) for r in restores)),
        key=lambda ack: ack.acked,
    )
    assert lost == [], (
        f"{len(lost)} of {len(acks)} acknowledged writes are gone ({len(restores)} restores; times in s from the start):\n"
        + explain(lost, acks, restores, start)
        + failures
    )
    assert not failures, "copies failed:" + failures
    # A write into a -wal or -shm already deleted under its process is a loss waiting to happen.
    orphaned = [ack for ack in acks if "!" in ack.sidecars]
    assert orphaned == [], f"{len(orphaned)} writes went through a deleted -wal/-shm:\n" + explain(orphaned, acks, restores, start)
