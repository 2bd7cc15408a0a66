"""Reading many goals' roadmaps at once (the goal list's on-track signal needs them all)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from goals_desktop.domain.models import Edge, Node, Position, Roadmap

from .schema import edges as edges_table
from .schema import goals as goals_table
from .schema import nodes as nodes_table

# Well under SQLite's bound-parameter limit on every version.
_CHUNK = 500


def load_roadmaps(conn: sa.Connection, goal_ids: Iterable[str]) -> dict[str, Roadmap | None]:
    """{goal id: its roadmap, or None if it has none}, in three queries per 500 goals; unknown ids are left out."""
    ids = list(dict.fromkeys(goal_ids))
    result: dict[str, Roadmap | None] = {}
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        rows = conn.execute(sa.select(goals_table.c.id, goals_table.c.has_roadmap).where(goals_table.c.id.in_(chunk)))
        for goal_id, has_roadmap in rows:
            result[goal_id] = Roadmap() if has_roadmap else None
        node_rows = conn.execute(
            sa.select(nodes_table).where(nodes_table.c.goal_id.in_(chunk)).order_by(nodes_table.c.goal_id, nodes_table.c.seq)
        ).mappings()
        for n in node_rows:
            roadmap = result.get(n["goal_id"])
            if roadmap is not None:
                roadmap.nodes.append(
                    Node(
                        id=n["id"],
                        label=n["label"],
                        completed=bool(n["completed"]),
                        position=Position(n["x"], n["y"]) if n["x"] is not None else None,
                        details=list(n["details"] or []),
                        estimated_time=n["estimated_time"],
                        resources=list(n["resources"] or []),
                        due_date=n["due_date"],
                        notes=n["notes"],
                    )
                )
        edge_rows = conn.execute(
            sa.select(edges_table).where(edges_table.c.goal_id.in_(chunk)).order_by(edges_table.c.goal_id, edges_table.c.seq)
        ).mappings()
        for e in edge_rows:
            roadmap = result.get(e["goal_id"])
            if roadmap is not None:
                roadmap.edges.append(Edge(e["id"], e["source"], e["target"]))
    return result
