"""Export then import gives the same graph, labels, completion and positions (json and canvas)."""

from __future__ import annotations

import json

from hypothesis import given

from goals_desktop.exchange import export_bytes, read_import
from goals_desktop.exchange.canvas import CARD_HEIGHT, CARD_WIDTH

from .strategies import EXCHANGE_SETTINGS, goals, graph_of


def _by_id(roadmap):
    return {n.id: n for n in roadmap.nodes}


@EXCHANGE_SETTINGS
@given(goal=goals(placed=True))
def test_canvas_round_trip_keeps_graph_labels_completion_positions(goal):
    imported = read_import(export_bytes(goal, "canvas"), "plan.canvas")
    assert imported.format == "canvas"
    [data] = imported.goals
    assert data["title"] == goal.title
    nodes = {n["id"]: n for n in data["roadmap"]["nodes"]}
    assert set(nodes) == set(_by_id(goal.roadmap))
    for node in goal.roadmap.nodes:
        back = nodes[node.id]
        assert back["label"] == node.label
        assert back["completed"] is node.completed
        # Canvas coordinates are whole units: a centre moves by at most half a unit.
        assert abs(back["position"]["x"] - node.position.x) <= 0.5
        assert abs(back["position"]["y"] - node.position.y) <= 0.5
    assert {(e["source"], e["target"]) for e in data["roadmap"]["edges"]} == graph_of(goal.roadmap)


@EXCHANGE_SETTINGS
@given(goal=goals(placed=True))
def test_canvas_round_trip_through_the_service(service, goal):
    [saved] = service.import_goals(read_import(export_bytes(goal, "canvas"), "plan.canvas").goals)
    assert saved.title == goal.title
    assert graph_of(saved.roadmap) == graph_of(goal.roadmap)
    saved_nodes = _by_id(saved.roadmap)
    for node in goal.roadmap.nodes:
        assert (saved_nodes[node.id].label, saved_nodes[node.id].completed) == (node.label, node.completed)
    assert saved.progress == goal.progress and saved.status == goal.status


def test_canvas_writes_the_spec_shape(seed_goal):
    from goals_desktop.domain import rules
    from goals_desktop.domain.models import Goal

    goal = Goal(**{**seed_goal, "roadmap": rules.roadmap_from_dict(seed_goal["roadmap"])})
    document = json.loads(export_bytes(goal, "canvas"))
    group, *cards = document["nodes"]
    assert group["type"] == "group" and group["label"] == "Learn Machine Learning"
    for card in document["nodes"]:
        assert all(isinstance(card[key], int) for key in ("x", "y", "width", "height"))
    assert [c["text"] for c in cards] == ["- [x] Complete Python basics", "- [ ] Study linear algebra"]
    assert [c.get("color") for c in cards] == ["4", None]
    # Centre 100,100 on our canvas is the card's centre in the file.
    assert (cards[0]["x"] + CARD_WIDTH // 2, cards[0]["y"] + CARD_HEIGHT // 2) == (100, 100)
    assert document["edges"] == [
        {
            "id": "edge_1",
            "fromNode": "node_1",
            "fromSide": "bottom",
            "fromEnd": "none",
            "toNode": "node_2",
            "toSide": "top",
            "toEnd": "arrow",
        }
    ]


@EXCHANGE_SETTINGS
@given(goal=goals())
def test_json_round_trip_through_two_databases(service, tmp_path_factory, sqlite_template, goal):
    from goals_desktop.storage import Database, GoalService

    [first] = service.import_goals([goal.to_dict()])
    text = json.dumps(service.export_goals([first.id]), ensure_ascii=False)
    imported = read_import(text.encode("utf-8"), "export.json")
    assert imported.format == "goals"
    # A copy of the session's migrated file: each example's second database without running every migration.
    other_db = Database(sqlite_template.copy_to(tmp_path_factory.mktemp("other") / "other.sqlite3"))
    try:
        [second] = GoalService(other_db).import_goals(imported.goals)
    finally:
        other_db.close()
    assert second.id == first.id and second.title == goal.title
    assert graph_of(second.roadmap) == graph_of(goal.roadmap)
    assert second.roadmap.to_dict() == first.roadmap.to_dict()
    given_nodes = _by_id(goal.roadmap)
    for node in second.roadmap.nodes:
        assert (node.label, node.completed) == (given_nodes[node.id].label, given_nodes[node.id].completed)
        if given_nodes[node.id].position is not None:
            assert node.position == given_nodes[node.id].position
