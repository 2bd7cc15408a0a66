"""Undo and redo of a regenerate are each one service call that brings the todo links along."""

from PySide6.QtGui import QUndoStack

from goals_desktop.ui.commands.runner import events, push
from goals_desktop.ui.commands.generation import ReplaceRoadmapCommand


def test_undo_and_redo_of_a_regenerate_carry_the_links_of_both_roadmaps(qtbot, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    roadmap_todo = service.todos_from_roadmap(goal.id)
    before = service.get_goal(goal.id).roadmap
    outcome = service.set_roadmap(goal.id, {"nodes": [{"id": "fresh", "label": "Something new"}], "edges": []})
    messages = []
    stack = QUndoStack()
    events(stack).refused.connect(messages.append)
    # Recorded the way the generation records it: already saved.
    push(stack, ReplaceRoadmapCommand(service, goal.id, before, outcome.goal.roadmap, lost_links=outcome.unlinked), already_applied=True)
    # After the regenerate, the user makes a todo from the new milestone.
    fresh_todo = service.todo_from_node(goal.id, "fresh")
    heard = []
    service.subscribe(heard.append)

    stack.undo()
    assert [c.kind for c in heard] == ["roadmap", "todos"]  # one transaction, one announcement each
    assert [s.node_id for s in service.get_todo(roadmap_todo.id).subtasks] == ["node_1", "node_2"]
    assert service.get_todo(fresh_todo.id).node_id is None

    stack.redo()
    assert [n.id for n in service.get_goal(goal.id).roadmap.nodes] == ["fresh"]
    assert service.get_todo(fresh_todo.id).node_id == "fresh"
    assert [s.node_id for s in service.get_todo(roadmap_todo.id).subtasks] == [None, None]

    stack.undo()
    assert [s.node_id for s in service.get_todo(roadmap_todo.id).subtasks] == ["node_1", "node_2"]
    assert messages == []
