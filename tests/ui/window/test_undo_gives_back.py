"""Edit ▸ Undo in the real window gives back exactly what was on screen before the step: a deleted
milestone in its place, a status set by hand, a mix of ticked subtasks, titles typed by hand.

A real MainWindow on a real SQLite file, driven by mouse clicks and keys on the canvas, the goal
dialog and the Todos tree; what the person sees (header, canvas, tree) and what is stored are both
checked."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.todo_tree import TITLE_COLUMN
from tests.support.windows import window_showing

GOAL = {
    "id": "g",
    "title": "Learn Machine Learning",
    "status": "active",
    "roadmap": {
        "nodes": [
            {"id": "a", "label": "Python basics", "completed": True, "position": {"x": 0, "y": 0}},
            {"id": "b", "label": "Linear algebra", "completed": False, "position": {"x": 0, "y": 160}},
            {"id": "c", "label": "First model", "completed": False, "position": {"x": 0, "y": 320}},
        ],
        "edges": [{"id": "ab", "source": "a", "target": "b"}, {"id": "bc", "source": "b", "target": "c"}],
    },
}


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    seed = GoalService(Database(db_path))
    seed.import_goals([GOAL])
    seed.db.close()
    for window in window_showing(qtbot, db_path, tmp_path, "g"):
        window.todos_panel.set_filter(None)
        yield window


def click_milestone(qtbot, window, node_id):
    """Select a milestone as a person does: a click on it in the canvas, which then has the keys."""
    view = window.editor.view
    item = window.editor.scene.nodes[node_id]
    point = view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    window.activateWindow()  # back from a dialog
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert window.editor.scene.selected_node_ids() == [node_id]


def undo(qtbot, window):
    window.undo_action.trigger()  # Edit ▸ Undo (Ctrl+Z)
    QTest.qWait(10)


def stored(window):
    goal = window.service.get_goal("g")
    return goal, [n.id for n in goal.roadmap.nodes], [e.id for e in goal.roadmap.edges]


def tree_rows(window, todo_id):
    """The todo's row and its subtasks' rows as shown: (title, ticked)."""
    top = window.todos_panel.item_for(todo_id)
    checked = Qt.CheckState.Checked
    rows = [(top.text(TITLE_COLUMN), top.checkState(TITLE_COLUMN) == checked)]
    return rows + [
        (top.child(i).text(TITLE_COLUMN), top.child(i).checkState(TITLE_COLUMN) == checked) for i in range(top.childCount())
    ]


def rename_in_tree(qtbot, window, todo_id, subtask_id, title):
    """F2 on the row in the Todos tab, type, Enter."""
    window.left_tabs.setCurrentWidget(window.todos_panel)
    window.activateWindow()
    tree = window.todos_panel.tree
    tree.setCurrentItem(window.todos_panel.item_for(todo_id, subtask_id))
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = tree.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.todos_panel.item_for(todo_id, subtask_id).text(TITLE_COLUMN) == title)


def test_undoing_a_delete_puts_the_milestone_back_in_its_place(qtbot, window):
    _, nodes, edges = stored(window)
    click_milestone(qtbot, window, "b")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert stored(window)[1:] == (["a", "c"], [])

    undo(qtbot, window)
    assert stored(window)[1:] == (nodes, edges) == (["a", "b", "c"], ["ab", "bc"])
    # The plan made from it reads in the same order as before, ties included.
    sent = window.todo_conversions.send_roadmap()
    assert [s.title for s in sent.subtasks] == ["Python basics", "Linear algebra", "First model"]


def test_undoing_a_check_off_gives_back_the_status_set_by_hand(qtbot, window):
    dialog = window.goals.goal_actions.edit_goal()
    dialog.status_combo.setCurrentText("completed")  # by hand, with two milestones open
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.goals.header.status.text() == "Completed")

    click_milestone(qtbot, window, "b")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Space)
    goal, _, _ = stored(window)
    assert (goal.status, goal.progress) == ("active", 67)  # the milestones decide again
    qtbot.waitUntil(lambda: window.goals.header.status.text() == "Active")

    undo(qtbot, window)
    goal, _, _ = stored(window)
    assert (goal.status, goal.progress) == ("completed", 33)
    qtbot.waitUntil(lambda: window.goals.header.status.text() == "Completed")
    assert window.goals.header.progress.value() == 33


def test_undoing_a_check_off_gives_back_a_mix_of_ticked_subtasks(qtbot, window):
    todo = window.todo_conversions.todo_from_node("g", "b")
    panel = window.todos_panel
    first = panel.add_subtask(todo.id, "Chapter 1")
    panel.add_subtask(todo.id, "Chapter 2")
    panel.set_completed(todo.id, first, True)
    QTest.qWait(10)
    mix = [("Linear algebra", False), ("Chapter 1", True), ("Chapter 2", False)]
    qtbot.waitUntil(lambda: tree_rows(window, todo.id) == mix)

    click_milestone(qtbot, window, "b")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tree_rows(window, todo.id) == [("Linear algebra", True), ("Chapter 1", True), ("Chapter 2", True)])

    undo(qtbot, window)
    qtbot.waitUntil(lambda: tree_rows(window, todo.id) == mix)
    assert [s.completed for s in window.service.get_todo(todo.id).subtasks] == [True, False]
    assert not window.editor.scene.nodes["b"].node.completed


def test_undoing_a_milestone_rename_gives_back_the_titles_typed_in_the_todos_tab(qtbot, window):
    sent = window.todo_conversions.send_roadmap()
    made = window.todo_conversions.todo_from_node("g", "b")
    linked = next(s.id for s in sent.subtasks if s.node_id == "b")
    rename_in_tree(qtbot, window, sent.id, linked, "Linear algebra, my way")
    rename_in_tree(qtbot, window, made.id, None, "Vectors first")

    window.left_tabs.setCurrentIndex(0)
    click_milestone(qtbot, window, "b")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F2)
    box = window.editor._label_editor
    box.selectAll()
    qtbot.keyClicks(box, "Matrices")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.todos_panel.item_for(made.id).text(TITLE_COLUMN) == "Matrices")
    assert window.todos_panel.item_for(sent.id, linked).text(TITLE_COLUMN) == "Matrices"  # the label wins

    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.todos_panel.item_for(made.id).text(TITLE_COLUMN) == "Vectors first")
    assert window.todos_panel.item_for(sent.id, linked).text(TITLE_COLUMN) == "Linear algebra, my way"
    assert window.editor.scene.nodes["b"].node.label == "Linear algebra"


def test_undoing_a_goal_rename_gives_back_the_title_typed_for_its_todo(qtbot, window):
    sent = window.todo_conversions.send_roadmap()
    rename_in_tree(qtbot, window, sent.id, None, "My ML plan")

    dialog = window.goals.goal_actions.edit_goal()
    dialog.title_edit.setText("Learn ML")
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.todos_panel.item_for(sent.id).text(TITLE_COLUMN) == "Learn ML")

    undo(qtbot, window)
    qtbot.waitUntil(lambda: window.goals.header.title.text() == "Learn Machine Learning")
    qtbot.waitUntil(lambda: window.todos_panel.item_for(sent.id).text(TITLE_COLUMN) == "My ML plan")
    assert window.service.get_todo(sent.id).title == "My ML plan"
