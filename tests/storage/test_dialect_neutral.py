"""Every statement the service runs also compiles for PostgreSQL without SQLite-isms.

The rules must not change when a second dialect arrives, so the statements they send are captured
during a workload touching every public method, then compiled for PostgreSQL.
"""

import re

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ClauseElement

SQLITE_ISMS = [
    (re.compile(r"\browid\b", re.I), "rowid"),
    (re.compile(r"\bOR\s+(IGNORE|REPLACE)\b", re.I), "INSERT OR IGNORE/REPLACE"),
    (re.compile(r"\b(completed|has_roadmap)\s*(=|!=|<>)\s*[01]\b", re.I), "a boolean compared with 0/1"),
    (re.compile(r"datetime\s*\(\s*'now'", re.I), "datetime('now')"),
    (re.compile(r"\bPRAGMA\b", re.I), "PRAGMA"),
]


@pytest.fixture
def statements(service, monkeypatch):
    seen = []

    def capture(conn, clause, multiparams, params, execution_options):
        if isinstance(clause, ClauseElement):
            seen.append(clause)

    # The hot statements run on the DBAPI connection (storage/prepared.py), past SQLAlchemy's
    # events: the unit's own entry points report them.
    from goals_desktop.storage.unit import UnitOfWork

    for name in ("rows", "run", "run_many"):
        original = getattr(UnitOfWork, name)

        def recording(unit, statement, *args, _original=original):
            seen.append(statement)
            return _original(unit, statement, *args)

        monkeypatch.setattr(UnitOfWork, name, recording)
    sa.event.listen(sa.engine.Engine, "before_execute", capture)
    yield seen
    sa.event.remove(sa.engine.Engine, "before_execute", capture)


def workload(service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    other = service.create_goal("Other", "text", "2027-01-01")
    service.update_goal(other.id, title="Other goal", status="abandoned")
    service.list_goals(status="active", search="learn")
    service.export_goals()
    roadmap_todo = service.todos_from_roadmap(goal.id)
    node_todo = service.todo_from_node(goal.id, "node_2")
    manual = service.create_todo("By hand", "notes", "2027-02-02", goal.id, "node_1", ["one", "two"])
    service.update_todo(manual.id, title="By hand, renamed", goal_id=other.id)
    service.add_subtask(roadmap_todo.id, "Extra", index=0)
    service.update_subtask(roadmap_todo.id, 0, title="Extra step")
    service.set_subtask_completed(roadmap_todo.id, 1, True)
    service.set_todo_completed(node_todo.id, True)
    service.remove_subtask(roadmap_todo.id, 0)
    service.list_todos(goal_id=goal.id, completed=False)
    service.update_nodes(goal.id, {"node_1": {"completed": False, "label": "Python"}, "node_2": {"position": {"x": 1, "y": 2}}})
    service.move_nodes(goal.id, {"node_1": {"x": 3, "y": 4}})
    service.add_node(goal.id, {"id": "node_3", "label": "Three"})
    service.add_edge(goal.id, "node_2", "node_3", edge_id="e23")
    service.remove_edge(goal.id, "e23")
    full = service.get_goal(goal.id).roadmap
    removed = service.remove_nodes(goal.id, ["node_2"])
    touching = [e for e in full.edges if "node_2" in (e.source, e.target)]
    service.restore_nodes(goal.id, [full.node("node_2")], touching, links=removed.unlinked)
    before = service.get_goal(goal.id).roadmap
    replaced = service.set_roadmap(goal.id, {"nodes": [{"id": "x", "label": "X"}], "edges": []}, expected=before)
    service.set_roadmap(goal.id, before, relink=replaced.unlinked)
    service.restore_links(replaced.unlinked)
    snapshot = service.get_todo(node_todo.id)
    service.delete_todo(node_todo.id)
    service.restore_todo(snapshot)
    data = service.get_goal(goal.id).to_dict()
    deleted = service.delete_goal(goal.id)
    service.restore_goal(data)
    service.restore_links(deleted.unlinked)
    service.delete_goal(other.id, delete_todos=True)


def test_every_statement_compiles_for_postgresql_without_sqlite_isms(service, seed_goal, statements):
    workload(service, seed_goal)
    assert len(statements) > 100
    problems = set()
    for statement in statements:
        sql = str(statement.compile(dialect=postgresql.dialect()))
        for pattern, what in SQLITE_ISMS:
            if pattern.search(sql):
                problems.add(f"{what}: {' '.join(sql.split())[:160]}")
    assert sorted(problems) == []


def test_same_second_goals_keep_their_creation_order_on_sqlite(service):
    # The tie-break that needs no schema change: SQLite's rowid here, the id elsewhere (see goals.py).
    titles = [f"Goal {i}" for i in range(30)]
    for title in titles:
        service.create_goal(title)
    assert [g.title for g in service.list_goals()] == titles
