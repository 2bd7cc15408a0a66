"""Schedule benchmark: python bench/schedule_bench.py [sizes...]

For 200 / 2,000 / 5,000 milestones (random DAGs, realistic estimates, some done, some with a
fixed due date) it times, against layout_roadmap on the same roadmap in the same run:
  schedule (cold) - compute_schedule with an empty estimate cache (every estimate text read anew)
  schedule (warm) - compute_schedule again (estimates cached, as on every later change)
  JSON            - goal_dict_with_schedule(goal, today) against goal.to_dict()
Medians of REPEATS runs; prints times and ratios.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import median_time  # noqa: E402

from goals_desktop.domain import durations  # noqa: E402
from goals_desktop.domain.models import Edge, Goal, Node, Roadmap  # noqa: E402
from goals_desktop.domain.schedule import compute_schedule, goal_dict_with_schedule  # noqa: E402
from goals_desktop.layout import layout_roadmap  # noqa: E402

REPEATS = 5
TODAY = date(2026, 3, 2)
ESTIMATES = ["{} weeks", "{}-{} weeks", "{} days", "about {} months", "{} hrs", "a weekend", "ongoing", "soon-ish", "1 year {} months"]


def make_goal(count: int, seed: int = 1) -> Goal:
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(count)]
    links = []
    for i in range(1, count):
        for parent in rng.sample(range(max(0, i - 20), i), k=min(i, rng.choice([1, 1, 2]))):
            links.append((ids[parent], ids[i]))
    nodes = []
    for i in ids:
        a = rng.randint(1, 9)
        estimate = rng.choice(ESTIMATES).format(a, a + rng.randint(1, 3))
        due = (TODAY + timedelta(days=rng.randint(0, 900))).isoformat() + "T00:00:00Z" if rng.random() < 0.05 else None
        nodes.append(Node(id=i, label=f"Milestone {i}", completed=rng.random() < 0.2, estimated_time=estimate, due_date=due))
    roadmap = Roadmap(nodes, [Edge(f"e{k}", s, t) for k, (s, t) in enumerate(links)])
    return Goal("g", "bench", None, "2030-12-31T00:00:00Z", roadmap, 0, "active", "", "")


def main(sizes: list[int]) -> None:
    print(f"{'nodes':>6} | {'layout':>9} | {'schedule cold':>21} | {'schedule warm':>21} | {'to_dict':>9} | {'to_dict+schedule':>22}")
    for count in sizes:
        goal = make_goal(count)
        roadmap = goal.roadmap
        layout = median_time(lambda: layout_roadmap(roadmap), REPEATS)
        cold = median_time(lambda: compute_schedule(roadmap, goal.target_date, TODAY), REPEATS, before=durations._parse_text.cache_clear)
        warm = median_time(lambda: compute_schedule(roadmap, goal.target_date, TODAY), REPEATS)
        plain = median_time(lambda: goal.to_dict(), REPEATS)
        decorated = median_time(lambda: goal_dict_with_schedule(goal, TODAY), REPEATS)
        print(
            f"{count:>6,} | {layout * 1e3:7.1f}ms | {cold * 1e3:7.1f}ms ({cold / layout:5.2f}x layout) | "
            f"{warm * 1e3:7.1f}ms ({warm / layout:5.2f}x layout) | {plain * 1e3:7.1f}ms | {decorated * 1e3:7.1f}ms ({decorated / plain:4.1f}x plain)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 2_000, 5_000])
