"""Whatever sequence of ticks happens, linked things agree and progress follows (Hypothesis)."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goals_desktop.domain import rules
from goals_desktop.storage import Database, GoalService

NODES = ["n0", "n1", "n2", "n3"]

operations = st.lists(
    st.one_of(
        st.tuples(st.just("node"), st.sampled_from(NODES), st.booleans()),
        st.tuples(st.just("todo"), st.integers(0, 3), st.booleans()),
        st.tuples(st.just("subtask"), st.integers(0, 3), st.integers(0, 2), st.booleans()),
    ),
    min_size=1,
    max_size=12,
)


def build(service):
    goal = service.create_goal("Property goal")
    service.set_roadmap(
        goal.id,
        {
            "nodes": [{"id": n, "label": f"Milestone {n}", "details": ["a", "b"]} for n in NODES],
            "edges": [{"source": "n0", "target": "n1"}, {"source": "n1", "target": "n2"}],
        },
    )
    roadmap_todo = service.todos_from_roadmap(goal.id)
    milestone_todo = service.todo_from_node(goal.id, "n1")
    mixed = service.create_todo("Mixed", goal_id=goal.id, node_id="n3", subtasks=["by hand"])
    service.add_subtask(mixed.id, "linked", node_id="n2")
    plain = service.create_todo("Plain", subtasks=["x", "y"])
    return goal.id, [roadmap_todo.id, milestone_todo.id, mixed.id, plain.id]


def check_invariants(service, goal_id):
    goal = service.get_goal(goal_id)
    nodes = {n.id: n.completed for n in goal.roadmap.nodes}
    assert goal.progress == rules.compute_progress(list(nodes.values()))
    for todo in service.list_todos():
        if todo.subtasks:
            assert todo.completed == all(s.completed for s in todo.subtasks), todo
        if todo.node_id:
            assert todo.completed == nodes[todo.node_id], todo
        for subtask in todo.subtasks:
            if subtask.node_id:
                assert subtask.completed == nodes[subtask.node_id], (todo, subtask)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_links_always_agree(ops):
    with tempfile.TemporaryDirectory() as folder:
        database = Database(Path(folder) / "goals.sqlite3")
        try:
            service = GoalService(database)
            goal_id, todo_ids = build(service)
            check_invariants(service, goal_id)
            for op in ops:
                if op[0] == "node":
                    service.update_node(goal_id, op[1], completed=op[2])
                elif op[0] == "todo":
                    service.set_todo_completed(todo_ids[op[1]], op[2])
                else:
                    todo = service.get_todo(todo_ids[op[1]])
                    service.set_subtask_completed(todo.id, op[2] % len(todo.subtasks), op[3])
                check_invariants(service, goal_id)
                # The user's own tick always sticks.
                if op[0] == "node":
                    assert service.get_goal(goal_id).roadmap.node(op[1]).completed is op[2]
                elif op[0] == "todo":
                    assert service.get_todo(todo_ids[op[1]]).completed is op[2]
                else:
                    assert service.get_todo(todo.id).subtasks[op[2] % len(todo.subtasks)].completed is op[3]
        finally:
            database.close()
