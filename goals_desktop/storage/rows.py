"""Rows of the goals table as domain objects: shared by the SQLAlchemy modules (goals.py) and the
window's first look at the file (startup.py), which must not import SQLAlchemy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goals_desktop.domain.models import Goal, Roadmap

# The goals table's columns a Goal is made of (see schema.goals).
GOAL_COLUMNS = ("id", "title", "description", "target_date", "progress", "status", "created_at", "updated_at")


def goal_from_row(row: Mapping[str, Any], roadmap: Roadmap | None) -> Goal:
    return Goal(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        target_date=row["target_date"],
        roadmap=roadmap,
        progress=row["progress"],
        status=row["status"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
