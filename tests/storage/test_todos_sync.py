"""Completion sync in every direction, through GoalService (real SQLite file)."""

import pytest

from goals_desktop.storage import TodosChanged


def node_states(service, goal_id):
    return {n.id: n.completed for n in service.get_goal(goal_id).roadmap.nodes}


def test_seed_example_tick_subtask_checks_node_and_moves_progress(seeded_service):
    goal = seeded_service.get_goal("goal_123")
    assert goal.progress == 50  # node_1 of 2 is done in the seed
    todo = seeded_service.todos_from_roadmap("goal_123")
    assert [(s.node_id, s.completed) for s in todo.subtasks] == [("node_1", True), ("node_2", False)]
    assert todo.completed is False

    todo = seeded_service.set_subtask_completed(todo.id, 1, True)

    goal = seeded_service.get_goal("goal_123")
    assert node_states(seeded_service, "goal_123") == {"node_1": True, "node_2": True}
    assert (goal.progress, goal.status) == (100, "completed")
    assert todo.completed is True  # its last open subtask was ticked


def test_seed_example_uncheck_node_reopens_subtask_and_todo(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.set_subtask_completed(todo.id, todo.subtasks[1].id, True)

    goal = seeded_service.update_node("goal_123", "node_2", completed=False)

    todo = seeded_service.get_todo(todo.id)
    assert [s.completed for s in todo.subtasks] == [True, False]
    assert todo.completed is False
    assert (goal.progress, goal.status) == (50, "active")


def test_checking_node_completes_its_subtask_and_then_the_todo(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.update_node("goal_123", "node_2", completed=True)
    todo = seeded_service.get_todo(todo.id)
    assert [s.completed for s in todo.subtasks] == [True, True]
    assert todo.completed is True


def test_completing_goal_todo_completes_all_subtasks_and_nodes(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.update_node("goal_123", "node_1", completed=False)
    assert seeded_service.get_goal("goal_123").progress == 0

    todo = seeded_service.set_todo_completed(todo.id, True)

    assert [s.completed for s in todo.subtasks] == [True, True]
    assert node_states(seeded_service, "goal_123") == {"node_1": True, "node_2": True}
    assert seeded_service.get_goal("goal_123").progress == 100


def test_reopening_goal_todo_reopens_subtasks_and_nodes(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.set_todo_completed(todo.id, True)

    todo = seeded_service.set_todo_completed(todo.id, False)

    assert [s.completed for s in todo.subtasks] == [False, False]
    assert node_states(seeded_service, "goal_123") == {"node_1": False, "node_2": False}
    assert (seeded_service.get_goal("goal_123").progress, seeded_service.get_goal("goal_123").status) == (0, "active")


def test_unticking_one_subtask_reopens_todo_but_not_other_subtasks(seeded_service):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.set_todo_completed(todo.id, True)
    todo = seeded_service.set_subtask_completed(todo.id, 0, False)
    assert [s.completed for s in todo.subtasks] == [False, True]
    assert todo.completed is False
    assert node_states(seeded_service, "goal_123") == {"node_1": False, "node_2": True}


def test_milestone_todo_follows_node_both_ways(seeded_service):
    todo = seeded_service.todo_from_node("goal_123", "node_2")
    assert (todo.node_id, todo.completed) == ("node_2", False)

    seeded_service.update_node("goal_123", "node_2", completed=True)
    assert seeded_service.get_todo(todo.id).completed is True
    seeded_service.update_node("goal_123", "node_2", completed=False)
    assert seeded_service.get_todo(todo.id).completed is False

    seeded_service.set_todo_completed(todo.id, True)
    assert node_states(seeded_service, "goal_123")["node_2"] is True
    assert seeded_service.get_goal("goal_123").progress == 100
    seeded_service.set_todo_completed(todo.id, False)
    assert node_states(seeded_service, "goal_123")["node_2"] is False


def test_milestone_steps_become_subtasks_and_ticking_all_checks_the_node(seeded_service):
    seeded_service.update_node("goal_123", "node_2", details=["Vectors", "Matrices"])
    todo = seeded_service.todo_from_node("goal_123", "node_2")
    assert [s.title for s in todo.subtasks] == ["Vectors", "Matrices"]
    assert all(s.node_id is None for s in todo.subtasks)

    todo = seeded_service.set_subtask_completed(todo.id, 0, True)
    assert todo.completed is False
    assert node_states(seeded_service, "goal_123")["node_2"] is False

    todo = seeded_service.set_subtask_completed(todo.id, 1, True)
    assert todo.completed is True
    assert node_states(seeded_service, "goal_123")["node_2"] is True

    seeded_service.set_subtask_completed(todo.id, 0, False)
    assert seeded_service.get_todo(todo.id).completed is False
    assert node_states(seeded_service, "goal_123")["node_2"] is False


def test_one_node_linked_from_two_todos_keeps_both_in_step(seeded_service):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    milestone_todo = seeded_service.todo_from_node("goal_123", "node_2")
    seeded_service.set_todo_completed(milestone_todo.id, True)
    assert seeded_service.get_todo(roadmap_todo.id).subtasks[1].completed is True
    assert seeded_service.get_todo(roadmap_todo.id).completed is True


def test_new_link_takes_the_milestones_state(seeded_service):
    todo = seeded_service.create_todo("Revise Python", goal_id="goal_123", node_id="node_1")
    assert todo.completed is True  # node_1 is done in the seed
    other = seeded_service.create_todo("Read a book")
    other = seeded_service.update_todo(other.id, goal_id="goal_123", node_id="node_2")
    assert (other.completed, other.node_label, other.goal_title) == (False, "Study linear algebra", "Learn Machine Learning")
    assert node_states(seeded_service, "goal_123") == {"node_1": True, "node_2": False}


def test_subtask_linked_by_hand_syncs(seeded_service):
    todo = seeded_service.create_todo("Study plan", goal_id="goal_123", subtasks=["Buy a book"])
    todo = seeded_service.add_subtask(todo.id, "Do the course", node_id="node_2")
    assert todo.subtasks[1].node_id == "node_2"
    seeded_service.update_node("goal_123", "node_2", completed=True)
    assert seeded_service.get_todo(todo.id).subtasks[1].completed is True
    assert seeded_service.get_todo(todo.id).completed is False  # "Buy a book" is still open


def test_adding_an_open_subtask_reopens_a_done_todo_and_its_node(seeded_service):
    todo = seeded_service.todo_from_node("goal_123", "node_1")
    assert todo.completed is True
    todo = seeded_service.add_subtask(todo.id, "Revise decorators")
    assert todo.completed is False
    assert node_states(seeded_service, "goal_123")["node_1"] is False
    todo = seeded_service.remove_subtask(todo.id, 0)
    assert todo.subtasks == []


def test_renaming_milestone_renames_linked_subtask_and_milestone_todo(seeded_service):
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    milestone_todo = seeded_service.todo_from_node("goal_123", "node_2")
    manual = seeded_service.create_todo("Buy the textbook", goal_id="goal_123", node_id="node_2")

    seeded_service.update_node("goal_123", "node_2", label="Linear algebra in depth")

    assert seeded_service.get_todo(roadmap_todo.id).subtasks[1].title == "Linear algebra in depth"
    assert seeded_service.get_todo(milestone_todo.id).title == "Linear algebra in depth"
    assert seeded_service.get_todo(manual.id).title == "Buy the textbook"  # a title typed by hand stays
    assert seeded_service.get_todo(manual.id).node_label == "Linear algebra in depth"


def test_changes_are_announced_for_window_refresh(seeded_service, changes):
    todo = seeded_service.todos_from_roadmap("goal_123")
    changes.clear()
    seeded_service.set_subtask_completed(todo.id, 1, True)
    kinds = [(c.goal_id, c.kind) for c in changes]
    assert ("goal_123", "roadmap") in kinds and ("goal_123", "todos") in kinds
    detail = next(c.detail for c in changes if c.kind == "todos")
    assert isinstance(detail, TodosChanged) and todo.id in detail.todo_ids

    changes.clear()
    seeded_service.update_node("goal_123", "node_2", completed=False)
    assert [c.kind for c in changes] == ["roadmap", "todos"]
    assert changes[1].detail.todo_ids == (todo.id,)

    # A node whose todo drags other nodes along: still one 'roadmap' change for the goal.
    changes.clear()
    seeded_service.todo_from_node("goal_123", "node_2")
    seeded_service.update_node("goal_123", "node_2", completed=True)
    seeded_service.update_node("goal_123", "node_1", completed=False)
    changes.clear()
    seeded_service.set_todo_completed(todo.id, True)
    assert [(c.goal_id, c.kind) for c in changes] == [("goal_123", "roadmap"), ("goal_123", "todos")]
    changes.clear()
    seeded_service.set_roadmap("goal_123", seeded_service.get_goal("goal_123").roadmap)
    assert [c.kind for c in changes] == ["roadmap", "todos"]
    assert changes[1].detail.unlinked == ()


def test_setting_several_subtasks_at_once_is_one_change(seeded_service, changes):
    todo = seeded_service.todos_from_roadmap("goal_123")
    seeded_service.update_node("goal_123", "node_1", completed=False)
    changes.clear()
    todo = seeded_service.set_subtasks_completed(todo.id, {0: True, todo.subtasks[1].id: True})
    assert todo.completed is True
    assert node_states(seeded_service, "goal_123") == {"node_1": True, "node_2": True}
    assert sum(c.kind == "todos" for c in changes) == 1


@pytest.mark.parametrize("completed", [None, True])
def test_list_filters(seeded_service, completed):
    done = seeded_service.create_todo("Done one")
    seeded_service.set_todo_completed(done.id, True)
    open_ = seeded_service.create_todo("Open one", goal_id="goal_123")
    listed = seeded_service.list_todos(completed=completed)
    expected = [done.id, open_.id] if completed is None else [done.id]
    assert [t.id for t in listed] == expected
    assert [t.id for t in seeded_service.list_todos(goal_id="goal_123")] == [open_.id]
    assert [t.id for t in seeded_service.list_todos(completed=False)] == [open_.id]


def test_todos_are_listed_in_the_order_they_were_made(seeded_service):
    made = [seeded_service.create_todo(title).id for title in ("One", "Two", "Three")]
    assert [t.id for t in seeded_service.list_todos()] == made
    assert [t.order for t in seeded_service.list_todos()] == [0, 1, 2]
