"""roadmap.sh roadmaps: the JSON their editor saves (React Flow data, `{"nodes": [...], "edges": [...]}`).

Only `topic` and `subtopic` nodes are things to learn; they become milestones with their labels
and positions. Every other node type (title, label, paragraph, section, button, linksgroup,
legend, vertical, horizontal, resourceButton, todo, checklist, ...) is decoration and left out,
except that the topmost `title` names the goal. Edges between two milestones become dependencies
(source before target); the rest are dropped, as are edges closing a cycle (see assemble_roadmap).

Progress: a top-level `"progress": {"done": [node ids]}` (the shape roadmap.sh's own progress
uses) or a node's `data.status` of "done" checks those milestones off.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import Any

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Node, Position

from ._common import NODE_HEIGHT, NODE_WIDTH, clean_label, finite_number, usable_id

MILESTONE_TYPES = ("topic", "subtopic")
# Room around our (larger) milestone boxes when the roadmap is spread out to fit them.
GAP_X, GAP_Y = 20.0, 16.0


def looks_like_roadmapsh(data: Mapping[str, Any]) -> bool:
    nodes = data.get("nodes")
    return isinstance(nodes, list) and any(
        isinstance(n, Mapping) and isinstance(n.get("data"), Mapping) and isinstance(n.get("position"), Mapping)
        for n in nodes
    )


def _size(node: Mapping[str, Any], key: str) -> float | None:
    # React Flow keeps the size in several places depending on its version.
    for holder in (node, node.get("style"), node.get("measured")):
        if isinstance(holder, Mapping):
            value = finite_number(holder.get(key))
            if value is not None and value > 0:
                return value
    return None


def _done_ids(data: Mapping[str, Any]) -> set[str]:
    progress = data.get("progress")
    done = progress.get("done") if isinstance(progress, Mapping) else None
    return {item for item in done if isinstance(item, str)} if isinstance(done, list) else set()


def read(data: Mapping[str, Any], name: str) -> tuple[str | None, list[Node], list[tuple[Any, Any, Any]]]:
    """(title, milestones, links) from a parsed roadmap.sh document."""
    raw_nodes, raw_edges = data.get("nodes"), data.get("edges", [])
    if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
        raise ValidationError(f"{name} is not a usable roadmap.sh roadmap: its 'nodes' and 'edges' must be lists.")
    done = _done_ids(data)
    titles: list[tuple[float, str]] = []
    found: list[tuple[Mapping[str, Any], str, Position | None, tuple[float, float] | None]] = []
    for raw in raw_nodes:
        if not isinstance(raw, Mapping) or not isinstance(raw.get("data"), Mapping):
            continue
        label = clean_label(raw["data"].get("label"))
        kind = raw.get("type")
        position = raw.get("position") if isinstance(raw.get("position"), Mapping) else {}
        x, y = finite_number(position.get("x")), finite_number(position.get("y"))
        if kind == "title" and label:
            titles.append((y if y is not None else float("inf"), label))
        if kind not in MILESTONE_TYPES or label is None:
            continue
        width, height = _size(raw, "width"), _size(raw, "height")
        # React Flow positions are top-left corners; ours are centres.
        centre = Position(x + (width or 0) / 2, y + (height or 0) / 2) if x is not None and y is not None else None
        found.append((raw, label, centre, (width, height) if width and height else None))

    scale_x, scale_y = _spread(found)
    placed = [c for _, _, c, _ in found if c is not None]
    left = min((c.x for c in placed), default=0.0)
    top = min((c.y for c in placed), default=0.0)
    taken: set[str] = set()
    ids: dict[str, str] = {}
    nodes = []
    for raw, label, centre, _ in found:
        node_id = usable_id(raw.get("id"), taken, "node")
        if isinstance(raw.get("id"), str):
            ids.setdefault(raw["id"], node_id)
        status = raw["data"].get("status")
        position = None
        if centre is not None:
            # Moved to start at 0,0 and spread so our boxes keep the gaps the original had.
            position = Position(round((centre.x - left) * scale_x, 1), round((centre.y - top) * scale_y, 1))
            if max(abs(position.x), abs(position.y)) > 1_000_000:
                position = None
        nodes.append(
            Node(id=node_id, label=label, completed=(isinstance(raw.get("id"), str) and raw["id"] in done) or status in ("done", "completed"), position=position)
        )
    links = [
        (edge.get("id"), ids.get(edge.get("source")), ids.get(edge.get("target")))
        for edge in raw_edges
        if isinstance(edge, Mapping) and isinstance(edge.get("source"), str) and isinstance(edge.get("target"), str)
    ]
    if not titles and isinstance(data.get("title"), str):
        titles.append((0.0, clean_label(data["title"]) or ""))
    title = min(titles)[1] if titles and min(titles)[1] else None
    return title, nodes, links


def _spread(found: list) -> tuple[float, float]:
    """How much to stretch the layout so our milestone boxes fit where roadmap.sh's smaller ones were."""
    sizes = [size for *_, size in found if size is not None]
    if not sizes:
        return 1.0, 1.0
    width = statistics.median(w for w, _ in sizes)
    height = statistics.median(h for _, h in sizes)
    return max(1.0, (NODE_WIDTH + GAP_X) / width), max(1.0, (NODE_HEIGHT + GAP_Y) / height)
