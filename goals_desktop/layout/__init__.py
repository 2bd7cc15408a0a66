"""Automatic layered (top-to-bottom) layout of a roadmap DAG. Pure functions, no Qt."""

from __future__ import annotations

from collections.abc import Iterable

from goals_desktop.domain.models import Position, Roadmap
from goals_desktop.domain.rules import topological_order

COLUMN_SPACING = 260.0
LAYER_SPACING = 150.0
BARYCENTER_SWEEPS = 4


def layered_positions(
    node_ids: list[str], links: Iterable[tuple[str, str]], origin: Position = Position(0.0, 0.0)
) -> dict[str, Position]:
    """Centres for every node: longest-path layers, barycenter crossing reduction, even spacing.

    Each layer is centred on origin.x; layer 0 sits at origin.y. Nodes on a cycle (which a valid
    roadmap never has) are put in the last layer rather than lost.
    """
    links = [(s, t) for s, t in links if s != t]
    predecessors: dict[str, list[str]] = {n: [] for n in node_ids}
    successors: dict[str, list[str]] = {n: [] for n in node_ids}
    for source, target in links:
        if source in predecessors and target in predecessors:
            predecessors[target].append(source)
            successors[source].append(target)

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

    _reduce_crossings(layers, predecessors, successors)

    positions: dict[str, Position] = {}
    for depth, layer in enumerate(layers):
        offset = (len(layer) - 1) / 2
        for index, node_id in enumerate(layer):
            positions[node_id] = Position(
                origin.x + (index - offset) * COLUMN_SPACING, origin.y + depth * LAYER_SPACING
            )
    return positions


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
