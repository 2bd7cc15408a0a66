"""Where a milestone's breakdown goes: between its prerequisites and it, in the roadmap's direction.

Pure functions on the domain graph, no Qt. The window's streaming preview and the saved breakdown
(window and `roadmap expand` alike, through ai.breakdown.merged) both place parts with
place_breakdown, so what streams in is where it is saved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from goals_desktop.domain.models import Position, Roadmap

from . import COLUMN_SPACING, LAYER_SPACING, layered_positions

# A milestone's footprint for overlap checks, centred on its stored position: a box is 200 wide and
# 72-120 high (hanging at most 84 below its position); a tidy layout keeps 260 x 150 between centres.
FOOTPRINT_WIDTH = 220.0
FOOTPRINT_HEIGHT = 130.0


@dataclass(frozen=True, slots=True)
class Flow:
    """The roadmap's direction: depth grows along it, breadth runs across it."""

    axis: str  # "y": the roadmap flows down (or up); "x": right (or left)
    sign: float

    def sizes(self, width: float, height: float) -> tuple[float, float]:
        """(depth, breadth) of a width and a height: which of them runs along the flow."""
        return (height, width) if self.axis == "y" else (width, height)

    @property
    def steps(self) -> tuple[float, float]:
        """(depth, breadth) between the centres of a tidy layout's neighbours."""
        return self.sizes(COLUMN_SPACING, LAYER_SPACING)

    @property
    def spans(self) -> tuple[float, float]:
        """(depth, breadth) of a milestone's footprint."""
        return self.sizes(FOOTPRINT_WIDTH, FOOTPRINT_HEIGHT)

    def split(self, p: Position) -> tuple[float, float]:
        """(depth, breadth) of a position."""
        return (self.sign * p.y, p.x) if self.axis == "y" else (self.sign * p.x, p.y)

    def join(self, depth: float, breadth: float) -> Position:
        return Position(breadth, self.sign * depth) if self.axis == "y" else Position(self.sign * depth, breadth)


def roadmap_flow(roadmap: Roadmap, positions: dict[str, Position]) -> Flow:
    """The direction most links point in (down when nothing says otherwise)."""
    dx = dy = 0.0
    for edge in roadmap.edges:
        source, target = positions.get(edge.source), positions.get(edge.target)
        if source is None or target is None:
            continue
        ex, ey = target.x - source.x, target.y - source.y
        length = math.hypot(ex, ey)
        if length:
            dx, dy = dx + ex / length, dy + ey / length
    if abs(dx) > abs(dy):
        return Flow("x", 1.0 if dx > 0 else -1.0)
    return Flow("y", -1.0 if dy < 0 else 1.0)


def place_breakdown(
    roadmap: Roadmap, milestone_id: str, parts: list[str], part_links: list[tuple[str, str]]
) -> dict[str, Position]:
    """Where a breakdown of milestone_id goes, before it is merged into roadmap (the roadmap as it
    is shown): {node id: position} for every part (ids not in roadmap) and every node of roadmap the
    parts make move; nodes missing from the answer stay where they are.

    The parts are laid out among themselves (part_links, between parts) in the roadmap's direction,
    placed after the milestone's prerequisites and centred across on the milestone; the milestone and
    what follows it (its descendants) shift along the direction to make room, as does any other node
    those would land on, with its own descendants. Nothing overlaps that did not before, and the
    milestone's ancestors never move. Nodes roadmap holds without a position are answered with the
    one the canvas shows them at (layout_roadmap's), so they keep it.
    """
    new = [n for n in dict.fromkeys(parts) if roadmap.node(n) is None]
    if not new or roadmap.node(milestone_id) is None:
        return {}
    new_set = set(new)
    old_ids = [n.id for n in roadmap.nodes]
    old_edges = [(e.source, e.target) for e in roadmap.edges]
    shown = {n.id: n.position for n in roadmap.nodes if n.position is not None}
    answer: dict[str, Position] = {}
    if len(shown) < len(old_ids):
        laid_out = layered_positions(old_ids, old_edges)
        for node_id in old_ids:
            if node_id not in shown:
                shown[node_id] = answer[node_id] = laid_out[node_id]

    flow = roadmap_flow(roadmap, shown)
    depth = {n: flow.split(p)[0] for n, p in shown.items()}
    breadth = {n: flow.split(p)[1] for n, p in shown.items()}
    successors: dict[str, list[str]] = {n: [] for n in old_ids}
    predecessors: dict[str, list[str]] = {n: [] for n in old_ids}
    for source, target in old_edges:
        successors[source].append(target)
        predecessors[target].append(source)
    prerequisites = set(predecessors[milestone_id])
    ancestors = _reach(prerequisites, predecessors) | prerequisites

    # The parts among themselves: layers along the flow, spread across it.
    inner = [(s, t) for s, t in part_links if s in new_set and t in new_set]
    block = layered_positions(new, inner)
    layers = {n: round(p.y / LAYER_SPACING) for n, p in block.items()}
    step, breadth_step = flow.steps
    across = {n: float(round(p.x * breadth_step / COLUMN_SPACING)) for n, p in block.items()}
    layer_count = max(layers.values()) + 1
    start = math.ceil(max(depth[p] for p in prerequisites) + step if prerequisites else depth[milestone_id])
    part_depth = {n: start + layers[n] * step for n in new}
    centre = _clear_centre(float(round(breadth[milestone_id])), part_depth, across, ancestors, depth, breadth, flow)
    part_breadth = {n: centre + across[n] for n in new}

    # Shift the milestone and what follows it past the parts; push whatever they would land on.
    moving = {milestone_id} | _reach({milestone_id}, successors)
    extra = 0.0
    while True:
        shift = start + layer_count * step + extra - min(depth[n] for n in moving)
        shift = max(0.0, math.ceil(shift))
        occupied = _Occupied(flow)
        for node_id in new:
            occupied.add(part_depth[node_id], part_breadth[node_id])
        for node_id in moving:
            occupied.add(depth[node_id] + shift, breadth[node_id])
        hit_ancestor = False
        pushed: set[str] = set()
        for node_id in old_ids:
            if node_id in moving or not occupied.covers(depth[node_id], breadth[node_id]):
                continue
            if node_id in ancestors:
                hit_ancestor = True  # never moved: the parts stay after it, so the rest goes further
            else:
                pushed.add(node_id)
        if pushed:
            moving |= pushed | _reach(pushed, successors)
        elif hit_ancestor:
            extra += step
        else:
            break

    for node_id in new:
        answer[node_id] = flow.join(part_depth[node_id], part_breadth[node_id])
    if shift:
        offset = flow.join(shift, 0.0)
        for node_id in moving:
            answer[node_id] = Position(shown[node_id].x + offset.x, shown[node_id].y + offset.y)
    return answer


class _Occupied:
    """Footprints on a grid of footprint-sized cells, so "does this one cover anything" looks at 9 cells."""

    def __init__(self, flow: Flow) -> None:
        self.depth_span, self.breadth_span = flow.spans
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def _cell(self, depth: float, breadth: float) -> tuple[int, int]:
        return math.floor(depth / self.depth_span), math.floor(breadth / self.breadth_span)

    def add(self, depth: float, breadth: float) -> None:
        self.cells.setdefault(self._cell(depth, breadth), []).append((depth, breadth))

    def covers(self, depth: float, breadth: float) -> bool:
        row, column = self._cell(depth, breadth)
        return any(
            abs(depth - d) < self.depth_span and abs(breadth - b) < self.breadth_span
            for r in (row - 1, row, row + 1) for c in (column - 1, column, column + 1)
            for d, b in self.cells.get((r, c), ())
        )


def _reach(starts: set[str], neighbours: dict[str, list[str]]) -> set[str]:
    """Every node reachable from starts (not counting starts unless reached again)."""
    seen: set[str] = set()
    stack = [n for s in starts for n in neighbours.get(s, ())]
    while stack:
        node_id = stack.pop()
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(neighbours.get(node_id, ()))
    return seen


def _clear_centre(
    ideal: float,
    part_depth: dict[str, float],
    across: dict[str, float],
    fixed: set[str],
    depth: dict[str, float],
    breadth: dict[str, float],
    flow: Flow,
) -> float:
    """The breadth nearest ideal at which no part covers a node of fixed (the milestone's ancestors,
    which never move; anything else in the way is pushed along instead)."""
    depth_span, breadth_span = flow.spans
    in_band = [
        n for n in fixed
        if any(abs(depth[n] - d) < depth_span for d in part_depth.values())
    ]

    def clear(centre: float) -> bool:
        return not any(
            abs(depth[n] - part_depth[p]) < depth_span and abs(breadth[n] - centre - across[p]) < breadth_span
            for n in in_band for p in part_depth
        )

    if clear(ideal):
        return ideal
    candidates = set()
    for n in in_band:
        for p in part_depth:
            candidates.add(math.ceil(breadth[n] + breadth_span - across[p]))
            candidates.add(math.floor(breadth[n] - breadth_span - across[p]))
    for candidate in sorted(candidates, key=lambda c: (abs(c - ideal), c)):
        if clear(candidate):
            return float(candidate)
    return ideal  # unreachable: the outermost candidate clears every node


__all__ = ["FOOTPRINT_HEIGHT", "FOOTPRINT_WIDTH", "Flow", "place_breakdown", "roadmap_flow"]
