"""A goal whose milestones are linked to todos every way there is (a roadmap todo, a milestone todo,
a todo with a linked subtask, a plain one), and the rules they must keep agreeing on: shared by the
storage property test and the window's batch-node test."""

from goals_desktop.domain import rules

NODES = ["n0", "n1", "n2", "n3"]


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
