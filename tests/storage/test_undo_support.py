"""Service calls the window's undo steps rely on: each one transaction, each giving back exactly
what the step changed (found by tests/ui/test_window_state_machine.py)."""

import pytest

from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Node


def test_expected_roadmap_is_compared_by_content_not_node_order(service, seed_goal):
    # Undoing a deletion appends the restored node; the roadmap is the same one, so a later
    # undo of a regenerate (set_roadmap with expected) must not be refused as "changed elsewhere".
    (goal,) = service.import_goals([seed_goal])
    seen = service.get_goal(goal.id).roadmap
    node = seen.node("node_1")
    edges = list(seen.edges)
    service.remove_nodes(goal.id, ["node_1"])
    service.restore_nodes(goal.id, [node], edges)
    reordered = service.get_goal(goal.id).roadmap
    assert [n.id for n in reordered.nodes] == ["node_2", "node_1"]

    replaced = service.set_roadmap(goal.id, {"nodes": [Node("z", "Z").to_dict()], "edges": []}, expected=seen)
    assert [n.id for n in replaced.goal.roadmap.nodes] == ["z"]


def test_restore_goal_brings_back_deleted_todos_and_links_in_one_call(service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    kept = service.todos_from_roadmap(goal.id)
    deleted = service.todo_from_node(goal.id, "node_2")
    snapshot = service.get_goal(goal.id).to_dict()
    service.delete_todo(deleted.id)
    lost = service.delete_goal(goal.id).unlinked
    assert service.get_todo(kept.id).goal_id is None
    heard = []
    service.subscribe(heard.append)

    service.restore_goal(snapshot, deleted_todos=[deleted.to_dict()], links=lost)
    assert service.get_goal(goal.id).to_dict() == snapshot
    assert service.get_todo(kept.id).to_dict() | {"updated_at": None} == kept.to_dict() | {"updated_at": None}
    back = service.get_todo(deleted.id)
    assert (back.goal_id, back.node_id, back.kind, back.order) == (goal.id, "node_2", "milestone", deleted.order)
    assert heard[0].kind == "created" and {c.kind for c in heard[1:]} == {"todos"}


def test_delete_goals_is_one_call(service, seed_goal):
    (first,) = service.import_goals([seed_goal])
    second = service.create_goal("Second")
    service.todos_from_roadmap(first.id)
    heard = []
    service.subscribe(heard.append)
    outcome = service.delete_goals([first.id, second.id], delete_todos=True)
    assert service.list_goals() == [] and service.list_todos() == [] and outcome.unlinked == ()
    assert [c.kind for c in heard] == ["deleted", "todos", "deleted"]
    with pytest.raises(NotFoundError):
        service.delete_goals([first.id])


def test_restore_todo_replace_puts_the_todo_back_and_its_milestone_follows(service, seed_goal):
    # A checked milestone's todo gets a subtask: todo and milestone reopen. Putting the todo back
    # as it was must check the milestone again (removing the subtask alone would not).
    (goal,) = service.import_goals([seed_goal])
    todo = service.todo_from_node(goal.id, "node_1")
    assert todo.completed and not todo.subtasks
    service.add_subtask(todo.id, "By hand")
    assert not service.get_goal(goal.id).roadmap.node("node_1").completed

    restored = service.restore_todo(todo, replace=True)
    assert restored.completed and not restored.subtasks and restored.id == todo.id
    assert service.get_goal(goal.id).roadmap.node("node_1").completed
    assert len(service.list_todos()) == 1


def test_restore_todo_without_replace_still_refuses_an_existing_id(service):
    todo = service.create_todo("Once")
    with pytest.raises(ValidationError, match="already exists"):
        service.restore_todo(todo)
