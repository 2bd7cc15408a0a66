"""The canvas as Qt's accessibility layer gives it to a screen reader (in process, offscreen; the
AT-SPI tests in tests/ui/accessibility read the same through the real bus)."""

import pytest
from PySide6.QtGui import QAccessible, QAccessibleActionInterface

from goals_desktop.ui.canvas.accessible import spoken_plan


@pytest.fixture
def canvas(qtbot, make_editor, planned):
    return make_editor(planned)


def children(interface):
    return [interface.child(i) for i in range(interface.childCount())]


def test_milestones_are_checkable_children_of_the_canvas_in_roadmap_order(canvas):
    view = QAccessible.queryAccessibleInterface(canvas.view)
    assert view.role() == QAccessible.Role.Canvas
    assert view.text(QAccessible.Text.Name) == "Roadmap of Learn Machine Learning"
    items = children(view)
    assert [i.text(QAccessible.Text.Name) for i in items][:3] == ["Python basics", "NumPy and pandas", "Linear algebra refresher"]
    assert len(items) == 10 and all(i.role() == QAccessible.Role.CheckBox for i in items)
    assert [i.state().checked for i in items][:2] == [1, 0] and all(i.state().checkable for i in items)
    assert view.indexOfChild(items[4]) == 4 and items[4].parent().object() is canvas.view
    # The plan of pinned today (2026-03-02): la is on the critical path, after Python basics.
    la = items[2].text(QAccessible.Text.Description)
    assert la == "due 18 Mar 2026, 4 days late, about 3 weeks, after Python basics, on the critical path", la
    assert items[1].text(QAccessible.Text.Description).startswith("overdue since 27 Feb 2026, about 10 days, after Python basics")
    assert items[0].text(QAccessible.Text.Description) == "done"
    lr = items[4].text(QAccessible.Text.Description)
    assert "after NumPy and pandas and Probability and statistics" in lr, lr


def test_the_toggle_action_checks_off_through_the_undo_stack(canvas, service, planned):
    view = QAccessible.queryAccessibleInterface(canvas.view)
    la = children(view)[2]
    actions = la.actionInterface()
    assert QAccessibleActionInterface.toggleAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.toggleAction())
    assert service.get_goal(planned).roadmap.node("la").completed is True
    assert la.state().checked and la.text(QAccessible.Text.Description).startswith("done")
    assert canvas.undo_stack.undoText() == "Check off “Linear algebra refresher”"
    canvas.undo_stack.undo()
    assert service.get_goal(planned).roadmap.node("la").completed is False and not la.state().checked


def test_children_follow_the_roadmap_and_gone_ones_are_invalid(canvas, service, planned):
    view = QAccessible.queryAccessibleInterface(canvas.view)
    deploy = children(view)[-1]
    assert deploy.isValid()
    canvas.select_node("deploy")
    canvas.delete_selection()
    assert view.childCount() == 9 and not deploy.isValid()
    canvas.undo_stack.undo()
    assert [i.text(QAccessible.Text.Name) for i in children(view)][-1] == "Deploy a model as an API"
    canvas.rename_selected()  # nothing selected any more: nothing happens
    canvas.show_goal(None)
    assert view.childCount() == 0 and view.text(QAccessible.Text.Name) == "Roadmap"


def test_focus_child_is_the_focused_milestone(qtbot, canvas):
    canvas.view.setFocus()
    qtbot.waitUntil(canvas.view.hasFocus)
    canvas.keyboard.focus("stats")
    view = QAccessible.queryAccessibleInterface(canvas.view)
    focused = view.focusChild()
    assert focused.text(QAccessible.Text.Name) == "Probability and statistics"
    assert focused.state().focused and focused.state().selected
    assert focused.rect().intersects(view.rect())


def test_spoken_plan_without_a_schedule_reads_the_set_due_date():
    assert spoken_plan(None, False, "2027-02-17T00:00:00Z", ["Python foundations"]) == "due 17 Feb 2027, after Python foundations"
