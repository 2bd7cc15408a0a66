"""Result objects instead of side channels: what a call cut loose comes back in its Outcome, and
the same links put back by the undo calls."""

import dataclasses

import pytest

from goals_desktop.storage import ChangeKind, Outcome


def links_of(service, todo_id):
    todo = service.get_todo(todo_id)
    return todo.node_id, [s.node_id for s in todo.subtasks]


NEW_ROADMAP = {
    "nodes": [{"id": "node_1", "label": "Python, properly"}, {"id": "node_9", "label": "Statistics"}],
    "edges": [{"source": "node_1", "target": "node_9"}],
}


def test_a_regenerate_returns_exactly_the_links_it_cut(seeded_service):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    node_2_todo = seeded_service.todo_from_node("goal_123", "node_2")
    node_1_todo = seeded_service.todo_from_node("goal_123", "node_1")
    seeded_service.create_todo("Unlinked", goal_id="goal_123")

    outcome = seeded_service.set_roadmap("goal_123", NEW_ROADMAP)

    assert isinstance(outcome, Outcome)
    assert [n.id for n in outcome.goal.roadmap.nodes] == ["node_1", "node_9"]
    # In list order: todos linked to the milestone first, then subtasks (by todo, by position).
    assert [(link.todo_id, link.subtask_id, link.node_id) for link in outcome.unlinked] == [
        (node_2_todo.id, None, "node_2"),
        (roadmap_todo.id, roadmap_todo.subtasks[1].id, "node_2"),
    ]
    assert outcome.unlinked[1].subtask_title == "Study linear algebra"
    # Links to the surviving milestone are not reported: they were kept.
    assert links_of(seeded_service, node_1_todo.id) == ("node_1", [])
    assert links_of(seeded_service, roadmap_todo.id) == (None, ["node_1", None])


def test_undoing_a_regenerate_relinks_in_the_same_call(seeded_service, seed_goal, changes):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    node_2_todo = seeded_service.todo_from_node("goal_123", "node_2")
    before = seeded_service.get_goal("goal_123").roadmap
    outcome = seeded_service.set_roadmap("goal_123", NEW_ROADMAP)
    changes.clear()

    undone = seeded_service.set_roadmap("goal_123", before, expected=outcome.goal.roadmap, relink=outcome.unlinked)

    assert undone.goal.roadmap.to_dict() == before.to_dict()
    assert undone.unlinked == ()  # node_9 had no todos
    assert links_of(seeded_service, roadmap_todo.id) == (None, ["node_1", "node_2"])
    assert links_of(seeded_service, node_2_todo.id) == ("node_2", [])
    # One call, one ROADMAP and one TODOS change naming every todo it touched.
    assert [c.kind for c in changes] == [ChangeKind.ROADMAP, ChangeKind.TODOS]
    assert {roadmap_todo.id, node_2_todo.id} <= set(changes[1].detail.todo_ids)
    # The relinked subtask follows its milestone again.
    seeded_service.update_node("goal_123", "node_2", completed=True)
    assert seeded_service.get_todo(roadmap_todo.id).completed is True


def test_a_regenerate_without_links_cuts_nothing(seeded_service):
    seeded_service.create_todo("Unrelated")
    outcome = seeded_service.set_roadmap("goal_123", None)
    assert outcome.unlinked == () and outcome.goal.roadmap is None


def test_removing_nodes_returns_what_it_cut_and_restoring_relinks(seeded_service, changes):
    todo = seeded_service.todo_from_node("goal_123", "node_2")
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    goal = seeded_service.get_goal("goal_123")

    outcome = seeded_service.remove_nodes("goal_123", ["node_2"])

    assert [n.id for n in outcome.goal.roadmap.nodes] == ["node_1"] and outcome.goal.progress == 100
    assert [(link.todo_id, link.subtask_id) for link in outcome.unlinked] == [
        (todo.id, None),
        (roadmap_todo.id, roadmap_todo.subtasks[1].id),
    ]
    assert changes[-1].kind == "todos" and changes[-1].detail.unlinked == outcome.unlinked
    second = seeded_service.remove_node("goal_123", "node_1")
    assert [(link.todo_id, link.subtask_id, link.node_id) for link in second.unlinked] == [
        (roadmap_todo.id, roadmap_todo.subtasks[0].id, "node_1")
    ]

    # Undo in reverse order, each with the links its own removal reported.
    seeded_service.restore_nodes("goal_123", [goal.roadmap.node("node_1")], [], links=second.unlinked)
    seeded_service.restore_nodes("goal_123", [goal.roadmap.node("node_2")], goal.roadmap.edges, links=outcome.unlinked)
    assert links_of(seeded_service, todo.id) == ("node_2", [])
    assert links_of(seeded_service, roadmap_todo.id) == (None, ["node_1", "node_2"])
    assert seeded_service.get_goal("goal_123").to_dict()["roadmap"] == goal.to_dict()["roadmap"]


def test_deleting_a_goal_returns_no_goal_and_every_todo_it_cut_loose(seeded_service, seed_goal):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    plain = seeded_service.create_todo("Plan study time", goal_id="goal_123")
    before = seeded_service.get_goal("goal_123").to_dict()

    outcome = seeded_service.delete_goal("goal_123")

    assert outcome.goal is None
    assert {link.subtask_id or link.todo_id for link in outcome.unlinked} == {
        roadmap_todo.id,
        roadmap_todo.subtasks[0].id,
        roadmap_todo.subtasks[1].id,
        plain.id,
    }
    assert seeded_service.get_todo(plain.id).goal_id is None

    seeded_service.restore_goal(before)
    seeded_service.restore_links(outcome.unlinked)
    assert seeded_service.get_todo(plain.id).goal_id == "goal_123"
    assert links_of(seeded_service, roadmap_todo.id) == (None, ["node_1", "node_2"])


def test_deleting_a_goal_with_its_todos_cuts_nothing_loose(seeded_service):
    seeded_service.todos_from_roadmap("goal_123")
    outcome = seeded_service.delete_goal("goal_123", delete_todos=True)
    assert outcome == Outcome(None, ()) and seeded_service.list_todos() == []


def test_results_are_frozen_and_the_side_channel_is_gone(seeded_service):
    outcome = seeded_service.set_roadmap("goal_123", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome.unlinked = ()
    assert not hasattr(seeded_service, "last_unlinked")
    assert not hasattr(seeded_service, "set_roadmap_if_unchanged")


def test_change_kinds_are_one_enum_that_still_reads_as_text(service, changes):
    goal = service.create_goal("G")
    service.update_goal(goal.id, title="H")
    service.add_node(goal.id, {"id": "a", "label": "A"})
    service.create_todo("T", goal_id=goal.id, node_id="a")
    service.delete_goal(goal.id)
    assert all(isinstance(c.kind, ChangeKind) for c in changes)
    assert [c.kind for c in changes] == ["created", "updated", "roadmap", "todos", "deleted", "todos"]


def test_undoing_a_delete_puts_the_goal_back_with_its_own_timestamps(service, seed_goal):
    # The seed's stamps lie in the past; a restore must not stamp "now" over them.
    restored = service.restore_goal(seed_goal)
    assert (restored.created_at, restored.updated_at) == (seed_goal["created_at"], seed_goal["updated_at"])
    assert service.get_goal("goal_123").to_dict() == restored.to_dict()
