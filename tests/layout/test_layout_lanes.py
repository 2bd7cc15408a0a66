"""The layered layout the canvas applies (Tidy layout, unplaced nodes): invariants after adding lanes."""

import random

from goals_desktop.domain.models import Position
from goals_desktop.layout import COLUMN_SPACING, LAYER_SPACING, layered_positions


def random_dag(count, seed):
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(count)]
    links = [(ids[p], ids[i]) for i in range(1, count) for p in rng.sample(range(max(0, i - 8), i), k=min(i, 2))]
    return ids, links


def test_nodes_keep_their_spacing_and_sit_below_their_parents():
    for seed in range(5):
        ids, links = random_dag(60, seed)
        positions = layered_positions(ids, links, origin=Position(500, 40))
        assert set(positions) == set(ids)
        for source, target in links:
            assert positions[target].y - positions[source].y >= LAYER_SPACING
        by_row = {}
        for p in positions.values():
            assert (p.y - 40) % LAYER_SPACING == 0 and p.x == int(p.x)
            by_row.setdefault(p.y, []).append(p.x)
        for xs in by_row.values():
            xs.sort()
            assert all(b - a >= COLUMN_SPACING - 1 for a, b in zip(xs, xs[1:]))
        xs = [p.x for p in positions.values()]
        assert abs((min(xs) + max(xs)) / 2 - 500) <= 1
        assert positions == layered_positions(ids, links, origin=Position(500, 40))  # deterministic


def test_a_long_link_leaves_a_gap_in_the_layers_it_crosses():
    # Three chains a -> {b, e, g} -> {c, h, f} -> d, plus a -> d straight down the middle.
    ids = ["a", "b", "e", "g", "c", "h", "f", "d"]
    links = [("a", "b"), ("a", "e"), ("a", "g"), ("b", "c"), ("e", "h"), ("g", "f"),
             ("c", "d"), ("h", "d"), ("f", "d"), ("a", "d")]
    positions = layered_positions(ids, links)
    a, d = positions["a"], positions["d"]
    for node in ("b", "e", "g", "c", "h", "f"):
        p = positions[node]
        line_x = a.x + (d.x - a.x) * (p.y - a.y) / (d.y - a.y)
        assert abs(p.x - line_x) > 100, f"the a -> d arrow would cross {node}"


def test_cycles_and_self_links_do_not_break_it():
    positions = layered_positions(["x", "y", "z"], [("x", "y"), ("y", "x"), ("z", "z")])
    assert set(positions) == {"x", "y", "z"}
