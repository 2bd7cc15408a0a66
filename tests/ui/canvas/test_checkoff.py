from PySide6.QtCore import QPointF, Qt

from goals_desktop.ui.canvas.items import NodeItem

from .conftest import view_point


def checkbox_point(editor, node_id) -> QPointF:
    item = editor.scene.nodes[node_id]
    return item.mapToScene(NodeItem.CHECKBOX.center())


def test_clicking_the_checkbox_checks_off_and_stores_progress(qtbot, editor, service, seeded_goal):
    assert service.get_goal(seeded_goal.id).progress == 50
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, checkbox_point(editor, "node_2")))

    goal = service.get_goal(seeded_goal.id)
    assert goal.roadmap.node("node_2").completed is True
    assert goal.progress == 100 and goal.status == "completed"
    assert editor.scene.nodes["node_2"].node.completed is True
    assert editor.undo_stack.undoText().startswith("Check off")

    editor.undo_stack.undo()
    goal = service.get_goal(seeded_goal.id)
    assert goal.roadmap.node("node_2").completed is False and goal.progress == 50
    assert editor.scene.nodes["node_2"].node.completed is False


def test_clicking_the_checkbox_does_not_move_the_node(qtbot, editor, service, seeded_goal):
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, checkbox_point(editor, "node_1")))
    node = service.get_goal(seeded_goal.id).roadmap.node("node_1")
    assert node.completed is False and node.position.to_dict() == {"x": 100, "y": 100}
    assert editor.undo_stack.count() == 1


def test_space_toggles_the_selected_nodes(qtbot, editor, service, seeded_goal):
    editor.select_node("node_2")
    editor.view.setFocus()
    qtbot.waitUntil(editor.view.hasFocus)
    qtbot.keyClick(editor.view, Qt.Key.Key_Space)
    assert service.get_goal(seeded_goal.id).progress == 100

    # A mixed selection is all checked off first; then all reopened.
    editor.undo_stack.undo()
    editor.scene.nodes["node_1"].setSelected(True)
    qtbot.keyClick(editor.view, Qt.Key.Key_Space)
    assert [n.completed for n in service.get_goal(seeded_goal.id).roadmap.nodes] == [True, True]
    qtbot.keyClick(editor.view, Qt.Key.Key_Space)
    goal = service.get_goal(seeded_goal.id)
    assert [n.completed for n in goal.roadmap.nodes] == [False, False] and goal.progress == 0
    assert editor.undo_stack.count() == 2
