"""One copy of the app for the two-copies stress test: `python -m tests.storage.copies_worker DB SEED ROLE`.

A "writer" opens the file, creates a few goals, closes it (the moment a copy decides whether it is
the last user and may checkpoint and delete the WAL), and starts again. A "looker" keeps the file
open and writes too, and between its writes runs the code paths that look at the live file: a
second Database on it, inspect_file, a backup, a restore through its open Database.

Every acknowledged write is printed as `A <title> <start> <ack>` (CLOCK_MONOTONIC, shared by all
processes); a restore as `R <backup started> <restore done>`, since writes acknowledged in that
window may legitimately be undone by it. Lines are flushed at once.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from goals_desktop.storage import Database, GoalService
from goals_desktop.storage import backup as backups
from goals_desktop.storage.files import inspect_file


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def acknowledged_write(service: GoalService, title: str) -> None:
    started = time.monotonic()
    service.create_goal(title)
    say("A", title, started, time.monotonic())


def writer(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    serial = 0
    while True:
        database = Database(path)
        service = GoalService(database)
        for _ in range(rnd.randint(1, 4)):
            serial += 1
            acknowledged_write(service, f"w{seed}-{serial}")
        database.close()


def looker(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    database = Database(path)
    service = GoalService(database)
    serial = 0
    while True:
        serial += 1
        acknowledged_write(service, f"l{seed}-{serial}")
        look = rnd.random()
        if look < 0.3:
            Database(path).close()
        elif look < 0.6:
            inspect_file(path)
        elif look < 0.85:
            backups.create_backup(path, reason="manual", keep=3)
        else:
            started = time.monotonic()
            backup = backups.create_backup(path, reason="manual", keep=3)
            backups.restore_backup(path, backup, database=database)
            say("R", started, time.monotonic())


def holder(path: Path, seed: int) -> None:
    """Keeps the file open and writes one goal per title read from stdin (tests/storage/test_wal_sidecars.py)."""
    database = Database(path)
    service = GoalService(database)
    say("O")
    for line in sys.stdin:
        acknowledged_write(service, line.strip())


if __name__ == "__main__":
    role = {"writer": writer, "looker": looker, "holder": holder}[sys.argv[3]]
    role(Path(sys.argv[1]), int(sys.argv[2]))
