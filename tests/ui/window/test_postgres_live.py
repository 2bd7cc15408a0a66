"""Two windows, the CLI and File ▸ Open database… on one PostgreSQL server: a check-off in one
window shows in the other within a second (NOTIFY, no polling), a lost server connection shows in
the status bar until it is back, and a URL typed into File ▸ Open database… opens a new window."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from goals_desktop.app import WindowHost
from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.canvas.items import NodeItem
from goals_desktop.ui.main_window import MainWindow
from tests.support.cli_forks import run_cli

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def pg_url(pg_pool, monkeypatch):
    name = pg_pool.acquire()
    url = pg_pool.server.url(name)
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", url)
    yield url
    pg_pool.release(name)


@pytest.fixture
def open_window_on(qtbot, tmp_path):
    opened = []

    def open_(target) -> MainWindow:
        window = MainWindow(GoalService(Database(target)), QSettings(str(tmp_path / f"s{len(opened)}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()
        window.service.db.close()


def dbname(url: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(url).database


def click_checkbox(qtbot, window, node_id):
    view = window.editor.view
    point = view.mapFromScene(window.editor.scene.nodes[node_id].mapToScene(NodeItem.CHECKBOX.center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def progress_in_list(window, goal_id):
    return window.goals.model.goal_at(window.goals.model.row_of(goal_id)).progress


def test_a_check_off_in_one_window_shows_in_the_other_within_a_second(qtbot, open_window_on, pg_url, seed_goal):
    first, second = open_window_on(pg_url), open_window_on(pg_url)
    (goal,) = first.service.import_goals([seed_goal])
    qtbot.waitUntil(lambda: second.goals.model.row_of(goal.id) >= 0, timeout=1000)
    for window in (first, second):
        window.goals.select_goal(goal.id)
        qtbot.waitUntil(lambda w=window: "node_2" in w.editor.scene.nodes)
    assert not second.database.watcher.timer.isActive(), "no polling on PostgreSQL"

    started = time.monotonic()
    click_checkbox(qtbot, first, "node_2")  # a real click on the first window's canvas
    qtbot.waitUntil(lambda: second.editor.scene.nodes["node_2"].node.completed, timeout=1000)
    qtbot.waitUntil(lambda: progress_in_list(second, goal.id) == 100, timeout=1000)
    assert time.monotonic() - started < 1.0
    assert second.goals.header.progress.value() == 100

    # The command line, another process: both windows follow.
    done = run_cli(["goals", "node", goal.id, "node_1", "--incomplete"], cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for window in (first, second):
        qtbot.waitUntil(lambda w=window: not w.editor.scene.nodes["node_1"].node.completed, timeout=1000)
        qtbot.waitUntil(lambda w=window: progress_in_list(w, goal.id) == 50, timeout=1000)


def test_a_lost_server_connection_shows_in_the_status_bar_until_it_is_back(qtbot, open_window_on, pg_url, pg_server):
    window = open_window_on(pg_url)
    label = window.findChild(type(window.connection_label), "connectionState")
    assert label.text() == ""
    other = GoalService(Database(pg_url))
    name = dbname(pg_url)
    try:
        # The server drops the window's connections and refuses new ones for a while.
        pg_server.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        pg_server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
        qtbot.waitUntil(lambda: "lost" in label.text(), timeout=3000)
        qtbot.wait(700)
        assert "lost" in label.text() and label.isVisible()
        pg_server.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        qtbot.waitUntil(lambda: label.text() == "", timeout=10000)
        assert "again" in window.statusBar().currentMessage()
        # Heard again afterwards.
        made = other.create_goal("After the reconnect")
        qtbot.waitUntil(lambda: window.goals.model.row_of(made.id) >= 0, timeout=1000)
    finally:
        other.db.close()


def test_file_open_database_takes_a_url_and_swaps_the_window(qtbot, tmp_path, pg_url, pg_pool):
    host = WindowHost(lambda: QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    host.show(GoalService(Database(tmp_path / "local.sqlite3")))
    first = host.window
    qtbot.addWidget(first)
    GoalService(Database(pg_url)).create_goal("On the server")
    try:
        dialog = first.database.open_database()
        qtbot.waitExposed(dialog)
        field = dialog.findChild(type(dialog.field), "databaseField")
        field.clear()
        qtbot.keyClicks(field, "mysql://nobody@nowhere/goals")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open).click()
        assert dialog.isVisible() and "postgresql://" in dialog.error.text()  # refused in the dialog
        field.clear()
        qtbot.keyClicks(field, pg_url)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open).click()
        qtbot.waitUntil(lambda: host.window is not first)
        qtbot.addWidget(host.window)
        assert host.window.service.db.location == pg_url
        assert [g.title for g in host.window.service.list_goals()] == ["On the server"]
        assert not first.isVisible() and host.window.isVisible()
        # A server that is not there: one sentence in the window, which stays as it was.
        current = host.window
        assert host.switch(pg_pool.server.url("no_such_db")) is False
        assert host.window is current and "no such database" in current.statusBar().currentMessage()
    finally:
        host.window.close()
        host.service.db.close()
        QApplication.processEvents()


def test_an_edit_made_while_the_server_is_away_stays_in_the_dialog_until_it_can_be_saved(qtbot, open_window_on, pg_url, pg_server):
    from PySide6.QtWidgets import QDialogButtonBox

    window = open_window_on(pg_url)
    goal = window.service.create_goal("Before the outage")
    qtbot.waitUntil(lambda: window.goals.current_goal_id() == goal.id or window.goals.model.row_of(goal.id) >= 0)
    window.goals.select_goal(goal.id)
    name = dbname(pg_url)
    dialog = window.goals.goal_actions.edit_goal()
    qtbot.waitExposed(dialog)
    pg_server.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    try:
        pg_server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
        qtbot.waitUntil(lambda: "lost" in window.connection_label.text(), timeout=3000)
        dialog.title_edit.setFocus()
        dialog.title_edit.selectAll()
        qtbot.keyClicks(dialog.title_edit, "Typed during the outage")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        # Not saved, said so in one sentence, and the typing is still there to save again.
        assert dialog.isVisible() and "cannot be reached" in dialog.error_label.text()
        assert dialog.title_edit.text() == "Typed during the outage"
        assert window.undo_stack.count() == 0
    finally:
        pg_server.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.service.get_goal(goal.id).title == "Typed during the outage"
