from PySide6.QtCore import QPointF, Qt

from goals_desktop.storage import Database, GoalService

from .conftest import drag, node_centre, view_point


def test_drag_saves_new_centre_once_and_survives_reopening(qtbot, editor, service, db_path, seeded_goal):
    changes = []
    service.subscribe(changes.append)
    start = node_centre(editor, "node_2")
    target = start + QPointF(150, 120)
    grab = QPointF(50, 10)  # the seed's nodes overlap; grab node_2 where only it is

    drag(qtbot, editor, start + grab, target + grab)

    moved = node_centre(editor, "node_2")
    assert (moved - target).manhattanLength() < 4  # viewport rounding at zoom != 1
    assert len(changes) == 1, "one database write per drag, none per mouse move"
    assert editor.undo_stack.count() == 1

    reopened = Database(db_path)
    try:
        node = GoalService(reopened).get_goal(seeded_goal.id).roadmap.node("node_2")
    finally:
        reopened.close()
    assert (node.position.x, node.position.y) == (moved.x(), moved.y())
    # The edge followed its target node.
    edge = editor.scene.edges["edge_1"]
    assert edge.boundingRect().intersects(editor.scene.nodes["node_2"].sceneBoundingRect())


def test_drag_undo_and_redo_write_through(qtbot, editor, service, seeded_goal):
    grab = node_centre(editor, "node_1") + QPointF(-50, 10)
    drag(qtbot, editor, grab, grab + QPointF(0, 200))
    after = service.get_goal(seeded_goal.id).roadmap.node("node_1").position
    assert after.y > 250

    editor.undo_stack.undo()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").position.to_dict() == {"x": 100, "y": 100}
    assert node_centre(editor, "node_1") == QPointF(100, 100)

    editor.undo_stack.redo()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").position == after


def test_dragging_a_multi_selection_is_one_undo_step(qtbot, editor, service, seeded_goal):
    viewport = editor.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_point(editor, QPointF(50, 110)))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, view_point(editor, QPointF(250, 110)))
    assert sorted(editor.scene.selected_node_ids()) == ["node_1", "node_2"]

    drag(qtbot, editor, QPointF(250, 110), QPointF(310, 310))

    roadmap = service.get_goal(seeded_goal.id).roadmap
    one, two = roadmap.node("node_1").position, roadmap.node("node_2").position
    assert one.y > 250 and two.y > 250
    assert two.x - one.x == 100  # moved together
    assert editor.undo_stack.count() == 1

    editor.undo_stack.undo()
    roadmap = service.get_goal(seeded_goal.id).roadmap
    assert roadmap.node("node_1").position.to_dict() == {"x": 100, "y": 100}
    assert roadmap.node("node_2").position.to_dict() == {"x": 200, "y": 100}


def test_background_drag_pans_instead_of_moving_nodes(qtbot, editor, service, seeded_goal):
    before_centre = editor.view.mapToScene(editor.view.viewport().rect().center())
    drag(qtbot, editor, QPointF(150, 400), QPointF(350, 500))
    after_centre = editor.view.mapToScene(editor.view.viewport().rect().center())
    assert after_centre.x() < before_centre.x() - 50
    assert editor.undo_stack.count() == 0
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").position.to_dict() == {"x": 100, "y": 100}


def test_shift_drag_on_background_selects_by_rubber_band(qtbot, editor):
    drag(qtbot, editor, QPointF(-100, 0), QPointF(400, 200), modifier=Qt.KeyboardModifier.ShiftModifier)
    assert sorted(editor.scene.selected_node_ids()) == ["node_1", "node_2"]
    assert editor.undo_stack.count() == 0
