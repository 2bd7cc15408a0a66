"""The Timeline tab: bars, lines, dated todos, and dragging a bar's end with the real mouse."""

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from goals_desktop.ui.timeline.rows import HANDLE_SLOP, ROW_HEIGHT


def open_timeline(qtbot, window):
    window.right_tabs.setCurrentWidget(window.timeline)
    qtbot.waitUntil(lambda: bool(window.timeline.view.bars))
    return window.timeline.view


def drag(qtbot, view, start: QPointF, end: QPointF, steps: int = 6):
    viewport = view.viewport()
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, a + (b - a) * (i / steps))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)


def test_one_bar_per_open_milestone_with_today_target_and_todos(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    assert [r.key for r in view.rows][:10] == ["py", "np", "la", "stats", "lr", "trees", "nn", "p1", "p2", "deploy"]
    assert set(view.bars) == {"np", "la", "stats", "lr", "trees", "nn", "p1", "p2", "deploy"}  # py is done
    assert [r.label for r in view.rows[10:]] == ["Todos", "Book a GPU for project 2"]
    assert view.today == date(2026, 3, 2) and view.target == date(2026, 6, 30)
    la = view.bars["la"]
    start, work_end, due_end = la.geometry()
    assert (start, work_end, due_end) == (view.x_of(date(2026, 3, 2)), view.x_of(date(2026, 3, 23)), view.x_of(date(2026, 3, 19)))
    assert la.words() == "due 18 Mar · critical · 4 d late"
    assert view.bars["np"].words() == "overdue since 27 Feb"
    marker = view.markers[next(iter(view.markers))]
    assert marker.due == date(2026, 4, 20) and "Ask the lab first" in marker.toolTip()
    # The whole plan fits the width when first shown.
    assert view.x_of(view.schedule.projected_finish) < view.viewport().width()


def test_dragging_a_bar_end_sets_the_due_date_in_one_undo_step(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    service = window.service
    count = window.undo_stack.count()
    handle = view.handle_point("trees")
    target = QPointF(view.x_of(date(2026, 6, 21)), handle.y())  # the end of 20 June
    drag(qtbot, view, handle, target)
    assert service.get_goal(planned).roadmap.node("trees").due_date == "2026-06-20T00:00:00Z"
    assert window.undo_stack.count() == count + 1
    assert window.undo_stack.undoText() == "Set due date of “Decision trees and forests” to 2026-06-20"
    qtbot.waitUntil(lambda: view.bars["trees"].plan.planned_due == date(2026, 6, 20))
    assert view.bars["trees"].plan.fixed_due and view.bars["trees"].words().startswith("due 20 Jun (set)")
    # The canvas follows, and project 1 (after trees) now waits for the date set.
    assert window.editor.scene.nodes["trees"]._meta_text().startswith("due 20 Jun")
    assert window.editor.schedule.milestones["p1"].planned_start == date(2026, 6, 21)
    window.undo_stack.undo()
    assert service.get_goal(planned).roadmap.node("trees").due_date is None
    qtbot.waitUntil(lambda: view.bars["trees"].plan.planned_due == date(2026, 6, 14))
    window.undo_stack.redo()
    assert service.get_goal(planned).roadmap.node("trees").due_date == "2026-06-20T00:00:00Z"


def test_the_end_snaps_to_days_and_never_before_the_start(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    bar = view.bars["p1"]
    handle = view.handle_point("p1")
    drag(qtbot, view, handle, QPointF(view.x_of(date(2026, 1, 1)) - 500, handle.y()))
    assert window.service.get_goal(planned).roadmap.node("p1").due_date == bar.plan.planned_start.isoformat() + "T00:00:00Z"
    # A press that is not on an end moves nothing and adds no step.
    count = window.undo_stack.count()
    middle = QPointF(view.x_of(view.bars["la"].plan.planned_start) + 3, view.handle_point("la").y())
    drag(qtbot, view, middle, middle + QPointF(120, 0))
    assert window.undo_stack.count() == count
    assert window.service.get_goal(planned).roadmap.node("la").due_date is None


def test_the_cursor_says_the_end_can_be_dragged(qtbot, window):
    view = open_timeline(qtbot, window)
    handle = view.mapFromScene(view.handle_point("lr"))
    QTest.mouseMove(view.viewport(), handle)
    qtbot.waitUntil(lambda: view.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor)
    QTest.mouseMove(view.viewport(), handle + QPoint(int(HANDLE_SLOP) + 20, 0))
    qtbot.waitUntil(lambda: view.viewport().cursor().shape() != Qt.CursorShape.SizeHorCursor)


def test_clear_the_date_and_show_on_canvas(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    row = next(i for i, r in enumerate(view.rows) if r.key == "np")
    menu = view.context_menu_for(QPointF(10, row * ROW_HEIGHT + ROW_HEIGHT / 2))
    clear = next(a for a in menu.actions() if a.text().startswith("Clear the due date"))
    clear.trigger()
    assert window.service.get_goal(planned).roadmap.node("np").due_date is None
    assert window.undo_stack.undoText() == "Clear due date of “NumPy and pandas”"
    qtbot.waitUntil(lambda: not view.bars["np"].plan.overdue)
    # Double-click a bar: the canvas shows that milestone, selected.
    point = view.mapFromScene(QPointF(view.bars["nn"].geometry()[0] + 4, view.handle_point("nn").y()))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.right_tabs.currentWidget() is window.editor
    assert window.editor.scene.selected_node_ids() == ["nn"]


def test_ctrl_wheel_zooms_around_the_pointer(qtbot, window):
    view = open_timeline(qtbot, window)
    before = view.day_width
    spot = view.mapFromScene(QPointF(view.x_of(date(2026, 4, 1)), 10))
    day_at = lambda: view.mapToScene(spot).x() / view.day_width  # noqa: E731
    anchor_day = day_at()
    event = QWheelEvent(QPointF(spot), QPointF(view.viewport().mapToGlobal(spot)), QPoint(), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.day_width > before
    assert abs(day_at() - anchor_day) < 1.5


def test_a_dated_todo_appears_when_it_gets_a_date(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    todo = window.service.create_todo("Send the report", goal_id=planned)
    assert todo.id not in view.markers
    window.service.update_todo(todo.id, due_date="2026-05-05")
    qtbot.waitUntil(lambda: todo.id in view.markers)
    assert view.markers[todo.id].due == date(2026, 5, 5) and not view.markers[todo.id].overdue()
    assert view.x_of(date(2026, 5, 5)) + view.day_width / 2 == view.markers[todo.id].pos().x()


def test_week_numbers_give_way_to_the_flags_over_their_day(qtbot, window, planned):
    view = open_timeline(qtbot, window)
    view.set_day_width(20)  # room for a number on every Monday
    flags, _ticks, week_labels = view.header_marks(0.0, QFontMetricsF(view.small_font))
    numbers = [text for _rect, text in week_labels]
    # Today, 2 March, is a Monday: the Today flag's label and line would cover its number.
    assert "2" not in numbers and numbers[:3] == ["9", "16", "23"]
    for rect, _text in week_labels:
        for x, box, *_ in flags:
            assert not rect.intersects(box) and not rect.left() <= x <= rect.right()
