"""Plain data for goals and roadmaps, shaped like the Goals API's JSON."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


def new_id(prefix: str) -> str:
    """An id in the Goals API's style (`goal_…`, `node_…`, `edge_…`), random so merges never clash."""
    # What secrets.token_hex(6) returns, without importing secrets (it pulls in hmac and hashlib:
    # ~10 ms of every start of the window and the CLI).
    return f"{prefix}_{os.urandom(6).hex()}"


@dataclass(frozen=True, slots=True)
class Position:
    """A node's centre in canvas (scene) coordinates."""

    x: float
    y: float

    def to_dict(self) -> dict[str, float]:
        return {"x": _plain_number(self.x), "y": _plain_number(self.y)}


@dataclass(slots=True)
class Node:
    id: str
    label: str
    completed: bool = False
    position: Position | None = None
    details: list[str] = field(default_factory=list)
    estimated_time: str = ""
    resources: list[str] = field(default_factory=list)
    due_date: str | None = None
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "completed": self.completed,
            "position": self.position.to_dict() if self.position else None,
            "details": list(self.details),
            "estimated_time": self.estimated_time,
            "resources": list(self.resources),
            "due_date": self.due_date,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "source": self.source, "target": self.target}


@dataclass(slots=True)
class Roadmap:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [n.to_dict() for n in self.nodes], "edges": [e.to_dict() for e in self.edges]}


@dataclass(slots=True)
class Goal:
    id: str
    title: str
    description: str | None
    target_date: str | None
    roadmap: Roadmap | None
    progress: int
    status: str
    created_at: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        """The Get Goal shape (with roadmap)."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "target_date": self.target_date,
            "roadmap": self.roadmap.to_dict() if self.roadmap is not None else None,
            "progress": self.progress,
            "status": self.status,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    def to_summary_dict(self) -> dict[str, Any]:
        """The List Goals shape (no roadmap)."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "target_date": self.target_date,
            "progress": self.progress,
            "status": self.status,
            "created_at": self.created_at,
        }


def _plain_number(value: float) -> float | int:
    # 100.0 reads as 100 in JSON, like the seed's positions.
    return int(value) if float(value).is_integer() else value
