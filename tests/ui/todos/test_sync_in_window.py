"""The issue's 'done when', through real widgets: Todos view <-> canvas, with undo/redo."""

from PySide6.QtCore import Qt


def subtask_for(todo, node_id):
    return next(s for s in todo.subtasks if s.node_id == node_id)


def expected_progress(goal):
    nodes = goal.roadmap.nodes
    return round(100 * sum(n.completed for n in nodes) / len(nodes))


def test_send_roadmap_then_tick_subtask_checks_node_and_back(qtbot, rig, service, seeded_goal):
    # Reopen node_1 first (a real click on the canvas), so ticking node_2's subtask gives 50.
    rig.click_node_checkbox("node_1")
    assert service.get_goal(seeded_goal.id).roadmap.node("node_1").completed is False

    rig.panel.set_filter(None)
    rig.conversions.roadmap_action.trigger()
    todo = next(t for t in service.list_todos(goal_id=seeded_goal.id) if t.kind == "roadmap")
    assert [s.node_id for s in todo.subtasks] == ["node_1", "node_2"]
    assert rig.messages and "Made todo" in rig.messages[-1]
    assert rig.undo_stack.undoText() == "Send roadmap to todos"

    sub2 = subtask_for(todo, "node_2")
    assert rig.checked_in_panel(todo.id, sub2.id) is False
    rig.click_check(todo.id, sub2.id)
    qtbot.waitUntil(lambda: service.get_goal(seeded_goal.id).roadmap.node("node_2").completed)
    goal = service.get_goal(seeded_goal.id)
    assert goal.progress == expected_progress(goal) == 50
    assert rig.editor.scene.nodes["node_2"].node.completed is True
    assert rig.checked_in_panel(todo.id, sub2.id) is True

    # Undo / redo of the tick move node, progress and panel together.
    rig.undo_stack.undo()
    assert service.get_goal(seeded_goal.id).progress == 0
    assert rig.editor.scene.nodes["node_2"].node.completed is False
    assert rig.checked_in_panel(todo.id, sub2.id) is False
    rig.undo_stack.redo()
    assert service.get_goal(seeded_goal.id).progress == 50
    assert rig.checked_in_panel(todo.id, sub2.id) is True

    # Uncheck the node on the canvas: the subtask reopens in the panel at once.
    rig.click_node_checkbox("node_2")
    assert service.get_goal(seeded_goal.id).roadmap.node("node_2").completed is False
    assert rig.checked_in_panel(todo.id, sub2.id) is False
    assert service.get_todo(todo.id).subtasks[1].completed is False
    rig.undo_stack.undo()
    assert rig.checked_in_panel(todo.id, sub2.id) is True
    rig.undo_stack.redo()
    assert rig.checked_in_panel(todo.id, sub2.id) is False


def test_seed_as_is_ticking_node_2_subtask_completes_goal(qtbot, rig, service, seeded_goal):
    rig.conversions.send_roadmap()
    todo = service.list_todos(goal_id=seeded_goal.id)[0]
    rig.panel.set_filter(None)
    rig.click_check(todo.id, subtask_for(todo, "node_2").id)
    qtbot.waitUntil(lambda: service.get_goal(seeded_goal.id).progress == 100)
    # All subtasks done: the todo itself is done.
    assert rig.checked_in_panel(todo.id) is True


def test_undo_of_checking_a_todo_restores_each_subtask(qtbot, rig, service, seeded_goal):
    rig.conversions.send_roadmap()
    todo = service.list_todos(goal_id=seeded_goal.id)[0]
    assert [s.completed for s in todo.subtasks] == [True, False]
    rig.panel.set_filter(None)
    rig.click_check(todo.id)
    qtbot.waitUntil(lambda: service.get_todo(todo.id).completed)
    assert service.get_goal(seeded_goal.id).progress == 100
    rig.undo_stack.undo()
    assert [s.completed for s in service.get_todo(todo.id).subtasks] == [True, False]
    assert service.get_goal(seeded_goal.id).progress == 50
    assert rig.checked_in_panel(todo.id, todo.subtasks[0].id) is True


def test_undo_of_send_roadmap_removes_the_todo(rig, service, seeded_goal):
    rig.conversions.send_roadmap()
    assert len(service.list_todos()) == 1
    rig.undo_stack.undo()
    assert service.list_todos() == []
    assert rig.panel.tree.topLevelItemCount() == 0
    rig.undo_stack.redo()
    assert len(service.list_todos()) == 1


def test_clicking_the_milestone_link_selects_the_node(qtbot, rig, service, seeded_goal):
    rig.conversions.send_roadmap()
    todo = service.list_todos()[0]
    rig.panel.set_filter(None)
    item = rig.panel.item_for(todo.id, subtask_for(todo, "node_2").id)
    assert item.text(2) == "Study linear algebra"
    rect = rig.panel.tree.visualItemRect(item)
    x = rig.panel.tree.header().sectionViewportPosition(2) + 20
    qtbot.mouseClick(rig.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().__class__(x, rect.center().y()))
    assert rig.activated == [(seeded_goal.id, "node_2")]
    assert rig.editor.scene.selected_node_ids() == ["node_2"]


def test_make_todo_from_milestone_twice_does_not_duplicate(rig, service, seeded_goal):
    assert not rig.conversions.milestone_action.isEnabled()
    rig.editor.select_node("node_2")
    assert rig.conversions.milestone_action.isEnabled()
    menu = rig.editor.context_menu(rig.editor.scene.nodes["node_2"], rig.editor.scene.nodes["node_2"].pos())
    assert rig.conversions.milestone_action in menu.actions()
    rig.conversions.milestone_action.trigger()
    rig.conversions.milestone_action.trigger()
    todos = service.list_todos(goal_id=seeded_goal.id)
    assert len(todos) == 1 and todos[0].node_id == "node_2" and todos[0].kind == "milestone"
    assert "Updated todo" in rig.messages[-1]
    assert rig.panel.tree.topLevelItemCount() == 1
    # Undo of the second (update) keeps the todo; undo of the first removes it.
    rig.undo_stack.undo()
    assert len(service.list_todos()) == 1
    rig.undo_stack.undo()
    assert service.list_todos() == []
