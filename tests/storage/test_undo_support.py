"""Service calls the window's undo steps rely on: each one transaction, each giving back exactly
what the step changed (found by tests/ui/test_window_state_machine.py)."""

from goals_desktop.domain.models import Node


def test_expected_roadmap_is_compared_by_content_not_node_order(service, seed_goal):
    # Undoing a deletion appends the restored node; the roadmap is the same one, so a later
    # undo of a regenerate (set_roadmap with expected) must not be refused as "changed elsewhere".
    (goal,) = service.import_goals([seed_goal])
    seen = service.get_goal(goal.id).roadmap
    node = seen.node("node_1")
    edges = list(seen.edges)
    service.remove_nodes(goal.id, ["node_1"])
    service.restore_nodes(goal.id, [node], edges)
    reordered = service.get_goal(goal.id).roadmap
    assert [n.id for n in reordered.nodes] == ["node_2", "node_1"]

    replaced = service.set_roadmap(goal.id, {"nodes": [Node("z", "Z").to_dict()], "edges": []}, expected=seen)
    assert [n.id for n in replaced.goal.roadmap.nodes] == ["z"]
