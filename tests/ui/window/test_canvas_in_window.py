"""The window as a whole: the canvas, header and list agree, and everything survives a restart."""

import os
import subprocess
import sys

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from goals_desktop.storage import open_service
from goals_desktop.storage.example import EXAMPLE_TITLE, create_example_goal
from goals_desktop.ui.canvas.items import NodeItem


def click_checkbox(qtbot, window, node_id):
    view = window.editor.view
    point = view.mapFromScene(window.editor.scene.nodes[node_id].mapToScene(NodeItem.CHECKBOX.center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def drag_node(qtbot, window, node_id, offset: QPointF):
    view = window.editor.view
    item = window.editor.scene.nodes[node_id]
    grab = item.mapToScene(item.boundingRect().center() + QPointF(30, 10))
    start, end = view.mapFromScene(grab), view.mapFromScene(grab + offset)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(view.viewport(), start + (end - start) * (step / 5))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def list_progress(window, goal_id):
    return window.goals.model.goal_at(window.goals.model.row_of(goal_id)).progress


def test_checking_a_node_moves_progress_in_header_and_list_at_once(qtbot, window, seed_goal):
    (goal,) = window.service.import_goals([seed_goal])
    window.goals.select_goal(goal.id)
    qtbot.waitUntil(lambda: "node_2" in window.editor.scene.nodes)
    assert window.goals.header.progress.value() == 50 and list_progress(window, goal.id) == 50
    click_checkbox(qtbot, window, "node_2")
    qtbot.waitUntil(lambda: window.goals.header.progress.value() == 100)
    assert list_progress(window, goal.id) == 100 and window.goals.header.status.text() == "Completed"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.goals.header.progress.value() == 50)
    assert list_progress(window, goal.id) == 50 and window.goals.header.status.text() == "Active"


def test_done_when_drag_and_check_off_survive_closing_and_reopening(qtbot, open_window, db_path):
    create_example_goal(open_service(db_path))
    window = open_window()
    (goal,) = window.service.list_goals()
    assert window.goals.current_goal_id() == goal.id and window.goals.header.title.text() == EXAMPLE_TITLE
    qtbot.waitUntil(lambda: len(window.editor.scene.nodes) == 6)
    before = window.service.get_goal(goal.id).roadmap.node("m3").position
    drag_node(qtbot, window, "m3", QPointF(-120, 40))
    click_checkbox(qtbot, window, "m3")
    moved = window.service.get_goal(goal.id).roadmap.node("m3")
    assert moved.completed and moved.position != before
    qtbot.waitUntil(lambda: window.goals.header.progress.value() == 50)
    window.close()

    reopened = open_window()
    assert reopened.goals.current_goal_id() == goal.id
    node = reopened.service.get_goal(goal.id).roadmap.node("m3")
    assert node.completed and node.position == moved.position
    item = reopened.editor.scene.nodes["m3"]
    assert item.pos() == QPointF(moved.position.x, moved.position.y) and item.node.completed


def test_geometry_splitter_and_selected_goal_are_restored(qtbot, open_window):
    window = open_window()
    first = window.service.create_goal("First")
    second = window.service.create_goal("Second")
    qtbot.waitUntil(lambda: window.goals.model.rowCount() == 2)
    window.goals.select_goal(second.id)
    window.resize(720, 580)  # inside the offscreen screen (800 x 600), so nothing is clamped
    window.splitter.setSizes([250, 300])
    sizes = window.splitter.sizes()
    window.close()

    again = open_window()
    assert again.goals.current_goal_id() == second.id != first.id
    assert (again.size().width(), again.size().height()) == (720, 580)
    assert again.splitter.sizes() == sizes


def test_a_2000_node_roadmap_opens_in_the_window(qtbot, window):
    nodes = [{"id": f"n{i}", "label": f"Milestone {i}", "position": {"x": (i % 50) * 260, "y": (i // 50) * 150}} for i in range(2000)]
    edges = [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 50}"} for i in range(1950)]
    goal = window.service.create_goal("Huge")
    window.service.set_roadmap(goal.id, {"nodes": nodes, "edges": edges})
    window.goals.select_goal(goal.id)
    qtbot.waitUntil(lambda: len(window.editor.scene.nodes) == 2000)
    assert len(window.editor.scene.edges) == 1950
    assert window.goals.header.title.text() == "Huge"


def test_fresh_database_starts_with_the_example_and_the_app_paints(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "GOALS_DESKTOP_DATABASE": str(database), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    run = subprocess.run([sys.executable, "-m", "goals_desktop"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "first-paint" in run.stdout and "Traceback" not in run.stderr
    service = open_service(database)
    assert [g.title for g in service.list_goals()] == [EXAMPLE_TITLE]
    service.delete_goal(service.list_goals()[0].id)
    service.db.close()
    # Not fresh any more: deleting the example is respected on the next start.
    run = subprocess.run([sys.executable, "-m", "goals_desktop"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and open_service(database).list_goals() == []


def test_a_damaged_database_gives_one_sentence_and_no_traceback(tmp_path):
    database = tmp_path / "broken.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = database.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    run = subprocess.run([sys.executable, "-m", "goals_desktop", "--database", str(database)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("goals-desktop: error:")]
    assert len(errors) == 1 and "database" in errors[0]
    assert database.read_bytes() == before
