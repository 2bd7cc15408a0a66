"""The bad-database matrix: each case ends in one sentence with a way forward and the file untouched."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from goals_desktop.domain.errors import StorageError
from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.backup import create_backup, list_backups
from goals_desktop.ui.storage_ui import ACTION_LABELS

from .conftest import digest

# Damaged, read-only, full or locked database *files*: SQLite only (PostgreSQL's cases are in tests/storage/test_postgres.py).
pytestmark = pytest.mark.sqlite_only


def assert_one_sentence(error: StorageError, kind: str, path: Path) -> None:
    message = str(error)
    assert error.kind == kind, (error.kind, message)
    assert "\n" not in message and message.endswith(".")
    assert str(path) in message
    assert error.actions and set(error.actions) <= set(ACTION_LABELS)


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def corrupt_pages(path: Path, seed: int = 7) -> None:
    data = bytearray(path.read_bytes())
    rnd = random.Random(seed)
    for page in range(2, len(data) // 4096, 2):  # keep page 1: the header still says SQLite
        offset = (page - 1) * 4096
        data[offset : offset + 4096] = rnd.randbytes(4096)
    path.write_bytes(bytes(data))


def make_newer(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.commit()
    raw.close()


def make_foreign(path: Path) -> None:
    raw = sqlite3.connect(path)  # another program's database, in rollback-journal mode
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.execute("INSERT INTO contacts VALUES ('Ada')")
    raw.commit()
    raw.close()


DAMAGE = {
    "corrupt": (corrupt_pages, "corrupt"),
    "truncated_half": (lambda p: os.truncate(p, p.stat().st_size // 2), "corrupt"),
    "truncated_header": (lambda p: os.truncate(p, 50), "corrupt"),
    "not_sqlite_text": (lambda p: p.write_text("These are my goals, not a database.\n" * 50), "not_database"),
    "not_sqlite_binary": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "not_database"),
    "newer_schema": (make_newer, "newer"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_file_is_refused_in_one_sentence_and_left_untouched(db_path, populated, run_cli, case):
    damage, kind = DAMAGE[case]
    damage(db_path)
    before, files_before = digest(db_path), siblings(db_path)

    with pytest.raises(StorageError) as caught:
        Database(db_path)
    assert_one_sentence(caught.value, kind, db_path)

    code, out, err = run_cli("goals", "list")
    assert code == 1 and out == ""
    assert str(caught.value) in err
    code, _, err = run_cli("db", "check")
    assert code == 1 and err.startswith("goals-desktop: error: ")
    assert digest(db_path) == before and siblings(db_path) == files_before


def test_another_programs_sqlite_file_is_not_converted_or_migrated(tmp_path, run_cli, monkeypatch):
    path = tmp_path / "contacts.db"
    make_foreign(path)
    before = digest(path)
    with pytest.raises(StorageError) as caught:
        Database(path)
    assert_one_sentence(caught.value, "not_database", path)
    code, _, err = run_cli("--database", str(path), "goals", "create", "x")
    assert code == 1 and "another program" in err
    assert digest(path) == before  # still rollback-journal mode, no tables added


def test_corrupt_file_is_restored_from_the_automatic_backup(db_path, populated, run_cli):
    database = Database(db_path)
    exported = GoalService(database).export_goals()
    database.close()
    create_backup(db_path, reason="daily")
    corrupt_pages(db_path)
    damaged = db_path.read_bytes()

    code, out, _ = run_cli("db", "restore")
    assert code == 0 and "Restored" in out
    database = Database(db_path)
    assert GoalService(database).export_goals() == exported
    database.close()
    kept = [p for p in (db_path.parent / "backups").iterdir() if p.name.endswith(".damaged")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept, never lost
    code, out, _ = run_cli("db", "check")
    assert code == 0 and out.startswith("OK:") and "60 goals" in out


# -- read-only -------------------------------------------------------------------------------


@contextmanager
def read_only(target: Path):
    """Make target unwritable for this process: chmod for a normal user, chattr +i as root."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
            pytest.skip("running as root without chattr +i: cannot make a file read-only for root here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(target)], check=True)
    else:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            target.chmod(mode)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_is_refused_and_left_untouched(db_path, populated, run_cli, what):
    before, files_before = digest(db_path), siblings(db_path)
    with read_only(db_path if what == "file" else db_path.parent):
        with pytest.raises(StorageError) as caught:
            Database(db_path)
        assert_one_sentence(caught.value, "readonly", db_path)
        code, out, err = run_cli("goals", "create", "New goal")
        assert code == 1 and "read-only" in err
        assert digest(db_path) == before and siblings(db_path) == files_before
    titles = {g["title"] for g in GoalService(Database(db_path)).export_goals()}
    assert titles == {f"Goal {i}" for i in range(60)}


# -- full disk -------------------------------------------------------------------------------


def fill_until_full(service: GoalService) -> tuple[list[str], StorageError]:
    created = []
    for index in range(100_000):
        try:
            created.append(service.create_goal(f"Filler {index}", "x" * 4000).id)
        except StorageError as error:
            return created, error
    raise AssertionError("the disk never filled up")


def test_full_database_limit_refuses_the_change_and_keeps_everything_before(db_path):
    """SQLITE_FULL through PRAGMA max_page_count: the same error code a full disk gives."""
    from sqlalchemy import event

    database = Database(db_path)
    database.close()
    for engine in (database.engine, database._write_engine):
        event.listen(engine, "connect", lambda raw, _record: raw.execute("PRAGMA max_page_count = 60"))
    service = GoalService(database)
    created, error = fill_until_full(service)
    assert_one_sentence(error, "full", db_path)
    assert created, "nothing fitted at all"
    database.close()
    reopened = Database(db_path)
    assert sorted(g.id for g in GoalService(reopened).list_goals()) == sorted(created)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 1 MiB filesystem (tmpfs), when this process may mount one (root in CI)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True)
    if result.returncode:
        pytest.skip(f"cannot mount tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_really_full_disk_refuses_the_change_and_keeps_everything_before(tiny_disk):
    path = tiny_disk / "goals.sqlite3"
    database = Database(path)
    service = GoalService(database)
    created, error = fill_until_full(service)
    assert_one_sentence(error, "full", path)  # ENOSPC reaches us as SQLITE_FULL
    assert sorted(g.id for g in service.list_goals()) == sorted(created)
    database.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT count(*) FROM goals").fetchone() == (len(created),)


# -- locked ------------------------------------------------------------------------------------

HOLDER = """
import sqlite3, sys, time
raw = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[3] == "exclusive-mode":
    raw.execute("PRAGMA locking_mode = EXCLUSIVE")
    raw.execute("BEGIN EXCLUSIVE")
    raw.execute("SELECT count(*) FROM goals").fetchall()
else:
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("INSERT INTO goals (id, title, status, created_at, updated_at) VALUES ('held', 'Held', 'active', 'x', 'x')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
raw.execute("ROLLBACK")
"""


@contextmanager
def lock_held(path: Path, seconds: float, mode: str = "write"):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds), mode], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.wait(30)
        holder.stdout.close()


def test_write_locked_by_another_process_beyond_busy_timeout(db_path, populated):
    database = Database(db_path, busy_timeout_ms=200)
    service = GoalService(database)
    with lock_held(db_path, 1.0):
        assert len(service.list_goals()) == 60  # WAL: reading goes on while another program writes
        with pytest.raises(StorageError) as caught:
            service.create_goal("Blocked")
        assert_one_sentence(caught.value, "locked", db_path)
        assert "retry" in caught.value.actions
    assert service.create_goal("After the lock").title == "After the lock"
    assert [g.title for g in service.list_goals()][-1] == "After the lock"
    assert "Blocked" not in [g.title for g in service.list_goals()]


def test_whole_file_locked_by_another_process_at_open(db_path, populated):
    with lock_held(db_path, 1.0, mode="exclusive-mode"):
        with pytest.raises(StorageError) as caught:
            Database(db_path, busy_timeout_ms=200)
        assert_one_sentence(caught.value, "locked", db_path)
    assert len(GoalService(Database(db_path)).list_goals()) == 60


def test_a_short_lock_is_waited_out_by_the_cli(db_path, populated, run_cli):
    with lock_held(db_path, 0.5):
        code, out, _ = run_cli("goals", "create", "Patient")
    assert code == 0 and "Created" in out


# -- odd paths ---------------------------------------------------------------------------------


def test_database_path_that_is_a_folder_or_under_a_file(tmp_path, run_cli):
    with pytest.raises(StorageError) as caught:
        Database(tmp_path)
    assert_one_sentence(caught.value, "cannot_open", tmp_path)
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        Database(blocker / "goals.sqlite3")
    assert caught.value.kind == "cannot_open" and "\n" not in str(caught.value)
    code, _, err = run_cli("--database", str(blocker / "goals.sqlite3"), "goals", "list")
    assert code == 1


def test_empty_file_is_taken_as_a_new_database(db_path):
    db_path.write_bytes(b"")
    database = Database(db_path)
    assert GoalService(database).create_goal("First").title == "First"
    assert list_backups(db_path) == []


def test_garbage_in_a_json_column_is_a_storage_error_not_a_crash(db_path, populated, run_cli):
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE nodes SET details = '{not json' WHERE rowid = (SELECT min(rowid) FROM nodes)")
    service = GoalService(Database(db_path))
    with pytest.raises(StorageError) as caught:
        service.export_goals()
    assert_one_sentence(caught.value, "corrupt", db_path)
    code, _, err = run_cli("goals", "export")
    assert code == 1 and "cannot read" in err


def test_an_unexpected_bug_in_a_command_is_still_one_line(monkeypatch, capsys, db_path):
    import types

    from goals_desktop import cli

    def register(commands):
        commands.add_parser("broken").set_defaults(handler=lambda _service, _args: 1 / 0)

    broken_group = types.ModuleType("broken_group")
    broken_group.register = register
    monkeypatch.setitem(sys.modules, broken_group.__name__, broken_group)
    monkeypatch.setitem(cli.GROUPS, "broken", broken_group.__name__)
    monkeypatch.delenv("GOALS_DESKTOP_DEBUG", raising=False)
    assert cli.main(["broken"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "ZeroDivisionError" in err and "Traceback" not in err
    monkeypatch.setenv("GOALS_DESKTOP_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["broken"])
