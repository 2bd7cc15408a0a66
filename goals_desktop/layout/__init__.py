"""Automatic layered (top-to-bottom) layout of a roadmap DAG. Pure functions, no Qt."""

from __future__ import annotations

from collections.abc import Iterable

from goals_desktop.domain.models import Position, Roadmap
from goals_desktop.domain.rules import neighbours, topological_order

COLUMN_SPACING = 260.0
LAYER_SPACING = 150.0
BARYCENTER_SWEEPS = 4


def layered_positions(
    node_ids: list[str], links: Iterable[tuple[str, str]], origin: Position = Position(0.0, 0.0)
) -> dict[str, Position]:
    """Centres for every node: longest-path layers, barycenter crossing reduction, then x positions
    that put nodes near the nodes they link to while keeping them COLUMN_SPACING apart.

    Links spanning several layers get placeholder "lane" nodes while ordering and placing, so the
    layers leave a gap where the long link passes instead of drawing it through a milestone.
    The drawing is centred on origin.x; layer 0 sits at origin.y. Nodes on a cycle (which a valid
    roadmap never has) are put in the last layer rather than lost.
    """
    links = [(s, t) for s, t in links if s != t]
    predecessors, successors = neighbours(node_ids, links)

    order = topological_order(node_ids, [(s, t) for s in successors for t in successors[s]])
    layer_of: dict[str, int] = {}
    for node_id in order:
        layer_of[node_id] = max((layer_of[p] + 1 for p in predecessors[node_id]), default=0)
    last_layer = max(layer_of.values(), default=-1) + 1
    for node_id in node_ids:
        layer_of.setdefault(node_id, last_layer)

    layers: list[list[str]] = [[] for _ in range(max(layer_of.values(), default=-1) + 1)]
    for node_id in node_ids:
        layers[layer_of[node_id]].append(node_id)

    # Only links between adjacent layers take part from here on; longer ones are split by lanes.
    up: dict[str, list[str]] = {n: [] for n in node_ids}
    down: dict[str, list[str]] = {n: [] for n in node_ids}
    lanes: dict[str, tuple[str, str, float]] = {}  # lane -> (source, target, fraction of the way down)
    for source in node_ids:
        for target in successors[source]:
            span = layer_of[target] - layer_of[source]
            if span < 1:
                continue
            previous = source
            for step in range(1, span):
                lane = f"\x00lane:{source}->{target}:{step}"
                lanes[lane] = (source, target, step / span)
                up[lane], down[lane] = [previous], []
                down[previous].append(lane)
                layers[layer_of[source] + step].append(lane)
                previous = lane
            down[previous].append(target)
            up[target].append(previous)

    _reduce_crossings(layers, up, down)
    x = _assign_x(layers, up, down, lanes)

    shift = 0.0
    if node_ids:
        shift = origin.x - (min(x[n] for n in node_ids) + max(x[n] for n in node_ids)) / 2
    # Whole units: stored positions stay short and readable in exports.
    return {
        node_id: Position(float(round(x[node_id] + shift)), origin.y + layer_of[node_id] * LAYER_SPACING)
        for node_id in node_ids
    }


LANE_SPACING = 100.0
PLACEMENT_SWEEPS = 3


def _assign_x(
    layers: list[list[str]],
    up: dict[str, list[str]],
    down: dict[str, list[str]],
    lanes: dict[str, tuple[str, str, float]],
) -> dict[str, float]:
    """x for every node and lane: start evenly spaced, then sweep down and up moving each layer
    toward its neighbours' mean x, keeping the order and the minimum gaps (isotonic regression).
    Finally lanes are pulled onto the straight line their link is drawn as, so the milestones
    around them step aside from where the line really passes."""
    half = {n: (LANE_SPACING if n in lanes else COLUMN_SPACING) / 2 for layer in layers for n in layer}
    x: dict[str, float] = {}
    for layer in layers:
        offsets = _offsets(layer, half)
        middle = (offsets[-1] / 2) if offsets else 0.0
        for node_id, offset in zip(layer, offsets):
            x[node_id] = offset - middle

    def place(layer: list[str], neighbours_of, lane_weight: float = 0.5) -> None:
        if not layer:
            return
        desired = []
        for node_id in layer:
            near = neighbours_of(node_id)
            desired.append(sum(x[n] for n in near) / len(near) if near else x[node_id])
        offsets = _offsets(layer, half)
        weights = [lane_weight if n in lanes else 1.0 for n in layer]
        fitted = _isotonic([d - o for d, o in zip(desired, offsets)], weights)
        for node_id, value, offset in zip(layer, fitted, offsets):
            x[node_id] = value + offset

    for _ in range(PLACEMENT_SWEEPS):
        for layer in layers[1:]:
            place(layer, lambda n: up[n])
        for layer in reversed(layers[:-1]):
            place(layer, lambda n: down[n])
    for layer in layers:
        place(layer, lambda n: up[n] + down[n])

    def along_line(node_id: str) -> list[str]:
        return up[node_id] + down[node_id] if node_id not in lanes else []

    for _ in range(PLACEMENT_SWEEPS):
        for lane, (source, target, fraction) in lanes.items():
            x[lane] = x[source] + (x[target] - x[source]) * fraction
        for layer in layers:
            place(layer, along_line, lane_weight=4.0)
    return x


def _offsets(layer: list[str], half: dict[str, float]) -> list[float]:
    """Smallest allowed distance of each node from the first one in its layer."""
    offsets = [0.0] if layer else []
    for previous, current in zip(layer, layer[1:]):
        offsets.append(offsets[-1] + half[previous] + half[current])
    return offsets


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to values (weighted least squares): pool adjacent violators."""
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for value, weight in zip(values, weights):
        blocks.append([value * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            blocks[-1][0] += last[0]
            blocks[-1][1] += last[1]
            blocks[-1][2] += last[2]
    fitted: list[float] = []
    for total, weight, count in blocks:
        fitted.extend([total / weight] * int(count))
    return fitted


def _reduce_crossings(
    layers: list[list[str]], predecessors: dict[str, list[str]], successors: dict[str, list[str]]
) -> None:
    """Barycenter heuristic: sweep down ordering by parents, then up ordering by children."""

    def reorder(layer: list[str], neighbours: dict[str, list[str]], rank: dict[str, int]) -> None:
        def barycenter(item: tuple[int, str]) -> float:
            index, node_id = item
            placed = [rank[n] for n in neighbours[node_id] if n in rank]
            return sum(placed) / len(placed) if placed else float(index)

        layer[:] = [n for _, n in sorted(enumerate(layer), key=barycenter)]

    for _ in range(BARYCENTER_SWEEPS):
        for upper, lower in zip(layers, layers[1:]):
            rank = {n: i for i, n in enumerate(upper)}
            reorder(lower, predecessors, rank)
        for lower, upper in zip(reversed(layers), list(reversed(layers))[1:]):
            rank = {n: i for i, n in enumerate(lower)}
            reorder(upper, successors, rank)


def layout_roadmap(roadmap: Roadmap, only_unplaced: bool = False) -> dict[str, Position]:
    """Positions for a roadmap's nodes; with only_unplaced, placed nodes keep theirs."""
    positions = layered_positions([n.id for n in roadmap.nodes], [(e.source, e.target) for e in roadmap.edges])
    if only_unplaced:
        return {n.id: positions[n.id] for n in roadmap.nodes if n.position is None}
    return positions


def count_crossings(layers: list[list[str]], links: Iterable[tuple[str, str]]) -> int:
    """Edge crossings between adjacent layers (used by tests and the benchmark)."""
    layer_index = {n: (d, i) for d, layer in enumerate(layers) for i, n in enumerate(layer)}
    spans = []
    for source, target in links:
        (ds, i_s), (dt, i_t) = layer_index[source], layer_index[target]
        if dt == ds + 1:
            spans.append((ds, i_s, i_t))
    crossings = 0
    for a in range(len(spans)):
        for b in range(a + 1, len(spans)):
            da, sa, ta = spans[a]
            db, sb, tb = spans[b]
            if da == db and (sa - sb) * (ta - tb) < 0:
                crossings += 1
    return crossings


def place_beside(roadmap: Roadmap, anchor_id: str, new_ids: list[str]) -> dict[str, Position]:
    """Positions for new nodes (a milestone's breakdown): laid out among themselves, as a block up
    and to the right of the anchor, flowing down into it, moved further right until it covers no
    placed node."""
    new = set(new_ids)
    anchor_node = roadmap.node(anchor_id)
    anchor = anchor_node.position if anchor_node is not None and anchor_node.position is not None else Position(0.0, 0.0)
    links = [(e.source, e.target) for e in roadmap.edges if e.source in new and e.target in new]
    block = layered_positions(list(new_ids), links)
    if not block:
        return {}
    left = min(p.x for p in block.values())
    right = max(p.x for p in block.values())
    bottom = max(p.y for p in block.values())
    top = min(p.y for p in block.values())
    dy = anchor.y - LAYER_SPACING - bottom
    dx = anchor.x + COLUMN_SPACING - left
    others = [n.position for n in roadmap.nodes if n.id not in new and n.position is not None]
    for _ in range(50):
        hit = any(
            left + dx - COLUMN_SPACING < p.x < right + dx + COLUMN_SPACING
            and top + dy - LAYER_SPACING / 2 < p.y < bottom + dy + LAYER_SPACING / 2
            for p in others
        )
        if not hit:
            break
        dx += COLUMN_SPACING
    return {node_id: Position(float(round(p.x + dx)), float(round(p.y + dy))) for node_id, p in block.items()}
