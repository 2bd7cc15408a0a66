"""GoalService.warm_up_roadmap_save compiles what a whole-roadmap save runs, so the save compiles
nothing in the middle of a window's event loop (bench/stream_bench.py)."""

from goals_desktop.domain.models import Edge, Node, Roadmap
from goals_desktop.storage.prepared import plans_for


def test_after_the_warm_up_a_generated_roadmap_is_saved_without_compiling_anything(service):
    steps = list(service.warm_up_roadmap_save())
    assert len(steps) >= 10  # one statement per step
    plans = plans_for(service.db.write_dialect)
    compiled = set(plans)
    empty = service.create_goal("Fresh")
    roadmap = Roadmap([Node(f"m{i}", f"Milestone {i}", estimated_time="1 week") for i in range(5)],
                      [Edge(f"e{i}", f"m{i}", f"m{i + 1}") for i in range(4)])
    service.set_roadmap(empty.id, roadmap)  # an empty goal's first roadmap
    service.update_node(empty.id, "m0", completed=True)
    compiled_by_toggle = set(plans) - compiled
    service.set_roadmap(empty.id, roadmap, expected=service.get_goal(empty.id).roadmap)  # a regeneration / breakdown
    assert set(plans) - compiled - compiled_by_toggle == set()
    assert list(service.warm_up_roadmap_save())  # again: nothing new, still one step per statement
