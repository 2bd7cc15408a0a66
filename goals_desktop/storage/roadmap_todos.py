"""The todo a goal's roadmap was sent to follows the goal's title."""

from __future__ import annotations

import sqlalchemy as sa

from goals_desktop.domain import rules

from .schema import todos as todos_table


def rename_roadmap_todos(conn: sa.Connection, goal_id: str, title: str) -> list[str]:
    """Give the goal's roadmap todo(s) the goal's new title, in the caller's transaction; their ids."""
    renamed = list(
        conn.execute(
            sa.select(todos_table.c.id).where(
                todos_table.c.kind == "roadmap", todos_table.c.goal_id == goal_id, todos_table.c.title != title
            )
        ).scalars()
    )
    if renamed:
        conn.execute(
            todos_table.update().where(todos_table.c.id.in_(renamed)).values(title=title, updated_at=rules.utc_now())
        )
    return renamed
