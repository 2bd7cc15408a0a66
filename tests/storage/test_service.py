"""GoalService against a real database (SQLite file or PostgreSQL): shapes, rules, transactions."""

import re

import pytest

from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Node, Position
from goals_desktop.storage import Database, GoalService
from tests.support.backends import snapshot

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def test_create_returns_the_seed_shape(service):
    goal = service.create_goal("Learn Machine Learning", "Master ML fundamentals", "2026-12-31")
    data = goal.to_dict()
    assert list(data) == [
        "id", "title", "description", "target_date", "roadmap", "progress", "status", "created_at", "updated_at"
    ]
    assert data["id"].startswith("goal_") and data["roadmap"] is None
    assert data["target_date"] == "2026-12-31T00:00:00Z"
    assert (data["progress"], data["status"]) == (0, "active")
    assert TIMESTAMP.match(data["created_at"]) and TIMESTAMP.match(data["updated_at"])


def test_ids_are_unique(service):
    ids = {service.create_goal(f"Goal {i}").id for i in range(50)}
    assert len(ids) == 50


def test_list_filters_by_status_and_search(service):
    ml = service.create_goal("Learn Machine Learning", "fundamentals")
    run = service.create_goal("Run a marathon", "42 km, 100% effort")
    service.update_goal(run.id, status="abandoned")
    assert [g.id for g in service.list_goals()] == [ml.id, run.id]
    assert [g.id for g in service.list_goals(status="abandoned")] == [run.id]
    assert [g.id for g in service.list_goals(search="MACHINE")] == [ml.id]
    assert [g.id for g in service.list_goals(search="fundament")] == [ml.id]
    # LIKE wildcards in the search text are literal.
    assert [g.id for g in service.list_goals(search="100%")] == [run.id]
    assert service.list_goals(search="_") == []
    assert list(service.list_goals()[0].to_summary_dict()) == [
        "id", "title", "description", "target_date", "progress", "status", "created_at"
    ]


def test_update_changes_only_given_fields(service):
    goal = service.create_goal("Old", "keep me", "2026-01-01")
    updated = service.update_goal(goal.id, title="New", target_date=None)
    assert (updated.title, updated.description, updated.target_date) == ("New", "keep me", None)


def test_progress_and_status_follow_node_checks(service, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    assert goal.progress == 50
    done = service.update_node(goal.id, "node_2", completed=True)
    assert (done.progress, done.status) == (100, "completed")
    reopened = service.update_node(goal.id, "node_1", completed=False)
    assert (reopened.progress, reopened.status) == (50, "active")


def test_abandoned_goal_stays_abandoned_until_the_user_changes_it(service, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    service.update_goal(goal.id, status="abandoned")
    assert service.update_node(goal.id, "node_2", completed=True).status == "abandoned"
    assert service.update_node(goal.id, "node_2", completed=False).status == "abandoned"
    assert service.update_goal(goal.id, status="active").status == "active"


def test_toggling_a_node_updates_one_node_row(service, db_path, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    before = snapshot(db_path)["nodes"]
    service.update_node(goal.id, "node_2", completed=True)
    after = snapshot(db_path)["nodes"]
    assert len(set(after) - set(before)) == 1


def test_node_fields_round_trip(service):
    goal = service.create_goal("G")
    service.add_node(goal.id, {"id": "n1", "label": "Read the book"})
    goal = service.update_node(
        goal.id,
        "n1",
        label="  Read the whole book ",
        details=["ch 1", "  ", "ch 2"],
        estimated_time="2 weeks",
        resources=["https://example.org/book"],
        due_date="2027-01-15",
        notes="line 1\nline 2",
        position={"x": 12.5, "y": -40},
    )
    node = goal.roadmap.node("n1").to_dict()
    assert node == {
        "id": "n1",
        "label": "Read the whole book",
        "completed": False,
        "position": {"x": 12.5, "y": -40},
        "details": ["ch 1", "ch 2"],
        "estimated_time": "2 weeks",
        "resources": ["https://example.org/book"],
        "due_date": "2027-01-15T00:00:00Z",
        "notes": "line 1\nline 2",
    }


def test_set_roadmap_replaces_atomically_and_lays_out_unplaced_nodes(service):
    goal = service.create_goal("G")
    service.set_roadmap(goal.id, {"nodes": [{"id": "x", "label": "X"}], "edges": []})
    goal = service.set_roadmap(
        goal.id,
        {
            "nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}],
            "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}],
        },
    ).goal
    assert [n.id for n in goal.roadmap.nodes] == ["a", "b", "c"]
    ys = [n.position.y for n in goal.roadmap.nodes]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert service.set_roadmap(goal.id, None).goal.roadmap is None


def test_an_empty_roadmap_is_not_null(service):
    goal = service.create_goal("Build by hand")
    goal = service.set_roadmap(goal.id, {"nodes": [], "edges": []}).goal
    assert goal.to_dict()["roadmap"] == {"nodes": [], "edges": []}
    goal = service.add_node(goal.id, Node("n1", "First step", position=Position(0, 0)))
    assert [n.id for n in goal.roadmap.nodes] == ["n1"]


def test_add_and_remove_nodes_and_edges(service):
    goal = service.create_goal("G")
    for node_id in "abc":
        service.add_node(goal.id, {"id": node_id, "label": node_id.upper()})
    service.add_edge(goal.id, "a", "b", edge_id="e1")
    goal = service.add_edge(goal.id, "b", "c")
    assert [(e.source, e.target) for e in goal.roadmap.edges] == [("a", "b"), ("b", "c")]
    with pytest.raises(ValidationError, match="cycle"):
        service.add_edge(goal.id, "c", "a")
    goal = service.remove_node(goal.id, "b").goal
    assert [n.id for n in goal.roadmap.nodes] == ["a", "c"] and goal.roadmap.edges == []
    service.add_edge(goal.id, "a", "c", edge_id="e9")
    assert service.remove_edge(goal.id, "e9").roadmap.edges == []


def test_removing_the_last_open_node_completes_the_goal(service):
    goal = service.create_goal("G")
    service.add_node(goal.id, {"id": "a", "label": "A", "completed": True})
    service.add_node(goal.id, {"id": "b", "label": "B"})
    goal = service.remove_node(goal.id, "b").goal
    assert (goal.progress, goal.status) == (100, "completed")


def test_move_nodes_saves_all_positions_in_one_call(service, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    goal = service.move_nodes(goal.id, {"node_1": Position(5, 6), "node_2": {"x": 7, "y": 8}})
    assert [n.position for n in goal.roadmap.nodes] == [Position(5, 6), Position(7, 8)]


def test_delete_cascades_to_nodes_and_edges(service, db_path, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    service.delete_goal(goal.id)
    tables = snapshot(db_path)
    assert tables["goals"] == tables["nodes"] == tables["edges"] == []
    with pytest.raises(NotFoundError):
        service.get_goal(goal.id)


@pytest.mark.parametrize(
    "bad_call",
    [
        lambda s, g: s.update_goal(g, title="  "),
        lambda s, g: s.update_goal(g, target_date="2026-02-30"),
        lambda s, g: s.update_goal(g, status="done"),
        lambda s, g: s.update_goal("goal_nope", title="x"),
        lambda s, g: s.delete_goal("goal_nope"),
        lambda s, g: s.update_node(g, "node_nope", completed=True),
        lambda s, g: s.update_node(g, "node_1", completed="yes"),
        lambda s, g: s.update_node(g, "node_1", colour="red"),
        lambda s, g: s.move_nodes(g, {"node_1": (1, 2), "node_nope": (3, 4)}),
        lambda s, g: s.set_roadmap(g, {"nodes": [{"id": "a", "label": "A"}], "edges": [{"source": "a", "target": "a"}]}),
        lambda s, g: s.add_edge(g, "node_2", "node_1"),
        lambda s, g: s.add_node(g, {"id": "node_1", "label": "again"}),
        lambda s, g: s.remove_edge(g, "edge_nope"),
        lambda s, g: s.import_goals([{"title": "fine"}, {"title": ""}]),
    ],
)
def test_a_failed_call_leaves_the_database_as_it_was(service, db_path, seed_goal, bad_call):
    goal = service.import_goals([seed_goal])[0]
    before = snapshot(db_path)
    with pytest.raises((ValidationError, NotFoundError)) as error:
        bad_call(service, goal.id)
    assert "\n" not in str(error.value)
    assert snapshot(db_path) == before


def test_import_round_trips_the_seed_example(service, seed_goal):
    goal = service.import_goals([seed_goal])[0]
    data = goal.to_dict()
    assert data["id"] == "goal_123" and data["progress"] == 50
    assert data["created_at"] == "2026-02-19T10:00:00Z"
    assert [n["id"] for n in data["roadmap"]["nodes"]] == ["node_1", "node_2"]
    exported = service.export_goals([goal.id])
    assert exported == [service.get_goal(goal.id).to_dict()]


def test_importing_twice_makes_a_copy_instead_of_overwriting(service, seed_goal):
    first = service.import_goals([seed_goal])[0]
    service.update_node(first.id, "node_2", completed=True)
    second = service.import_goals([seed_goal])[0]
    assert second.id != first.id and second.progress == 50
    assert service.get_goal(first.id).progress == 100


def test_subscribers_hear_committed_changes_only(service):
    heard = []
    unsubscribe = service.subscribe(heard.append)
    goal = service.create_goal("G")
    with pytest.raises(ValidationError):
        service.update_goal(goal.id, title="")
    service.update_goal(goal.id, title="H")
    unsubscribe()
    service.delete_goal(goal.id)
    assert [(c.goal_id, c.kind) for c in heard] == [(goal.id, "created"), (goal.id, "updated")]


def test_data_survives_reopening_the_file(db_path, seed_goal):
    first = GoalService(Database(db_path))
    goal = first.import_goals([seed_goal])[0]
    first.move_nodes(goal.id, {"node_2": Position(300, 400)})
    first.db.close()
    reopened = GoalService(Database(db_path)).get_goal(goal.id)
    assert reopened.roadmap.node("node_2").position == Position(300, 400)


def test_a_call_from_another_thread_announces_through_the_given_dispatch(service):
    """The API's worker threads hand announcements to the event loop's thread (the window's)."""
    import threading

    heard: list[tuple[str, str]] = []
    service.subscribe(lambda change: heard.append((threading.current_thread().name, change.goal_id)))
    dispatched: list = []
    worker_service = service.announcing_through(lambda fn, *args: dispatched.append((fn, args)))
    made: list = []
    worker = threading.Thread(target=lambda: made.append(worker_service.create_goal("From a worker")), name="worker")
    worker.start()
    worker.join()
    assert heard == [] and len(dispatched) == 1  # nothing announced on the worker thread
    fn, args = dispatched[0]
    fn(*args)  # as the loop would run it, on this thread
    assert heard == [(threading.current_thread().name, made[0].id)]
