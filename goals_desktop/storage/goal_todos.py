"""A goal's todos (with their subtasks and milestone links) in the JSON export, and back.

Plain functions on a UnitOfWork, like the other storage modules: export_todos runs inside
export_goals' read, import_todos inside import_goals' write (all or nothing together with the
goal) and records its TODOS change on the unit. Links name milestones of the same goal by node
id; node ids are kept on import, so the links land on the same milestones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import new_id

from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .completion import Completion
from .schema import todos as todos_table
from .unit import UnitOfWork

TODOS_MAX = 1_000


def export_todos(unit: UnitOfWork, goal_id: str) -> list[dict[str, Any]]:
    """The goal's todos in their order, each with its subtasks, in the export's shape."""
    conn = unit.conn
    rows = conn.execute(
        sa.select(todos_table).where(todos_table.c.goal_id == goal_id).order_by(todos_table.c.seq, todos_table.c.id)
    ).mappings().all()
    subtasks: dict[str, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if rows:
        for sub in conn.execute(
            sa.select(subtasks_table)
            .where(subtasks_table.c.todo_id.in_(list(subtasks)))
            .order_by(subtasks_table.c.todo_id, subtasks_table.c.seq)
        ).mappings():
            subtasks[sub["todo_id"]].append(
                {
                    "id": sub["id"],
                    "title": sub["title"],
                    "completed": bool(sub["completed"]),
                    # A link into another goal cannot travel with this one.
                    "node_id": sub["node_id"] if sub["node_goal_id"] == goal_id else None,
                }
            )
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "notes": row["notes"],
            "completed": bool(row["completed"]),
            "due_date": row["due_date"],
            "kind": row["kind"],
            "node_id": row["node_id"] if row["node_goal_id"] == goal_id else None,
            "subtasks": subtasks[row["id"]],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }
        for row in rows
    ]


def todos_from_import(index: int, item: Any) -> list[dict[str, Any]]:
    """The checked "todos" of one item of an import (like goals.goal_from_import, before any write)."""
    try:
        return parse_todos(item.get("todos")) if isinstance(item, Mapping) else []
    except ValidationError as error:
        raise ValidationError(f"Goal #{index} in the import: {error}") from None


def parse_todos(value: Any) -> list[dict[str, Any]]:
    """A goal's "todos" from an import file, validated (before any write); [] when absent."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError("its 'todos' must be a list.")
    if len(value) > TODOS_MAX:
        raise ValidationError(f"it has {len(value)} todos; the limit is {TODOS_MAX}.")
    parsed = []
    for number, item in enumerate(value, start=1):
        try:
            parsed.append(_parse_todo(item))
        except ValidationError as error:
            message = str(error)
            raise ValidationError(f"its todo #{number}: {message[0].lower()}{message[1:].rstrip('.')}.") from None
    return parsed


def _parse_todo(item: Any) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise ValidationError("It is not a JSON object.")
    raw_subtasks = item.get("subtasks") or []
    if not isinstance(raw_subtasks, list) or not all(isinstance(s, Mapping) for s in raw_subtasks):
        raise ValidationError("Its subtasks must be a list of objects.")
    if len(raw_subtasks) > todo_rules.SUBTASKS_MAX:
        raise ValidationError(f"A todo can have at most {todo_rules.SUBTASKS_MAX} subtasks; got {len(raw_subtasks)}.")
    return {
        "id": todo_rules.check_ref(item.get("id"), "todo"),
        **todo_rules.clean_todo_fields(item),
        "created_at": rules.parse_date(item.get("created_at"), "creation date"),
        "updated_at": rules.parse_date(item.get("updated_at"), "update date"),
        "subtasks": [todo_rules.clean_subtask_fields(sub) for sub in raw_subtasks],
    }


def import_todos(unit: UnitOfWork, goal_id: str, todos: list[dict[str, Any]]) -> list[str]:
    """Insert parsed todos for a goal just written in this unit; returns their ids.

    Ids already taken get fresh ones (importing twice makes copies), links to milestones the goal
    does not have are dropped (the todo stays), and the completion rules then run once, so linked
    todos and subtasks take their milestone's state and a todo with subtasks is done when they are.
    The goal's TODOS change is recorded on the unit.
    """
    if not todos:
        return []
    conn = unit.conn
    node_ids = set(conn.execute(sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == goal_id)).scalars())
    taken_todos = set(conn.execute(sa.select(todos_table.c.id)).scalars())
    taken_subtasks = set(conn.execute(sa.select(subtasks_table.c.id)).scalars())
    seq = conn.execute(sa.select(sa.func.coalesce(sa.func.max(todos_table.c.seq), -1))).scalar_one() + 1
    now = rules.utc_now()
    todo_rows, subtask_rows, linked_nodes = [], [], []
    for todo in todos:
        todo_id = _fresh(todo["id"], taken_todos, "todo")
        node_id = todo["node_id"] if todo["node_id"] in node_ids else None
        todo_rows.append(
            {
                "id": todo_id,
                "seq": seq,
                "title": todo["title"],
                "notes": todo["notes"],
                "completed": todo["completed"],
                "due_date": todo["due_date"],
                "kind": todo["kind"],
                "goal_id": goal_id,
                "node_goal_id": goal_id if node_id else None,
                "node_id": node_id,
                "created_at": todo["created_at"] or now,
                "updated_at": todo["updated_at"] or now,
            }
        )
        seq += 1
        for order, sub in enumerate(todo["subtasks"]):
            sub_node = sub["node_id"] if sub["node_id"] in node_ids else None
            subtask_rows.append(
                {
                    "id": _fresh(sub["id"], taken_subtasks, "subtask"),
                    "todo_id": todo_id,
                    "seq": order,
                    "title": sub["title"],
                    "completed": sub["completed"],
                    "node_goal_id": goal_id if sub_node else None,
                    "node_id": sub_node,
                }
            )
            linked_nodes.append(sub_node)
        linked_nodes.append(node_id)
    conn.execute(todos_table.insert(), todo_rows)
    if subtask_rows:
        conn.execute(subtasks_table.insert(), subtask_rows)
    completed = {
        row.id: bool(row.completed)
        for row in conn.execute(sa.select(nodes_table.c.id, nodes_table.c.completed).where(nodes_table.c.goal_id == goal_id))
    }
    # The milestones go first and keep their state: an import never changes the roadmap it brings.
    completion = Completion(unit)
    for node_id in dict.fromkeys(n for n in linked_nodes if n):
        completion.node(goal_id, node_id, completed[node_id])
    for row in todo_rows:
        completion.recheck(row["id"])
    completion.run()
    todo_ids = [row["id"] for row in todo_rows]
    unit.todos_changed(todo_ids, [goal_id], completion=completion)
    return todo_ids


def _fresh(wanted: str | None, taken: set[str], prefix: str) -> str:
    chosen = wanted if wanted and wanted not in taken else new_id(prefix)
    taken.add(chosen)
    return chosen
