"""The Timeline from the keyboard and through a screen reader's eyes (real key events, offscreen):
Up/Down between milestones, Space checks off, +/- move the due date a day, each one undo step; the
rows as accessible check boxes with the canvas's descriptions and actions."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface

from .test_timeline import open_timeline


def focused_timeline(qtbot, window):
    view = open_timeline(qtbot, window)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


def test_arrows_walk_the_milestones_and_space_checks_off(qtbot, window, planned):
    view = focused_timeline(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.keyboard.focused == "py"
    for expected in ("np", "la"):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.keyboard.focused == expected
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.keyboard.focused == "np"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.keyboard.focused == "deploy"
    qtbot.keyClick(view, Qt.Key.Key_Down)  # stays on the last one
    assert view.keyboard.focused == "deploy"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.service.get_goal(planned).roadmap.node("np").completed is True
    assert window.undo_stack.undoText() == "Check off “NumPy and pandas”"
    qtbot.waitUntil(lambda: "np" not in view.bars)  # done: no bar any more, the focus stays on its row
    assert view.keyboard.focused == "np"
    window.undo_stack.undo()
    assert window.service.get_goal(planned).roadmap.node("np").completed is False


def test_plus_and_minus_move_the_due_date_a_day_one_undo_step_each(qtbot, window, planned):
    view = focused_timeline(qtbot, window)
    view.keyboard.focus("trees")
    planned_due = view.bars["trees"].plan.planned_due
    count = window.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    node = window.service.get_goal(planned).roadmap.node("trees")
    assert node.due_date == f"{planned_due + timedelta(days=1)}T00:00:00Z"
    qtbot.waitUntil(lambda: view.bars["trees"].plan.fixed_due)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    node = window.service.get_goal(planned).roadmap.node("trees")
    assert node.due_date == f"{planned_due - timedelta(days=1)}T00:00:00Z"
    assert window.undo_stack.count() == count + 3
    for _ in range(3):
        window.undo_stack.undo()
    assert window.service.get_goal(planned).roadmap.node("trees").due_date is None


def test_rows_are_accessible_check_boxes_with_actions(qtbot, window, planned):
    view = focused_timeline(qtbot, window)
    timeline = QAccessible.queryAccessibleInterface(view)
    assert timeline.text(QAccessible.Text.Name) == "Timeline"
    rows = [timeline.child(i) for i in range(timeline.childCount())]
    assert [r.text(QAccessible.Text.Name) for r in rows][:2] == ["Python basics", "NumPy and pandas"]
    assert len(rows) == 10 and rows[0].state().checked and not rows[1].state().checked
    la = rows[2]
    assert la.text(QAccessible.Text.Description) == "due 18 Mar 2026, 4 days late, about 3 weeks, after Python basics, on the critical path"
    actions = la.actionInterface()
    assert actions.actionNames()[:3] == [QAccessibleActionInterface.toggleAction(), QAccessibleActionInterface.increaseAction(), QAccessibleActionInterface.decreaseAction()]
    actions.doAction(QAccessibleActionInterface.increaseAction())
    assert window.service.get_goal(planned).roadmap.node("la").due_date.startswith("2026-03-19")
    actions.doAction(QAccessibleActionInterface.toggleAction())
    assert window.service.get_goal(planned).roadmap.node("la").completed is True
    qtbot.waitUntil(lambda: rows[2].state().checked)
    view.keyboard.focus("stats")
    assert timeline.focusChild().text(QAccessible.Text.Name) == "Probability and statistics"
