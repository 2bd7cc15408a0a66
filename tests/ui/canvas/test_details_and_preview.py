from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette

from goals_desktop.domain.models import Node


def test_details_panel_edits_are_undoable_steps(qtbot, editor, service, seeded_goal):
    editor.select_node("node_1")
    panel = editor.details_panel
    assert panel.title.text() == "Complete Python basics" and panel.form.isEnabled()

    panel.estimate_edit.setFocus()
    panel.estimate_edit.selectAll()
    qtbot.keyClicks(panel.estimate_edit, "3 weeks")
    qtbot.keyClick(panel.estimate_edit, Qt.Key.Key_Return)
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").estimated_time == "3 weeks"

    panel.steps_edit.setFocus()
    qtbot.waitUntil(panel.steps_edit.hasFocus)
    qtbot.keyClicks(panel.steps_edit, "Variables")
    qtbot.keyClick(panel.steps_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.steps_edit, "Loops")
    panel.steps_edit.clearFocus()  # leaving the field commits it
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").details == ["Variables", "Loops"]

    qtbot.mouseClick(panel.due_check, Qt.MouseButton.LeftButton)
    panel.due_edit.setDate(QDate(2026, 6, 30))
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").due_date == "2026-06-30T00:00:00Z"
    assert "due 2026-06-30" in editor.scene.nodes["node_1"]._meta_text()

    count = editor.undo_stack.count()
    assert count == 4  # estimate, steps, due date on (today), due date changed
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").due_date is None
    assert not panel.due_check.isChecked()
    editor.undo_stack.undo()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").details == []
    assert panel.steps_edit.toPlainText() == ""


def test_invalid_details_get_an_inline_message_and_save_nothing(qtbot, editor, service, seeded_goal):
    editor.select_node("node_2")
    panel = editor.details_panel
    panel.estimate_edit.setFocus()
    panel.estimate_edit.setText("x" * 1001)
    qtbot.keyClick(panel.estimate_edit, Qt.Key.Key_Return)
    assert panel.error.isVisible() and "estimated time" in panel.error.text()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_2").estimated_time == ""
    assert editor.undo_stack.count() == 0
    panel.estimate_edit.setText("2 days")
    qtbot.keyClick(panel.estimate_edit, Qt.Key.Key_Return)
    assert not panel.error.isVisible()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_2").estimated_time == "2 days"


def test_streaming_preview_shows_nodes_then_the_saved_roadmap(editor, service, seeded_goal):
    editor.begin_preview()
    assert not editor.scene.nodes and not editor.add_node_action.isEnabled()
    editor.preview_add_node(Node(id="p1", label="Basics"), [])
    editor.preview_add_node(Node(id="p2", label="Next"), ["p1", "unknown"])
    first, second = editor.scene.preview_nodes["p1"], editor.scene.preview_nodes["p2"]
    assert second.pos().y() > first.pos().y() and len(editor.scene.preview_edges) == 1
    arrow = editor.scene.preview_edges[0]._line  # follows the re-laid-out nodes, pointing down
    assert first.sceneBoundingRect().contains(arrow.p1()) and arrow.p2().y() > arrow.p1().y()
    assert abs(arrow.p2().y() - second.sceneBoundingRect().top()) < 12
    # A save during the preview is held back until end_preview.
    service.set_roadmap(seeded_goal.id, {"nodes": [{"id": "p1", "label": "Basics"}, {"id": "p2", "label": "Next"}],
                                    "edges": [{"source": "p1", "target": "p2"}]})
    assert not editor.scene.nodes
    editor.end_preview()
    assert not editor.scene.preview_nodes and set(editor.scene.nodes) == {"p1", "p2"}
    assert len(editor.scene.edges) == 1 and editor.add_node_action.isEnabled()


def test_palette_change_restyles_the_canvas(editor):
    light = editor.scene.canvas_style
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181a1b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    editor.setPalette(dark)
    assert editor.scene.canvas_style.dark and not light.dark
    assert editor.scene.canvas_style.text.lightness() > 200
    assert editor.scene.backgroundBrush().color().lightness() < 60
