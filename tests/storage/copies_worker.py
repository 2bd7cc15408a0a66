"""One copy of the app for the two-copies stress test: `python -m tests.storage.copies_worker DB SEED ROLE`.

A "writer" opens the file, creates a few goals, closes it (the moment a copy decides whether it is
the last user and may checkpoint and delete the WAL), and starts again. A "looker" keeps the file
open and writes too, and between its writes runs the code paths that look at the live file: a
second Database on it, inspect_file, a backup, a restore through its open Database; now and then it
closes and reopens its own, so that at times no copy holds the file and copies start together.

Lines (times are CLOCK_MONOTONIC, shared by all processes; flushed at once):
- `A <title> <start> <ack> <pid> <sidecars>`: an acknowledged write (printed after the commit
  returned); sidecars are the -wal/-shm this process has open, `name:inode`, `!` when deleted;
- `B <begun>` when a restore begins (before its backup is taken), then
  `R <begun> <backup made> <restore entered> <restore done>`: writes that overlap begun..done may
  legitimately be undone by the restore. A `B` without its `R` is a restore cut short by the kill
  at the end of the run.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from goals_desktop.storage import Database, GoalService
from goals_desktop.storage import backup as backups
from goals_desktop.storage.files import inspect_file

_FDS = Path("/proc/self/fd")


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


def sidecars() -> str:
    """The -wal/-shm files this process has open (Linux): evidence when a write goes missing."""
    found = []
    try:
        descriptors = list(_FDS.iterdir())
    except OSError:
        return "-"
    for descriptor in descriptors:
        try:
            target = os.readlink(descriptor)
            inode = os.stat(descriptor).st_ino
        except OSError:
            continue
        deleted = target.endswith(" (deleted)")
        target = target.removesuffix(" (deleted)")
        if target.endswith(("-wal", "-shm")):
            found.append(f"{target[-3:]}{'!' if deleted else ''}:{inode}")
    return ",".join(sorted(found)) or "-"


def acknowledged_write(service: GoalService, title: str) -> None:
    started = time.monotonic()
    service.create_goal(title)
    say("A", title, started, time.monotonic(), os.getpid(), sidecars())


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
        # A short pause now and then: moments when no copy holds the file and the next ones start together.
        time.sleep(rnd.choice((0, 0, 0.01, 0.03)))


def looker(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    database = Database(path)
    service = GoalService(database)
    serial = 0
    while True:
        serial += 1
        acknowledged_write(service, f"l{seed}-{serial}")
        look = rnd.random()
        if look < 0.25:
            Database(path).close()
        elif look < 0.5:
            inspect_file(path)
        elif look < 0.75:
            backups.create_backup(path, reason="manual", keep=3)
        elif look < 0.9:
            restore(path, database)
        else:
            database.close()
            time.sleep(rnd.uniform(0, 0.05))
            database = Database(path)
            service = GoalService(database)


def restore(path: Path, database: Database) -> None:
    begun = time.monotonic()
    say("B", begun)
    backup = backups.create_backup(path, reason="manual", keep=3)
    made = time.monotonic()
    entered = []
    restore_from = database.restore_from

    def timed_restore_from(source: Path) -> None:
        entered.append(time.monotonic())
        restore_from(source)

    database.restore_from = timed_restore_from
    try:
        backups.restore_backup(path, backup, database=database)
    finally:
        del database.restore_from
    say("R", begun, made, entered[0], time.monotonic())


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
