"""Export and import costs for big roadmaps, as ratios to plain JSON of the same goal in the same run.

For each size: every text writer (with the schedule's planned dates, worked out per export as the
faces do) and the image renders against json.dumps(goal.to_dict()), and
reading a JSON Canvas (our export, and a chain with one cycle-closing link: the worst case for
keeping the graph a DAG) against json.loads of the same file.

    python bench/exchange_bench.py [sizes...]      (default 200 2000)
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_time  # noqa: E402

from goals_desktop.domain import rules  # noqa: E402
from goals_desktop.domain.models import Edge, Goal, Node, Roadmap  # noqa: E402
from goals_desktop.exchange import export_bytes, planned_due_dates, read_import  # noqa: E402
from goals_desktop.layout import layout_roadmap  # noqa: E402

REPEATS = 3


def make_goal(size: int, seed: int = 7) -> Goal:
    rnd = random.Random(seed)
    nodes = [Node(f"n{i}", f"Milestone {i}", completed=rnd.random() < 0.3, due_date="2026-05-01T00:00:00Z" if i % 3 == 0 else None)
             for i in range(size)]
    edges = []
    for i in range(1, size):
        for j in rnd.sample(range(max(0, i - 20), i), min(2, i)):
            edges.append(Edge(f"e{len(edges)}", f"n{j}", f"n{i}"))
    roadmap = Roadmap(nodes, edges)
    for node_id, position in layout_roadmap(roadmap).items():
        roadmap.node(node_id).position = position
    return Goal("goal_bench", "Bench", None, None, roadmap, rules.compute_progress(nodes), "active",
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")


def chain_canvas(size: int) -> bytes:
    """A chain listed last card first, its links first to last, and one link closing the circle:
    the slow case for keeping the graph a DAG link by link."""
    cards = [{"id": f"c{i}", "type": "text", "text": f"- [ ] Step {i}", "x": 0, "y": 100 * i, "width": 200, "height": 60}
             for i in reversed(range(size))]
    links = [{"id": f"l{i}", "fromNode": f"c{i}", "toNode": f"c{i + 1}"} for i in range(size - 1)]
    links.append({"id": "back", "fromNode": f"c{size - 1}", "toNode": "c0"})
    return json.dumps({"nodes": cards, "edges": links}).encode()


def main(sizes: list[int]) -> None:
    from goals_desktop.ui.export_image import prepare_qt, render_image

    prepare_qt()
    for size in sizes:
        goal = make_goal(size)
        baseline = median_time(lambda: json.dumps(goal.to_dict()), REPEATS)
        print(f"\n{size} milestones, {len(goal.roadmap.edges)} links — json.dumps {baseline * 1000:.1f} ms")
        today = date(2026, 1, 1)
        cost = median_time(lambda: planned_due_dates(goal, today), REPEATS)
        print(f"  planned dates   {cost * 1000:8.1f} ms  {cost / baseline:6.1f}x  (the schedule; in each export below)")
        for fmt in ("md", "mermaid", "canvas", "ics", "opml"):
            cost = median_time(lambda: export_bytes(goal, fmt, planned_due_dates(goal, today)), REPEATS)
            print(f"  export {fmt:<8} {cost * 1000:8.1f} ms  {cost / baseline:6.1f}x")
        for fmt in ("png", "svg", "pdf"):
            cost = median_time(lambda: render_image(goal, fmt), 1)  # a render takes up to seconds: one each
            print(f"  export {fmt:<8} {cost * 1000:8.1f} ms  {cost / baseline:6.1f}x")
        canvas_file = export_bytes(goal, "canvas")
        base = median_time(lambda: json.loads(canvas_file), REPEATS)
        cost = median_time(lambda: read_import(canvas_file, "bench.canvas"), REPEATS)
        print(f"  import canvas   {cost * 1000:8.1f} ms  {cost / base:6.1f}x json.loads ({base * 1000:.1f} ms)")
        chain = chain_canvas(size)
        base = median_time(lambda: json.loads(chain), REPEATS)
        cost = median_time(lambda: read_import(chain, "chain.canvas"), REPEATS)
        print(f"  import cyclic chain {cost * 1000:8.1f} ms  {cost / base:6.1f}x json.loads ({base * 1000:.1f} ms)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 2000])
