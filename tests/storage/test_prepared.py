"""The hot statements run on the DBAPI connection (storage/prepared.py) read and write exactly what
SQLAlchemy's Connection.execute reads and writes, on both dialects."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.storage import completion, goals, links, roadmaps
from goals_desktop.storage.dialects import json_loads
from goals_desktop.storage.schema import nodes as nodes_table
from goals_desktop.storage.schema import todos as todos_table
from goals_desktop.storage.unit import UnitOfWork

ROADMAP = {
    "nodes": [
        {"id": "a", "label": "Álgebra", "completed": True, "position": {"x": 1.5, "y": -2.25},
         "details": ["première étape", "zweite"], "resources": ["https://example.org/ü"], "estimated_time": "2 weeks",
         "due_date": "2027-01-31", "notes": "line one\nline two"},
        {"id": "b", "label": "Plain", "position": {"x": 0, "y": 150}},
        {"id": "c", "label": "No position yet"},
    ],
    "edges": [{"id": "ab", "source": "a", "target": "b"}, {"id": "bc", "source": "b", "target": "c"}],
}


@pytest.fixture
def goal_with_links(service):
    goal = service.create_goal("Prepared", "both ways", "2027-06-01")
    service.set_roadmap(goal.id, ROADMAP)
    service.todo_from_node(goal.id, "a")
    service.todos_from_roadmap(goal.id)
    return goal.id


def both_ways(conn, statement, params):
    unit = UnitOfWork(conn)
    return [tuple(row) for row in unit.rows(statement, params)], [tuple(row) for row in conn.execute(statement, params)]


def test_reads_give_what_connection_execute_gives(service, goal_with_links):
    params = {"goal_id": goal_with_links, "node_id": "a"}
    statements = [
        goals._GOAL_ROW, goals._NODE_ROWS, goals._EDGE_ROWS, goals._COMPLETION_QUERY, goals._GOAL_EXISTS,
        goals._NODE_EXISTS, goals._NODE_COMPLETED, completion._LINKED_TO_NODE, *links._LINKS_TO_GOAL, links._NODE_STATES,
    ]
    with service.db.read() as conn:
        for statement in statements:
            fast, plain = both_ways(conn, statement, params)
            assert fast == plain and fast, statement
            # The same Python types too (booleans, floats, decoded JSON lists), not merely equal values.
            assert [[type(v) for v in row] for row in fast] == [[type(v) for v in row] for row in plain], statement
    nodes = {row[0]: row for row in plain_rows(service, goals._NODE_ROWS, params)}
    # id, label, completed, x, y, details, ...
    assert nodes["a"][5] == ["première étape", "zweite"] and nodes["a"][2] is True and nodes["a"][3] == 1.5


def plain_rows(service, statement, params):
    with service.db.read() as conn:
        return UnitOfWork(conn).rows(statement, params)


def test_values_written_into_the_statement_are_sent(service, goal_with_links):
    # todos.kind == "milestone" carries its value in the statement, not in the call's parameters.
    statement = sa.select(todos_table.c.title).where(
        todos_table.c.kind == "milestone", todos_table.c.node_goal_id == sa.bindparam("goal_id")
    ).order_by(todos_table.c.seq)
    with service.db.read() as conn:
        fast, plain = both_ways(conn, statement, {"goal_id": goal_with_links})
    assert fast == plain and len(fast) >= 1


def test_writes_store_what_connection_execute_stores(service):
    first = service.create_goal("Written fast")
    second = service.create_goal("Written by SQLAlchemy")
    node = rules.node_from_dict({"id": "n", "label": "Ünïcode", "completed": True, "position": {"x": 3, "y": 4.5},
                                 "details": ["é", "two"], "resources": [], "notes": "x"})
    with service.db.write() as conn:
        unit = UnitOfWork(conn)
        unit.run_many(roadmaps._NODES_INSERT, [roadmaps.node_row(first.id, 0, node)])
        conn.execute(roadmaps._NODES_INSERT, [roadmaps.node_row(second.id, 0, node)])
        assert unit.run(goals._GOAL_UPDATE, {"goal_id": first.id, "has_roadmap": True, "progress": 100}) == 1
        conn.execute(goals._GOAL_UPDATE, {"goal_id": second.id, "has_roadmap": True, "progress": 100})
        assert unit.run(goals._GOAL_UPDATE, {"goal_id": "goal_missing", "progress": 1}) == 0
    # Read back through the driver itself, below every conversion: the stored values are the same.
    with service.db.read() as conn:
        driver = conn.connection.driver_connection
        stored = {}
        for goal_id in (first.id, second.id):
            cursor = driver.cursor()
            cursor.execute(
                "SELECT n.completed, n.x, n.y, n.details, n.resources, g.has_roadmap, g.progress "
                "FROM nodes n JOIN goals g ON g.id = n.goal_id WHERE n.goal_id = " + ("?" if isinstance(driver, sqlite3.Connection) else "%s"),
                (goal_id,),
            )
            stored[goal_id] = cursor.fetchall()
    assert stored[first.id] == stored[second.id] and len(stored[first.id]) == 1
    assert service.get_goal(first.id).roadmap.nodes == service.get_goal(second.id).roadmap.nodes == [node]


def test_statements_it_cannot_run_plainly_are_refused(service):
    expanding = sa.select(nodes_table.c.id).where(nodes_table.c.goal_id.in_(sa.bindparam("ids", expanding=True)))
    with service.db.read() as conn, pytest.raises(ValueError, match="Not a plain statement"):
        UnitOfWork(conn).rows(expanding, {"ids": ["x"]})


@pytest.mark.parametrize(
    "text",
    ['["step"]', "[]", '["\\u00e9", "é"]', '"\\ud800"', "1e400", "NaN", "12345678901234567890123", '{"a": 1, "a": 2}', "[1.5, null, true]"],
)
def test_json_columns_decode_as_json_does(text):
    assert repr(json_loads(text)) == repr(json.loads(text))
    assert repr(json_loads(text.encode())) == repr(json.loads(text))


@pytest.mark.parametrize("garbage", ["{not json", "[1,", "[]x", ""])
def test_garbage_in_a_json_column_is_refused_as_json_refuses_it(garbage):
    with pytest.raises(json.JSONDecodeError):
        json_loads(garbage)

