"""Where a breakdown's parts go (layout.breakdown.place_breakdown): between the milestone's
prerequisites and the milestone in the roadmap's direction, what follows shifted, nothing covered."""

from hypothesis import given, settings
from hypothesis import strategies as st

from goals_desktop.domain.models import Edge, Node, Position, Roadmap
from goals_desktop.layout import COLUMN_SPACING, LAYER_SPACING, layered_positions
from goals_desktop.layout.breakdown import FOOTPRINT_HEIGHT, FOOTPRINT_WIDTH, place_breakdown, roadmap_flow


def road(ids, links, positions=None):
    positions = positions or {}
    return Roadmap([Node(i, i.upper(), position=positions.get(i)) for i in ids], [Edge(f"e{k}", s, t) for k, (s, t) in enumerate(links)])


def covers(a: Position, b: Position) -> bool:
    return abs(a.x - b.x) < FOOTPRINT_WIDTH and abs(a.y - b.y) < FOOTPRINT_HEIGHT


def descendants(start, links):
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        for s, t in links:
            if s == node and t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def test_a_chain_breakdown_lands_between_prerequisite_and_milestone_and_what_follows_moves_down():
    # A -> M -> Z, laid out top to bottom; M broken into P1 -> P2 -> P3.
    links = [("a", "m"), ("m", "z")]
    shown = layered_positions(["a", "m", "z"], links)
    placed = place_breakdown(road(["a", "m", "z"], links, shown), "m", ["p1", "p2", "p3"], [("p1", "p2"), ("p2", "p3")])
    assert [placed[p] for p in ("p1", "p2", "p3")] == [Position(shown["m"].x, shown["a"].y + k * LAYER_SPACING) for k in (1, 2, 3)]
    assert placed["m"] == Position(shown["m"].x, shown["m"].y + 3 * LAYER_SPACING)
    assert placed["z"] == Position(shown["z"].x, shown["z"].y + 3 * LAYER_SPACING)
    assert "a" not in placed


def test_a_roadmap_drawn_left_to_right_gets_its_parts_left_to_right():
    shown = {"a": Position(0, 0), "m": Position(300, 0), "z": Position(600, 0)}
    placed = place_breakdown(road(["a", "m", "z"], [("a", "m"), ("m", "z")], shown), "m", ["p1", "p2"], [("p1", "p2")])
    assert placed["p1"] == Position(COLUMN_SPACING, 0) and placed["p2"] == Position(2 * COLUMN_SPACING, 0)
    assert placed["m"].y == 0 and placed["m"].x >= 3 * COLUMN_SPACING and placed["z"].x - placed["m"].x == 300


def test_a_neighbour_the_user_put_aside_stays_and_parallel_parts_push_a_sibling_along():
    # A -> M, A -> S (S beside M); N far away on its own. Three parallel parts are wider than M's column.
    shown = {"a": Position(130, 0), "m": Position(0, 150), "s": Position(260, 150), "n": Position(-900, 700)}
    roadmap = road(["a", "m", "s", "n"], [("a", "m"), ("a", "s")], shown)
    placed = place_breakdown(roadmap, "m", ["p1", "p2", "p3"], [])
    assert {placed[p].y for p in ("p1", "p2", "p3")} == {150}
    assert "a" not in placed and "n" not in placed
    assert placed["s"].y > 150 and placed["m"].y > 150
    everything = {**shown, **placed}
    ids = list(everything)
    assert not any(covers(everything[a], everything[b]) for i, a in enumerate(ids) for b in ids[i + 1:])


DIRECTIONS = {
    "down": lambda x, y: Position(x, y),
    "up": lambda x, y: Position(x, -y),
    "right": lambda x, y: Position(y * COLUMN_SPACING / LAYER_SPACING, x * LAYER_SPACING / COLUMN_SPACING),
    "left": lambda x, y: Position(-y * COLUMN_SPACING / LAYER_SPACING, x * LAYER_SPACING / COLUMN_SPACING),
}


@st.composite
def breakdowns(draw):
    count = draw(st.integers(1, 12))
    ids = [f"n{i}" for i in range(count)]
    links = sorted(draw(st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] < p[1]), max_size=24)))
    links = [(ids[a], ids[b]) for a, b in links]
    if draw(st.booleans()):  # tidy, in some direction
        turn = DIRECTIONS[draw(st.sampled_from(sorted(DIRECTIONS)))]
        shown = {n: turn(p.x, p.y) for n, p in layered_positions(ids, links).items()}
    else:  # where a user dragged them: distinct cells of a loose grid, jittered
        cells = draw(st.lists(st.tuples(st.integers(-4, 4), st.integers(-6, 6)), min_size=count, max_size=count, unique=True))
        jitter = draw(st.lists(st.tuples(st.integers(-15, 15), st.integers(-8, 8)), min_size=count, max_size=count))
        shown = {n: Position(c * 260.0 + jx, r * 150.0 + jy) for n, (c, r), (jx, jy) in zip(ids, cells, jitter)}
    unplaced = draw(st.sets(st.sampled_from(ids), max_size=2)) if draw(st.booleans()) else set()
    milestone = draw(st.sampled_from(ids))
    part_count = draw(st.integers(1, 8))
    parts = [f"p{i}" for i in range(part_count)]
    part_links = [(parts[a], parts[b]) for a, b in draw(st.sets(st.tuples(st.integers(0, part_count - 1), st.integers(0, part_count - 1)).filter(lambda p: p[0] < p[1]), max_size=12))]
    roadmap = road(ids, links, {n: p for n, p in shown.items() if n not in unplaced})
    return roadmap, shown, unplaced, milestone, parts, part_links


@given(breakdowns())
@settings(max_examples=300, deadline=None)
def test_any_breakdown_covers_nothing_keeps_the_order_and_moves_only_what_follows(case):
    roadmap, shown, unplaced, milestone, parts, part_links = case
    placed = place_breakdown(roadmap, milestone, parts, part_links)
    links = [(e.source, e.target) for e in roadmap.edges]
    before = {n.id: n.position for n in roadmap.nodes if n.position is not None}
    if unplaced:  # the canvas shows them where the layered layout puts them; they keep that place
        laid_out = layered_positions([n.id for n in roadmap.nodes], links)
        before.update({n: laid_out[n] for n in unplaced})
    after = {**before, **{n: p for n, p in placed.items()}}
    assert set(parts) <= set(placed)

    # Nothing covers anything it did not cover before.
    ids = list(after)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if covers(after[a], after[b]):
                assert a in before and b in before and covers(before[a], before[b]), (a, b)

    # Everything that moved moved by one step along one axis, never an ancestor of the milestone.
    moved = {n for n in before if after[n] != before[n]}
    ancestors = {s for s, t in links if t == milestone}
    for s, t in reversed(links * len(ids)):
        if t in ancestors:
            ancestors.add(s)
    assert not moved & ancestors
    flow = roadmap_flow(roadmap, before)

    def depth(p):
        return flow.sign * (p.x if flow.axis == "x" else p.y)

    shifts = {(round(after[n].x - before[n].x, 6), round(after[n].y - before[n].y, 6)) for n in moved}
    assert len(shifts) <= 1
    if shifts:
        (dx, dy), = shifts
        along, across = (dx, dy) if flow.axis == "x" else (dy, dx)
        assert across == 0 and flow.sign * along > 0
    # Descendants of the milestone move with it.
    if milestone in moved:
        assert descendants(milestone, links) <= moved

    # In the flow: each part after every prerequisite and before the milestone, and after the parts it follows.
    prerequisites = [s for s, t in links if t == milestone]
    for p in parts:
        assert all(depth(after[p]) > depth(after[q]) for q in prerequisites)
        assert depth(after[p]) < depth(after[milestone])
    for s, t in part_links:
        assert depth(after[s]) < depth(after[t])
