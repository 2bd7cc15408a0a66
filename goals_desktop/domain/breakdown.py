"""Breaking a milestone down: sub-milestones become its prerequisites. Pure functions, no Qt, no SQL.

The milestone stays (same id, so its todo links stay). Its former prerequisites now lead into the
sub-milestones that depend on nothing else among them, and the sub-milestones that nothing else
among them depends on lead into the milestone. The roadmap stays a DAG: the new nodes sit on new
paths between the old prerequisites and the milestone, and nothing reaches back.
"""

from __future__ import annotations

from .errors import NotFoundError, ValidationError
from .models import Edge, Node, Roadmap, new_id
from .rules import validate_roadmap

MIN_PARTS = 1
MAX_PARTS = 8


def expand_milestone(roadmap: Roadmap, node_id: str, parts: Roadmap) -> tuple[Roadmap, list[str]]:
    """(the roadmap with `parts` put in front of node_id, the ids the parts got).

    Parts whose label repeats a milestone already in the roadmap are dropped (a model echoing the
    milestone or its neighbours); every part gets a fresh id. Raises NotFoundError for an unknown
    milestone and ValidationError when no usable part is left.
    """
    milestone = roadmap.node(node_id)
    if milestone is None:
        raise NotFoundError(f"No milestone with id {str(node_id)[:100]!r} in this roadmap.")
    taken = {n.label.casefold() for n in roadmap.nodes}
    fresh: dict[str, str] = {}
    nodes: list[Node] = []
    for part in parts.nodes[:MAX_PARTS]:
        if part.label.casefold() in taken:
            continue
        taken.add(part.label.casefold())
        fresh[part.id] = new_id("node")
        nodes.append(
            Node(
                id=fresh[part.id],
                label=part.label,
                position=part.position,
                details=list(part.details),
                estimated_time=part.estimated_time,
                resources=list(part.resources),
            )
        )
    if len(nodes) < MIN_PARTS:
        raise ValidationError("The model's answer held no new sub-milestones; try again or pick another model.")
    inner = [(fresh[e.source], fresh[e.target]) for e in parts.edges if e.source in fresh and e.target in fresh]
    has_inner_before = {t for _s, t in inner}
    has_inner_after = {s for s, _t in inner}
    entries = [n.id for n in nodes if n.id not in has_inner_before]
    exits = [n.id for n in nodes if n.id not in has_inner_after]

    prerequisites = [e.source for e in roadmap.edges if e.target == node_id]
    edges = [e for e in roadmap.edges if e.target != node_id]
    links = [(p, entry) for p in prerequisites for entry in entries] + inner + [(x, node_id) for x in exits]
    edges += [Edge(new_id("edge"), s, t) for s, t in dict.fromkeys(links)]
    expanded = Roadmap([*roadmap.nodes, *nodes], edges)
    validate_roadmap(expanded)
    return expanded, [n.id for n in nodes]
