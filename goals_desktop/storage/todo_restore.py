"""Putting todos back: a deleted todo with its ids, order and links (undo of a delete or an edit),
and links to milestones that an undone regenerate, removal or delete had cut.

check_restore runs before the unit's transaction opens; the rest are plain functions on a
UnitOfWork, called by GoalService (one transaction per call).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import new_id
from goals_desktop.domain.todos import LostLink, Todo

from . import goals, links, todos
from .completion import Completion
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UnitOfWork


def check_restore(todo: Todo | Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A deleted todo (from get_todo(...) or its to_dict()) as checked rows: (todo row, subtask rows)."""
    data = todo.to_dict() if isinstance(todo, Todo) else dict(todo)
    todo_id = todo_rules.check_ref(data.get("id"), "todo")
    if todo_id is None:
        raise ValidationError("A todo to restore needs its id.")
    raw_subtasks = data.get("subtasks") or []
    if not isinstance(raw_subtasks, list) or not all(isinstance(x, Mapping) for x in raw_subtasks):
        raise ValidationError("A todo's subtasks must be a list of objects.")
    order = data.get("order", 0)
    now = rules.utc_now()
    row = {
        "id": todo_id,
        "seq": order if isinstance(order, int) and not isinstance(order, bool) else 0,
        **todo_rules.clean_todo_fields(data),
        "goal_id": todo_rules.check_ref(data.get("goal_id"), "goal"),
        "created_at": rules.parse_date(data.get("created_at"), "creation date") or now,
        "updated_at": now,
    }
    subtask_rows = []
    for seq, item in enumerate(raw_subtasks):
        fields = todo_rules.clean_subtask_fields(item)
        subtask_rows.append({**fields, "id": fields["id"] or new_id("subtask"), "todo_id": todo_id, "seq": seq})
    return row, subtask_rows


def restore(unit: UnitOfWork, row: dict[str, Any], subtask_rows: list[dict[str, Any]], replace: bool = False) -> Todo:
    """Put back a deleted todo (rows from check_restore) with its ids and order.

    Links to goals/milestones that no longer exist are dropped; a milestone that still exists
    keeps its own state and the restored todo follows it.

    replace (the undo or redo of an edit that made or changed the todo): put it back exactly as
    given even if it exists, replacing the stored one; its ticks are then the truth and linked
    milestones follow them.
    """
    conn = unit.conn
    row, subtask_rows = dict(row), [dict(sub) for sub in subtask_rows]
    todo_id = row["id"]
    if conn.execute(sa.select(todos_table.c.id).where(todos_table.c.id == todo_id)).first():
        if not replace:
            raise ValidationError(f"A todo with id {todo_id!r} already exists.")
        conn.execute(todos_table.delete().where(todos_table.c.id == todo_id))  # its subtasks go with it
    goal_id = row["goal_id"]
    if goal_id and not goals.goal_exists(unit, goal_id):
        goal_id = row["goal_id"] = None
    existing_nodes = (
        set(conn.execute(sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == goal_id)).scalars())
        if goal_id
        else set()
    )
    if row["node_id"] not in existing_nodes:
        row["node_id"] = None
    row["node_goal_id"] = goal_id if row["node_id"] else None
    conn.execute(todos_table.insert().values(**row))
    for sub in subtask_rows:
        if sub["node_id"] not in existing_nodes:
            sub["node_id"] = None
        sub["node_goal_id"] = goal_id if sub["node_id"] else None
    if subtask_rows:
        conn.execute(subtasks_table.insert(), subtask_rows)
    completion = Completion(unit)
    if replace and subtask_rows:
        for sub in subtask_rows:
            completion.subtask(sub["id"], sub["completed"])
    elif replace:
        completion.todo(todo_id, row["completed"])
    else:
        for node_id in [row["node_id"], *(sub["node_id"] for sub in subtask_rows)]:
            if node_id:
                completion.node(goal_id, node_id, goals.node_completed(unit, goal_id, node_id))
    completion.recheck(todo_id).run()
    restored = todos.load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return restored


def restore_links(unit: UnitOfWork, lost: Iterable[LostLink]) -> list[Todo]:
    """Re-link todos/subtasks reported as unlinked (undo of a regenerate, removal or delete).

    A link is restored only where its todo (and subtask), goal and milestone exist again; the
    relinked item takes the milestone's state. Returns the todos touched.
    """
    lost = list(lost)
    completion = Completion(unit)
    touched = links.relink(unit, lost, completion)
    relinked = [todos.load(unit, todo_id) for todo_id in touched]
    if touched:
        unit.todos_changed(touched, [link.goal_id for link in lost], completion=completion)
    return relinked
