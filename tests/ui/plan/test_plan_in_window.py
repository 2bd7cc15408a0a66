"""The plan in the window: signal in the list and header, due dates and overdue on the canvas, the
critical path toggle, the goal overview, the estimate's reading -- with real clicks and keys."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from goals_desktop.ui import palette as plan_style
from goals_desktop.ui.canvas.items import FADED, NodeItem
from goals_desktop.ui.goal_list import SIGNAL_ROLE
from tests.ui.plan_data import CRITICAL


def view_point(editor, scene_point):
    return editor.view.mapFromScene(QPointF(scene_point))


def card_signal(window, goal_id):
    return window.goals.model.index(window.goals.model.row_of(goal_id)).data(SIGNAL_ROLE)


def colours_in(image: QImage, colour: QColor, tolerance: int = 30) -> int:
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) + abs(pixel.blue() - colour.blue()) < tolerance:
                count += 1
    return count


def test_list_and_header_show_the_signal_in_words_and_colour_and_follow_changes(qtbot, window, planned):
    signal = card_signal(window, planned)
    assert (signal.kind, signal.full_text()) == ("behind", "4 days behind · finish 2026-07-04")
    assert window.goals.header.signal.text() == "● 4 days behind · finish 2026-07-04"
    assert plan_style.bad(window.palette()).name() in window.goals.header.signal.styleSheet()
    # Moving the target (as the CLI or another window would, through the service) turns it round.
    window.service.update_goal(planned, target_date="2026-07-10")
    qtbot.waitUntil(lambda: card_signal(window, planned).text == "6 days to spare")
    qtbot.waitUntil(lambda: window.goals.header.signal.text() == "● 6 days to spare · finish 2026-07-04")
    assert plan_style.good(window.palette()).name() in window.goals.header.signal.styleSheet()
    others = {window.goals.model.goal_at(r).title: window.goals.model.index(r).data(SIGNAL_ROLE).text for r in range(window.goals.model.rowCount())}
    assert others["Run a half marathon"] == "No roadmap yet" and others["Read 20 books"] == "304 days to spare"


def test_checking_off_on_the_canvas_moves_the_projected_finish(qtbot, window, planned):
    editor = window.editor
    item = editor.scene.nodes["la"]
    editor.view.centerOn(item)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, item.mapToScene(NodeItem.CHECKBOX.center())))
    assert window.service.get_goal(planned).roadmap.node("la").completed
    # Three weeks of work are done: the goal now ends well before its target.
    qtbot.waitUntil(lambda: window.goals.header.signal.text().startswith("● 17 days to spare"))
    assert editor.scene.nodes["la"].plan.completed and editor.schedule.critical_path[0] == "stats"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.goals.header.signal.text() == "● 4 days behind · finish 2026-07-04")


def test_milestones_show_planned_due_dates_and_overdue_ones_stand_out(qtbot, window):
    scene = window.editor.scene
    assert scene.nodes["np"]._meta_text().startswith("overdue since 27 Feb")
    assert scene.nodes["lr"]._meta_text() == "due 8 May (late) · ≈ 2-3 weeks"
    assert scene.nodes["trees"]._meta_text() == "due 14 Jun · ≈ 1 week?"
    assert scene.nodes["py"]._meta_text() == "≈ 2 weeks"  # done: no due date
    assert "2026-03-02 → due 2026-03-18 · critical · 4 days late" in scene.nodes["la"].toolTip()

    def drawn(node_id):
        item = scene.nodes[node_id]
        image = QImage(240, 100, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, target=image.rect().toRectF(), source=item.sceneBoundingRect().adjusted(-10, -10, 10, 10))
        painter.end()
        return image

    red = scene.canvas_style.overdue
    assert colours_in(drawn("np"), red) > 40  # red border and words
    assert colours_in(drawn("trees"), red) == 0


def test_critical_path_toggle_highlights_exactly_the_chain(qtbot, window):
    action = window.editor.critical_path_action
    button = window.toolbar.widgetForAction(action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert action.isChecked()
    scene = window.editor.scene
    bright = {node_id for node_id, item in scene.nodes.items() if item.opacity() == 1.0}
    assert bright == set(CRITICAL)
    assert all(item.opacity() == FADED for node_id, item in scene.nodes.items() if node_id not in CRITICAL)
    on_path = {(e.source.node_id, e.target.node_id) for e in scene.edges.values() if e.critical}
    assert on_path == set(zip(CRITICAL, CRITICAL[1:]))
    # Still right after an edit that changes the path: Decision trees now takes 3 months.
    window.service.update_node(window.editor.goal_id(), "trees", estimated_time="3 months")
    qtbot.waitUntil(lambda: scene.nodes["trees"].opacity() == 1.0)
    assert {n for n, i in scene.nodes.items() if i.opacity() == 1.0} == {"la", "stats", "lr", "trees", "p1", "deploy"}
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not action.isChecked() and all(item.opacity() == 1.0 for item in scene.nodes.values())
    assert window.view_menu.actions().count(action) == 1


def test_overview_when_nothing_is_selected_and_due_next_leads_to_the_milestone(qtbot, window, planned):
    editor = window.editor
    panel = editor.details_panel
    empty_spot = editor.view.mapFromScene(editor.scene.content_rect().topLeft() - QPointF(200, 200))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=empty_spot)
    assert editor.scene.selected_node_ids() == []
    overview = panel.overview
    assert panel.pages.currentWidget() is overview
    assert overview.title.text() == "Learn Machine Learning"
    assert overview.signal.text() == "● 4 days behind · finish 2026-07-04"
    assert "Target 2026-06-30 · projected finish 2026-07-04" in overview.facts.text()
    assert "1 of 10 milestones done" in overview.facts.text()
    assert overview.description.text().startswith("Master ML")
    rows = [overview.due_next.item(i).text() for i in range(overview.due_next.count())]
    assert rows[0] == "2026-02-27  NumPy and pandas (overdue)"
    assert rows[1] == "2026-03-18  Linear algebra refresher (late, critical)"
    second = overview.due_next.item(1)
    qtbot.mouseClick(overview.due_next.viewport(), Qt.MouseButton.LeftButton, pos=overview.due_next.visualItemRect(second).center())
    assert editor.scene.selected_node_ids() == ["la"]
    assert panel.pages.currentWidget() is panel.node_page and panel.title.text() == "Linear algebra refresher"
    assert panel.plan_label.text() == "Planned: 2026-03-02 → due 2026-03-18 · critical · 4 days late"


def test_the_estimate_reading_follows_what_is_typed(qtbot, window, planned):
    editor = window.editor
    editor.select_node("trees")
    panel = editor.details_panel
    assert panel.estimate_reading.text().startswith("Not understood, so counted as 1 week")
    panel.estimate_edit.setFocus()
    panel.estimate_edit.selectAll()
    qtbot.keyClicks(panel.estimate_edit, "10 days")
    qtbot.keyClick(panel.estimate_edit, Qt.Key.Key_Return)
    assert window.service.get_goal(planned).roadmap.node("trees").estimated_time == "10 days"
    assert panel.estimate_reading.text() == "Counted as 10 days."
    assert editor.scene.nodes["trees"]._meta_text() == "due 14 Jun · ≈ 10 days"
    # Ticking Due starts from the planned date.
    qtbot.mouseClick(panel.due_check, Qt.MouseButton.LeftButton)
    assert window.service.get_goal(planned).roadmap.node("trees").due_date == "2026-06-14T00:00:00Z"
    assert editor.schedule.milestones["trees"].fixed_due
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert panel.estimate_reading.text().startswith("Not understood")
