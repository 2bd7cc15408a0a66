"""Undoing a regenerate brings back the old milestones AND the todo links they had."""

from PySide6.QtGui import QUndoStack

from goals_desktop.ui.commands.runner import events, push
from goals_desktop.ui.commands.generation import ReplaceRoadmapCommand


def test_undo_of_a_regenerate_relinks_the_todos_it_unlinked(qtbot, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    todo = service.todos_from_roadmap(goal.id)
    before = service.get_goal(goal.id).roadmap
    outcome = service.set_roadmap(goal.id, {"nodes": [{"id": "fresh", "label": "Something new"}], "edges": []})
    after = outcome.goal.roadmap
    assert {link.node_id for link in outcome.unlinked} == {"node_1", "node_2"}
    messages = []
    stack = QUndoStack()
    events(stack).refused.connect(messages.append)
    # Recorded the way the generation records it: already saved.
    push(stack, ReplaceRoadmapCommand(service, goal.id, before, after, lost_links=outcome.unlinked), already_applied=True)
    assert [s.node_id for s in service.get_todo(todo.id).subtasks] == [None, None]

    stack.undo()
    assert service.get_goal(goal.id).roadmap.to_dict() == before.to_dict()
    assert [s.node_id for s in service.get_todo(todo.id).subtasks] == ["node_1", "node_2"]
    stack.redo()
    assert [n.id for n in service.get_goal(goal.id).roadmap.nodes] == ["fresh"] and messages == []
