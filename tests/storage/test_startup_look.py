"""The window's start: the goal list read straight from the file (no SQLAlchemy), and the integrity
check with the day's backup made afterwards, in a worker thread."""

import os
import sqlite3
import subprocess
import sys

import pytest

from goals_desktop.storage import Database, GoalService, open_service
from goals_desktop.storage.backup import create_backup, list_backups
from goals_desktop.storage.startup import check_and_back_up, first_look

pytestmark = pytest.mark.sqlite_only  # a look at a file (a server's database opens as before)


def test_the_first_look_lists_what_the_service_lists(service, db_path):
    for title in ("Alpha", "Beta", "Gamma", "Delta"):  # created within the same second: rowid order
        service.create_goal(title, f"about {title}", "2027-03-01")
    service.update_goal(service.list_goals()[1].id, status="abandoned")
    goal = service.list_goals()[2]
    service.set_roadmap(goal.id, {"nodes": [{"id": "a", "label": "A", "completed": True}, {"id": "b", "label": "B"}], "edges": []})
    assert first_look(db_path) == service.list_goals()


def test_the_first_look_imports_no_sqlalchemy(db_path):
    open_service(db_path).create_goal("Read without SQLAlchemy")
    code = (
        "import sys; from goals_desktop.storage.startup import first_look; "
        f"goals = first_look({str(db_path)!r}); "
        "print([g.title for g in goals], 'sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "['Read without SQLAlchemy'] False", done.stderr


def test_the_first_look_steps_aside_when_it_cannot_tell(tmp_path, db_path):
    assert first_look(tmp_path / "missing.sqlite3") is None
    assert first_look("postgresql://someone@localhost/goals") is None  # a server: nothing to look at
    (tmp_path / "notes.txt").write_text("not a database, but long enough to have a header " * 4)
    assert first_look(tmp_path / "notes.txt") is None
    service = open_service(db_path)
    service.create_goal("Old schema")
    service.db.close()
    with sqlite3.connect(db_path) as connection:  # a file from an older version: migrating is the service's job
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    before, files = db_path.read_bytes(), sorted(os.listdir(db_path.parent))
    assert first_look(db_path) is None
    assert db_path.read_bytes() == before and sorted(os.listdir(db_path.parent)) == files  # nothing left behind


def test_check_and_back_up_takes_the_days_backup_of_a_sound_file(service, db_path):
    service.create_goal("Backed up after start")
    assert check_and_back_up(db_path) is None
    (backup,) = list_backups(db_path)
    assert backup.reason == "daily"
    assert [g.title for g in GoalService(Database(backup.path, migrate=False)).list_goals()] == ["Backed up after start"]
    assert check_and_back_up(db_path) is None and len(list_backups(db_path)) == 1  # one a day


def test_a_damaged_file_is_reported_and_not_backed_up(db_path):
    service = open_service(db_path)
    for index in range(300):  # enough rows for pages beyond the first few
        service.create_goal(f"Goal {index}", "x" * 200)
    create_backup(db_path, reason="manual")
    service.db.close()
    with open(db_path, "r+b") as damaged:
        damaged.seek(4096 * 3)
        damaged.write(os.urandom(4096))
    opened = GoalService(Database(db_path, check_integrity=False))  # as the window opens it
    problem = check_and_back_up(db_path)
    assert problem is not None and "damaged" in problem and "\n" not in problem
    assert [b.reason for b in list_backups(db_path)] == ["manual"]  # the good backup was not pushed out
    opened.db.close()
