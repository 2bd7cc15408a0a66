"""The canvas's batch node calls keep linked todos in step, each in one transaction."""


def test_update_nodes_checks_and_renames_linked_subtasks(service, seeded_goal):
    todo = service.todos_from_roadmap(seeded_goal.id)
    heard = []
    service.subscribe(heard.append)
    service.update_nodes(seeded_goal.id, {"node_2": {"completed": True, "label": "Linear algebra"}})
    sub = service.get_todo(todo.id).subtasks[1]
    assert sub.node_id == "node_2" and sub.completed is True and sub.title == "Linear algebra"
    assert service.get_todo(todo.id).completed is True
    assert [c.kind for c in heard] == ["roadmap", "todos"]
    service.update_nodes(seeded_goal.id, {"node_1": {"completed": False}, "node_2": {"completed": False}})
    assert [s.completed for s in service.get_todo(todo.id).subtasks] == [False, False]


def test_remove_nodes_reports_and_restore_nodes_relinks(service, seeded_goal):
    todo = service.todo_from_node(seeded_goal.id, "node_2")
    goal = service.get_goal(seeded_goal.id)
    node = goal.roadmap.node("node_2")
    edges = list(goal.roadmap.edges)
    heard = []
    service.subscribe(heard.append)
    unlinked = service.remove_nodes(seeded_goal.id, ["node_2"]).unlinked
    assert [link.todo_id for link in unlinked] == [todo.id]
    assert heard[-1].kind == "todos" and heard[-1].detail.unlinked == tuple(unlinked)
    assert service.get_todo(todo.id).node_id is None
    service.restore_nodes(seeded_goal.id, [node], edges, links=unlinked)
    assert service.get_todo(todo.id).node_id == "node_2"


def test_a_todo_derived_early_in_a_call_is_derived_again_when_its_subtasks_change(service):
    # Found by tests/storage/test_todos_sync_properties.py: the roadmap todo was derived (open) before the
    # milestone todo's answer ticked its last subtask, and stayed open with every subtask done.
    from tests.support.linked_todos import build, check_invariants

    goal_id, todo_ids = build(service)
    for node_id in ("n0", "n1", "n3"):
        service.update_node(goal_id, node_id, completed=True)
    service.set_subtask_completed(todo_ids[2], 1, False)
    service.update_node(goal_id, "n2", completed=True)
    check_invariants(service, goal_id)
