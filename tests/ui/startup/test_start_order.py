"""The window's start, in the order a person sees it: the frame paints before anything but Qt is
loaded, the goals show before SQLAlchemy is, and the integrity check and the day's backup happen
after the window works, off its thread. Runs the real entry point (`python -m goals_desktop`)."""

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.domain.statuses import STATUSES
from goals_desktop.storage import open_service
from goals_desktop.storage.backup import list_backups
from goals_desktop.ui import goal_list, goals_panel, main_window


def start(tmp_path, db_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "GOALS_DESKTOP_DATABASE": str(db_path), "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "goals_desktop"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    marks = {}
    for line in done.stdout.splitlines():
        name, wall, cpu, rss, sqlalchemy = line.split()
        marks[name] = (float(wall), float(cpu), int(rss), sqlalchemy == "1")
    return marks


@pytest.mark.sqlite_only
def test_frame_then_goals_then_the_rest(tmp_path, db_path):
    service = open_service(db_path)
    for title in ("Run a marathon", "Learn Spanish"):
        service.create_goal(title)
    service.db.close()
    marks = start(tmp_path, db_path)
    assert list(marks) == ["first-paint", "goals-listed", "started"]
    assert not marks["first-paint"][3] and not marks["goals-listed"][3], "SQLAlchemy was loaded before the goals showed"
    assert marks["started"][3]
    assert marks["first-paint"][0] <= marks["goals-listed"][0] <= marks["started"][0]
    # The day's backup was made by the start-up checks (before the process ended), not at open.
    assert [b.reason for b in list_backups(db_path)] == ["daily"]


@pytest.mark.sqlite_only
def test_a_fresh_file_gets_the_example_and_no_backup(tmp_path, db_path):
    marks = start(tmp_path, db_path)
    assert list(marks) == ["first-paint", "goals-listed", "started"]  # the list comes with the service
    assert list_backups(db_path) == []  # nothing of the person's to back up yet
    service = open_service(db_path)
    assert len(service.list_goals()) == 1
    service.db.close()


def test_a_server_database_opens_after_the_frame(tmp_path, db_path, backend):
    service = open_service(db_path)
    service.create_goal("Shared plan")
    service.db.close()
    marks = start(tmp_path, db_path)
    assert list(marks) == ["first-paint", "goals-listed", "started"]
    assert not marks["first-paint"][3]
    # A file's goals show before SQLAlchemy is loaded; a server's come with the service.
    assert marks["goals-listed"][3] == (backend == "postgres")


def test_a_problem_found_after_start_offers_the_backup(qtbot, window):
    text = "The database file (x) is damaged; restore it from a backup or open another file."
    box = window.report_storage_problem(text)
    qtbot.waitUntil(box.isVisible)
    assert box.text() == text and text in window.statusBar().currentMessage()
    restore = next(b for b in box.buttons() if "Restore from backup" in b.text())
    started = []
    window.database.restore_flow.start = lambda: started.append(True)
    restore.click()
    qtbot.waitUntil(lambda: started == [True])


def test_the_frame_agrees_with_the_modules_it_does_not_import_yet(qtbot, tmp_path):
    frame = main_window.MainWindow(None, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(frame)
    assert goals_panel.GOAL_ID_ROLE == goal_list.GOAL_ID_ROLE
    statuses = [frame.goals.status_filter.itemData(i) for i in range(1, frame.goals.status_filter.count())]
    assert tuple(statuses) == STATUSES
    assert frame.service is None and frame.goals.model is None


@pytest.mark.sqlite_only
def test_the_start_up_checks_report_a_damaged_file_from_their_thread(qtbot, db_path):
    import threading

    from goals_desktop.app import StartupChecks
    from goals_desktop.storage import Database, GoalService

    service = open_service(db_path)
    for index in range(300):
        service.create_goal(f"Goal {index}", "x" * 200)
    service.db.close()
    with open(db_path, "r+b") as damaged:
        damaged.seek(4096 * 3)
        damaged.write(os.urandom(4096))
    opened = GoalService(Database(db_path, check_integrity=False))  # the window's open: no check here
    checks = StartupChecks(db_path)
    heard = []
    checks.problem.connect(lambda text: heard.append((text, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(checks.problem, timeout=10_000):
        checks.start()
    checks.join()
    qtbot.waitUntil(lambda: bool(heard))
    (text, on_main_thread), = heard
    assert "damaged" in text and on_main_thread and checks.thread is not threading.current_thread()
    assert list_backups(db_path) == []
    opened.db.close()
