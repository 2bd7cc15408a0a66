"""The GoalService methods the canvas added: batch updates, batch removal and its exact undo."""

import pytest

from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Edge


def test_remove_then_restore_nodes_round_trips_every_field(service, seeded_goal):
    service.update_node(seeded_goal.id, "node_2", details=["a", "b"], resources=["book"], estimated_time="1 week", notes="n")
    before = service.get_goal(seeded_goal.id)
    goal = service.remove_nodes(seeded_goal.id, ["node_1", "node_2"]).goal
    assert goal.roadmap.nodes == [] and goal.roadmap.edges == [] and goal.progress == 0

    restored = service.restore_nodes(seeded_goal.id, before.roadmap.nodes, before.roadmap.edges)
    assert restored.roadmap.to_dict() == before.roadmap.to_dict()
    assert restored.progress == before.progress


def test_restore_refuses_edges_that_would_break_the_roadmap(service, seeded_goal):
    with pytest.raises(ValidationError):
        service.restore_nodes(seeded_goal.id, [], [Edge("edge_x", "node_2", "node_1")])  # a cycle
    with pytest.raises(ValidationError):
        service.restore_nodes(seeded_goal.id, [], [Edge("edge_y", "node_1", "missing")])
    assert [e.id for e in service.get_goal(seeded_goal.id).roadmap.edges] == ["edge_1"]


def test_update_nodes_is_all_or_nothing(service, seeded_goal):
    with pytest.raises(NotFoundError):
        service.update_nodes(seeded_goal.id, {"node_2": {"completed": True}, "nope": {"completed": True}})
    assert service.get_goal(seeded_goal.id).roadmap.node("node_2").completed is False
    goal = service.update_nodes(seeded_goal.id, {"node_1": {"completed": False}, "node_2": {"label": "Renamed"}})
    assert goal.progress == 0 and goal.roadmap.node("node_2").label == "Renamed"
    with pytest.raises(ValidationError):
        service.update_nodes(seeded_goal.id, {"node_1": {"label": " "}})
