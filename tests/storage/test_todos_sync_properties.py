"""Whatever sequence of ticks happens, linked things agree and progress follows (Hypothesis)."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goals_desktop.storage import Database, GoalService
from tests.support.linked_todos import NODES, build, check_invariants

operations = st.lists(
    st.one_of(
        st.tuples(st.just("node"), st.sampled_from(NODES), st.booleans()),
        st.tuples(st.just("todo"), st.integers(0, 3), st.booleans()),
        st.tuples(st.just("subtask"), st.integers(0, 3), st.integers(0, 2), st.booleans()),
    ),
    min_size=1,
    max_size=12,
)


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
