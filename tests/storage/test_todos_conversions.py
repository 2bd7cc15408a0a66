"""The two conversions, repeated conversion, regeneration and goal deletion keeping links honest."""

import sqlalchemy as sa

from goals_desktop.storage.schema import subtasks, todos


def test_roadmap_todo_subtasks_follow_dependency_order(service):
    goal = service.create_goal("Ship it")
    service.set_roadmap(
        goal.id,
        {
            "nodes": [{"id": "c", "label": "Release"}, {"id": "a", "label": "Design"}, {"id": "b", "label": "Build"}],
            "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}],
        },
    )
    todo = service.todos_from_roadmap(goal.id)
    assert [(s.node_id, s.title) for s in todo.subtasks] == [("a", "Design"), ("b", "Build"), ("c", "Release")]
    assert (todo.kind, todo.goal_id, todo.title) == ("roadmap", goal.id, "Ship it")


def test_sending_roadmap_twice_updates_instead_of_duplicating(seeded_service):
    first = seeded_service.todos_from_roadmap("goal_123")
    extra = seeded_service.add_subtask(first.id, "Tell a friend").subtasks[-1]
    seeded_service.add_node("goal_123", {"id": "node_3", "label": "Build a project"})
    seeded_service.add_edge("goal_123", "node_2", "node_3")

    again = seeded_service.todos_from_roadmap("goal_123")

    assert again.id == first.id
    assert len(seeded_service.list_todos()) == 1
    assert [s.id for s in again.subtasks[:2]] == [s.id for s in first.subtasks]
    assert [s.node_id for s in again.subtasks] == ["node_1", "node_2", "node_3", None]
    assert again.subtasks[-1].id == extra.id  # the hand-made subtask is kept, after the milestones


def test_todo_from_node_twice_updates_instead_of_duplicating(seeded_service):
    seeded_service.update_node("goal_123", "node_2", details=["Vectors", "Matrices"])
    first = seeded_service.todo_from_node("goal_123", "node_2")
    seeded_service.set_subtask_completed(first.id, 0, True)
    seeded_service.update_node("goal_123", "node_2", details=["Vectors", "Matrices", "Eigenvalues"])

    again = seeded_service.todo_from_node("goal_123", "node_2")

    assert again.id == first.id
    assert len(seeded_service.list_todos()) == 1
    # The step ticked before stays ticked; the new step starts as open as its milestone.
    assert [(s.title, s.completed) for s in again.subtasks] == [
        ("Vectors", True),
        ("Matrices", False),
        ("Eigenvalues", False),
    ]
    assert again.completed is False


def test_new_step_of_a_done_milestone_starts_done(seeded_service):
    seeded_service.update_node("goal_123", "node_1", details=["Syntax"])
    first = seeded_service.todo_from_node("goal_123", "node_1")
    assert [s.completed for s in first.subtasks] == [True]
    seeded_service.update_node("goal_123", "node_1", details=["Syntax", "Modules"])
    again = seeded_service.todo_from_node("goal_123", "node_1")
    assert [s.completed for s in again.subtasks] == [True, True]
    assert again.completed is True
    assert seeded_service.get_goal("goal_123").roadmap.node("node_1").completed is True


def test_regenerating_keeps_surviving_links_and_reports_lost_ones(seeded_service, changes):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    node_2_todo = seeded_service.todo_from_node("goal_123", "node_2")
    node_1_todo = seeded_service.todo_from_node("goal_123", "node_1")
    changes.clear()

    outcome = seeded_service.set_roadmap(
        "goal_123",
        {
            "nodes": [
                {"id": "node_1", "label": "Python, properly", "completed": True},
                {"id": "node_3", "label": "Statistics"},
            ],
            "edges": [{"source": "node_1", "target": "node_3"}],
        },
    )

    lost = outcome.unlinked
    assert {(link.todo_id, link.subtask_id, link.node_id) for link in lost} == {
        (roadmap_todo.id, roadmap_todo.subtasks[1].id, "node_2"),
        (node_2_todo.id, None, "node_2"),
    }
    detail = next(c.detail for c in changes if c.kind == "todos")
    assert set(detail.unlinked) == set(lost)

    kept = seeded_service.get_todo(roadmap_todo.id)
    assert [(s.id, s.node_id, s.title) for s in kept.subtasks] == [
        (roadmap_todo.subtasks[0].id, "node_1", "Python, properly"),
        (roadmap_todo.subtasks[1].id, None, "Study linear algebra"),
    ]
    assert seeded_service.get_todo(node_2_todo.id).node_id is None
    assert seeded_service.get_todo(node_2_todo.id).goal_id == "goal_123"  # only the milestone link went
    assert (seeded_service.get_todo(node_1_todo.id).node_id, seeded_service.get_todo(node_1_todo.id).title) == ("node_1", "Python, properly")

    # The surviving link still syncs.
    seeded_service.update_node("goal_123", "node_1", completed=False)
    assert seeded_service.get_todo(roadmap_todo.id).subtasks[0].completed is False
    assert seeded_service.get_todo(node_1_todo.id).completed is False

    resent = seeded_service.todos_from_roadmap("goal_123")
    assert [s.node_id for s in resent.subtasks] == ["node_1", "node_3", None]


def test_regenerated_node_state_wins_for_surviving_links(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.set_roadmap("goal_123", {"nodes": [{"id": "node_1", "label": "Python"}], "edges": []})
    todo = seeded_service.get_todo(todo.id)
    assert (todo.subtasks[0].node_id, todo.subtasks[0].completed) == ("node_1", False)


def test_removing_a_node_unlinks_and_reports(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    outcome = seeded_service.remove_node("goal_123", "node_2")
    goal = outcome.goal
    assert [(link.subtask_id, link.node_id) for link in outcome.unlinked] == [(todo.subtasks[1].id, "node_2")]
    kept = seeded_service.get_todo(todo.id)
    assert [s.node_id for s in kept.subtasks] == ["node_1", None]
    assert goal.progress == 100


def test_regenerating_without_links_reports_nothing(seeded_service, changes):
    seeded_service.create_todo("Unrelated")
    changes.clear()
    outcome = seeded_service.set_roadmap("goal_123", None)
    assert list(outcome.unlinked) == []
    assert [c.kind for c in changes] == ["roadmap"]


def test_deleting_goal_keeps_its_todos_unlinked_by_default(seeded_service, service):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    milestone_todo = seeded_service.todo_from_node("goal_123", "node_2")
    plain = seeded_service.create_todo("Plan study time", goal_id="goal_123")

    outcome = seeded_service.delete_goal("goal_123")

    remaining = {t.id: t for t in seeded_service.list_todos()}
    assert set(remaining) == {roadmap_todo.id, milestone_todo.id, plain.id}
    assert all(t.goal_id is None and t.node_id is None for t in remaining.values())
    assert all(s.node_id is None for s in remaining[roadmap_todo.id].subtasks)
    assert len(remaining[roadmap_todo.id].subtasks) == 2
    # Each kept todo lost its goal (the roadmap todo too), and each linked subtask its milestone.
    assert {link.subtask_id or link.todo_id for link in outcome.unlinked} == {
        roadmap_todo.id,
        roadmap_todo.subtasks[0].id,
        roadmap_todo.subtasks[1].id,
        milestone_todo.id,
        plain.id,
    }


def test_deleting_goal_with_its_todos(seeded_service, service):
    other_goal = seeded_service.create_goal("Another goal")
    other = seeded_service.create_todo("Elsewhere", goal_id=other_goal.id)
    seeded_service.todos_from_roadmap("goal_123")
    seeded_service.todo_from_node("goal_123", "node_2")

    seeded_service.delete_goal("goal_123", delete_todos=True)

    assert [t.id for t in seeded_service.list_todos()] == [other.id]
    with seeded_service.db.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(subtasks)).scalar_one() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(todos)).scalar_one() == 1


def test_undo_helpers_restore_a_deleted_todo_and_lost_links(seeded_service, seed_goal):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.delete_todo(todo.id)
    restored = seeded_service.restore_todo(todo)
    assert restored.to_dict() | {"updated_at": None} == todo.to_dict() | {"updated_at": None}

    lost = seeded_service.set_roadmap(
        "goal_123", {"nodes": [{"id": "node_1", "label": "Complete Python basics", "completed": True}], "edges": []}
    ).unlinked
    assert [link.node_id for link in lost] == ["node_2"]
    seeded_service.set_roadmap("goal_123", seed_goal["roadmap"])  # undo the regenerate
    [relinked] = seeded_service.restore_links(lost)
    assert [s.node_id for s in relinked.subtasks] == ["node_1", "node_2"]
    seeded_service.update_node("goal_123", "node_2", completed=True)
    assert seeded_service.get_todo(todo.id).completed is True


def test_undo_helpers_after_goal_delete(seeded_service, seed_goal):
    todo = seeded_service.todos_from_roadmap("goal_123")
    lost = seeded_service.delete_goal("goal_123").unlinked
    seeded_service.import_goals([seed_goal])  # the window's undo puts the goal back under its id
    [relinked] = seeded_service.restore_links(lost)
    assert relinked.id == todo.id and relinked.goal_id == "goal_123"
    assert [s.node_id for s in relinked.subtasks] == ["node_1", "node_2"]
