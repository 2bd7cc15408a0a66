from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.canvas.editor import EMPTY_ROADMAP_MESSAGE, NO_GOAL_MESSAGE
from goals_desktop.ui.canvas.items import NodeItem

from .conftest import drag, view_point


def stored(service, goal_id):
    roadmap = service.get_goal(goal_id).roadmap
    return {n.id: n for n in roadmap.nodes}, {(e.source, e.target) for e in roadmap.edges}


def test_add_node_at_view_centre_with_undo_redo(editor, service, seeded_goal):
    node_id = editor.add_node()
    nodes, _ = stored(service, seeded_goal.id)
    assert node_id in nodes and nodes[node_id].label == "New milestone"
    centre = editor.view.mapToScene(editor.view.viewport().rect().center())
    assert abs(nodes[node_id].position.x - centre.x()) <= 3 and abs(nodes[node_id].position.y - centre.y()) <= 3
    assert editor.scene.selected_node_ids() == [node_id]

    editor.undo_stack.undo()
    assert node_id not in stored(service, seeded_goal.id)[0] and node_id not in editor.scene.nodes
    editor.undo_stack.redo()
    assert node_id in stored(service, seeded_goal.id)[0] and node_id in editor.scene.nodes


def test_rename_by_double_click_and_typing(qtbot, editor, service, seeded_goal):
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, QPointF(250, 110)))
    line_edit = editor._label_editor
    assert line_edit.isVisible() and line_edit.text() == "Study linear algebra"
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "Linear algebra, properly")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)

    assert not line_edit.isVisible()
    assert stored(service, seeded_goal.id)[0]["node_2"].label == "Linear algebra, properly"
    # Spaces typed in the box went to the box, not to the canvas's Space (check off) shortcut.
    assert editor.undo_stack.count() == 1 and stored(service, seeded_goal.id)[0]["node_2"].completed is False
    assert editor.scene.nodes["node_2"].node.label == "Linear algebra, properly"
    editor.undo_stack.undo()
    assert stored(service, seeded_goal.id)[0]["node_2"].label == "Study linear algebra"
    editor.undo_stack.redo()
    assert stored(service, seeded_goal.id)[0]["node_2"].label == "Linear algebra, properly"


def test_rename_with_f2_escape_cancels_and_blank_is_refused(qtbot, editor, service, seeded_goal):
    editor.select_node("node_1")
    editor.view.setFocus()
    qtbot.waitUntil(editor.view.hasFocus)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    line_edit = editor._label_editor
    assert line_edit.isVisible()
    qtbot.keyClicks(line_edit, "Something else")
    qtbot.keyClick(line_edit, Qt.Key.Key_Escape)
    assert not line_edit.isVisible()
    assert stored(service, seeded_goal.id)[0]["node_1"].label == "Complete Python basics"

    editor.start_rename("node_1")
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "   ")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert line_edit.isVisible(), "the box stays open so the label can be fixed"
    assert editor.messages and "label" in editor.messages[-1].lower()
    assert stored(service, seeded_goal.id)[0]["node_1"].label == "Complete Python basics"
    assert editor.undo_stack.count() == 0


def test_connect_by_dragging_from_the_handle(qtbot, editor, service, seeded_goal):
    third = editor.add_node(QPointF(150, 400), label="Build a project")
    editor.undo_stack.clear()
    handle = editor.scene.nodes["node_2"].mapToScene(NodeItem.HANDLE_CENTRE)
    drag(qtbot, editor, handle, QPointF(150, 400))

    assert ("node_2", third) in stored(service, seeded_goal.id)[1]
    assert node_centre_unchanged(service, seeded_goal.id)
    assert len(editor.scene.edges) == 2
    editor.undo_stack.undo()
    assert ("node_2", third) not in stored(service, seeded_goal.id)[1] and len(editor.scene.edges) == 1
    editor.undo_stack.redo()
    assert ("node_2", third) in stored(service, seeded_goal.id)[1]


def node_centre_unchanged(service, goal_id):
    return stored(service, goal_id)[0]["node_2"].position.to_dict() == {"x": 200, "y": 100}


def test_connect_action_links_two_selected_nodes_top_first(editor, service, seeded_goal):
    third = editor.add_node(QPointF(150, 400), label="Build a project")
    editor.scene.clearSelection()
    editor.scene.nodes[third].setSelected(True)
    editor.scene.nodes["node_1"].setSelected(True)
    assert editor.connect_nodes_action.isEnabled()
    editor.connect_nodes_action.trigger()
    assert ("node_1", third) in stored(service, seeded_goal.id)[1]


def test_cycle_and_duplicate_are_refused_with_a_message(qtbot, editor, service, seeded_goal):
    handle = editor.scene.nodes["node_2"].mapToScene(NodeItem.HANDLE_CENTRE)
    drag(qtbot, editor, handle, QPointF(50, 110))  # node_2 -> node_1, but node_1 -> node_2 exists
    assert editor.messages[-1] == "The roadmap's edges form a cycle; a roadmap must flow one way."
    assert stored(service, seeded_goal.id)[1] == {("node_1", "node_2")}
    assert editor.undo_stack.count() == 0 and len(editor.scene.edges) == 1

    editor.connect_nodes("node_1", "node_2")
    assert "linked twice" in editor.messages[-1]
    assert editor.undo_stack.count() == 0


def test_delete_node_undo_restores_it_with_edges_and_fields(qtbot, editor, service, seeded_goal):
    service.update_node(seeded_goal.id, "node_1", details=["Read the tutorial"], notes="keep going", due_date="2026-05-01")
    editor.select_node("node_1")
    editor.view.setFocus()
    qtbot.waitUntil(editor.view.hasFocus)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)

    nodes, edges = stored(service, seeded_goal.id)
    assert list(nodes) == ["node_2"] and edges == set()
    assert set(editor.scene.nodes) == {"node_2"} and not editor.scene.edges

    editor.undo_stack.undo()
    nodes, edges = stored(service, seeded_goal.id)
    assert nodes["node_1"].details == ["Read the tutorial"] and nodes["node_1"].notes == "keep going"
    assert nodes["node_1"].due_date == "2026-05-01T00:00:00Z" and nodes["node_1"].completed is True
    assert edges == {("node_1", "node_2")} and "edge_1" in editor.scene.edges
    assert service.get_goal(seeded_goal.id).progress == 50

    editor.undo_stack.redo()
    assert list(stored(service, seeded_goal.id)[0]) == ["node_2"]


def test_remove_a_selected_edge(qtbot, editor, service, seeded_goal):
    service.update_node(seeded_goal.id, "node_2", position={"x": 200, "y": 400})  # the seed's nodes overlap
    edge = editor.scene.edges["edge_1"]
    middle = edge._line.pointAt(0.5)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, middle))
    assert editor.scene.selected_edge_ids() == ["edge_1"]
    editor.delete_selection_action.trigger()
    assert stored(service, seeded_goal.id)[1] == set()
    assert len(stored(service, seeded_goal.id)[0]) == 2
    editor.undo_stack.undo()
    assert stored(service, seeded_goal.id)[1] == {("node_1", "node_2")}


def test_external_service_changes_show_at_once(editor, service, seeded_goal):
    service.update_node(seeded_goal.id, "node_2", completed=True, label="Linear algebra done", position={"x": 500, "y": 300})
    item = editor.scene.nodes["node_2"]
    assert item.node.completed and item.node.label == "Linear algebra done"
    assert item.pos() == QPointF(500, 300)
    service.add_node(seeded_goal.id, {"id": "node_9", "label": "Extra", "position": {"x": 0, "y": 400}})
    service.add_edge(seeded_goal.id, "node_2", "node_9")
    assert "node_9" in editor.scene.nodes and len(editor.scene.edges) == 2
    service.remove_node(seeded_goal.id, "node_1")
    assert "node_1" not in editor.scene.nodes and len(editor.scene.edges) == 1
    service.delete_goal(seeded_goal.id)
    assert editor.goal_id() is None and not editor.scene.nodes


def test_tidy_layout_is_one_undo_step(editor, service, seeded_goal):
    editor.tidy_layout()
    nodes, _ = stored(service, seeded_goal.id)
    assert nodes["node_2"].position.y - nodes["node_1"].position.y == 150  # layered: node_2 below node_1
    assert editor.undo_stack.count() == 1 and editor.undo_stack.undoText() == "Tidy layout"
    editor.undo_stack.undo()
    nodes, _ = stored(service, seeded_goal.id)
    assert nodes["node_2"].position.to_dict() == {"x": 200, "y": 100}


def test_empty_states(make_editor, service):
    editor = make_editor(None)
    assert editor.view.empty_message == NO_GOAL_MESSAGE
    assert not editor.add_node_action.isEnabled()
    goal = service.create_goal("Empty one")
    editor.show_goal(goal.id)
    assert editor.view.empty_message == EMPTY_ROADMAP_MESSAGE
    editor.add_node_action.trigger()
    assert editor.view.empty_message == ""
    assert len(service.get_goal(goal.id).roadmap.nodes) == 1


def test_wheel_zoom_is_clamped(qtbot, editor):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from goals_desktop.ui.canvas.view import MAX_ZOOM, MIN_ZOOM

    viewport = editor.view.viewport()
    under = view_point(editor, QPointF(250, 110))

    def wheel(delta):
        event = QWheelEvent(
            QPointF(under), QPointF(viewport.mapToGlobal(under)), QPoint(), QPoint(0, delta),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(viewport, event)

    scene_before = editor.view.mapToScene(under)
    wheel(120)
    assert editor.view.zoom() > 1.0 or editor.view.zoom() == MAX_ZOOM
    scene_after = editor.view.mapToScene(under)
    assert (scene_after - scene_before).manhattanLength() < 3, "zoom stays anchored under the cursor"
    for _ in range(40):
        wheel(480)
    assert editor.view.zoom() == MAX_ZOOM
    for _ in range(80):
        wheel(-480)
    assert editor.view.zoom() == MIN_ZOOM


def test_a_2000_node_roadmap_opens_and_drags(qtbot, make_editor, service, db_path):
    goal = service.create_goal("Huge")
    nodes = [{"id": f"n{i}", "label": f"Milestone {i}"} for i in range(2000)]
    edges = [{"source": f"n{i // 3}", "target": f"n{i}"} for i in range(1, 2000)]
    service.set_roadmap(goal.id, {"nodes": nodes, "edges": edges})
    editor = make_editor(goal.id)
    assert len(editor.scene.nodes) == 2000 and len(editor.scene.edges) == 1999
    editor.select_node("n0")
    start = editor.scene.nodes["n0"].pos() + QPointF(60, 10)
    drag(qtbot, editor, start, start + QPointF(0, -80))
    reopened = Database(db_path)
    try:
        assert GoalService(reopened).get_goal(goal.id).roadmap.node("n0").position.y < -40
    finally:
        reopened.close()


def test_leaving_the_rename_box_keeps_a_valid_label(qtbot, editor, service, seeded_goal):
    editor.start_rename("node_2")
    line_edit = editor._label_editor
    qtbot.waitUntil(line_edit.hasFocus)
    line_edit.setText("Renamed by clicking away")
    editor.view.setFocus()
    qtbot.waitUntil(lambda: not line_edit.isVisible())
    assert stored(service, seeded_goal.id)[0]["node_2"].label == "Renamed by clicking away"


def test_background_context_menu_adds_a_node_there(editor, service, seeded_goal):
    menu = editor.context_menu(None, QPointF(40, 420))
    (add_here,) = [a for a in menu.actions() if a.text() == "Add milestone here"]
    add_here.trigger()
    added = [n for n in stored(service, seeded_goal.id)[0].values() if n.id not in ("node_1", "node_2")]
    assert [(n.position.x, n.position.y) for n in added] == [(40, 420)]

    node_menu = editor.context_menu(editor.scene.nodes["node_1"], QPointF(50, 110))
    assert editor.scene.selected_node_ids() == ["node_1"]
    assert editor.toggle_node_action in node_menu.actions() and editor.delete_selection_action in node_menu.actions()


def test_double_click_on_the_background_adds_a_node_there(qtbot, editor, service, seeded_goal):
    qtbot.mouseDClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(editor, QPointF(150, 400)))
    added = [n for n in stored(service, seeded_goal.id)[0].values() if n.id not in ("node_1", "node_2")]
    assert len(added) == 1
    assert abs(added[0].position.x - 150) <= 2 and abs(added[0].position.y - 400) <= 2
    assert editor.undo_stack.count() == 1


def test_undo_on_a_goal_no_longer_shown_writes_through_and_says_so(editor, service, seeded_goal):
    editor.select_node("node_2")
    editor.toggle_selected()
    other = service.create_goal("Another goal")
    editor.show_goal(other.id)
    told = []
    editor.other_goal_edited.connect(told.append)
    editor.undo_stack.undo()
    assert service.get_goal(seeded_goal.id).roadmap.node("node_2").completed is False
    assert told == [seeded_goal.id] and editor.goal_id() == other.id


def test_middle_button_pans_even_over_a_node(qtbot, editor):
    viewport = editor.view.viewport()
    before = editor.view.mapToScene(viewport.rect().center())
    start = view_point(editor, QPointF(250, 110))
    qtbot.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=start)
    QTest.mouseMove(viewport, start + QPoint(-120, -90))
    qtbot.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=start + QPoint(-120, -90))
    after = editor.view.mapToScene(viewport.rect().center())
    assert after.x() > before.x() + 50 and after.y() > before.y() + 40
    assert editor.scene.nodes["node_2"].pos() == QPointF(200, 100)


def test_fit_view_and_zoom_to_selection(editor, service, seeded_goal):
    service.add_node(seeded_goal.id, {"id": "far", "label": "Far away", "position": {"x": 3000, "y": 2000}})
    editor.fit_view_action.trigger()
    visible = editor.view.mapToScene(editor.view.viewport().rect()).boundingRect()
    for item in editor.scene.nodes.values():
        assert visible.contains(item.sceneBoundingRect())
    editor.select_node("far")
    editor.zoom_selection_action.trigger()
    visible = editor.view.mapToScene(editor.view.viewport().rect()).boundingRect()
    assert visible.contains(editor.scene.nodes["far"].sceneBoundingRect())
    assert not visible.intersects(editor.scene.nodes["node_1"].sceneBoundingRect())
    assert abs(editor.view.zoom() - 1.0) < 1e-9
