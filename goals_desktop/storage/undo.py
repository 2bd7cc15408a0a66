"""Giving back what a call's rules overwrote: the last part of an undo's one transaction.

An undo asks for the opposite of what its step asked (uncheck what was checked, put back what was
removed), but the rules act again on the way back and do not land where the step started: they
would tick all of a todo's subtasks again, give a linked subtask the milestone's label instead of
the title typed by hand, derive the goal's status anew. So, once the undo's own change is written,
put_back writes two sets of remembered values:

- what this call's rules overwrote (unit.overwritten): at the undo of a step, every value the step
  left alone was already as it had been before the step, so whatever the way back changed besides
  goes back to how it was;
- over those, what the step's rules overwrote (its Overwritten, unit.restoring): the values from
  before the step.

Together with the undo's own change that is exactly the state before the step, as long as nothing
else changed in between (the window's undo stack runs the steps in order; another copy's edits to
the same rows may be overwritten, as by any undo).
"""

from __future__ import annotations

import sqlalchemy as sa

from goals_desktop.domain import rules

from . import goals
from .results import ChangeKind, Overwritten
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UnitOfWork

# Values go in the parameters (one compiled statement, run once per set of columns); the where
# parameters must not share a name with a column.
_PUT_NODE = (
    nodes_table.update()
    .where(nodes_table.c.goal_id == sa.bindparam("in_goal"), nodes_table.c.id == sa.bindparam("node"))
    .values(completed=sa.bindparam("state"))
)
_PUT_TODO = todos_table.update().where(todos_table.c.id == sa.bindparam("todo"))
_PUT_SUBTASK = subtasks_table.update().where(subtasks_table.c.id == sa.bindparam("subtask"))


def _grouped(key: str, rows: dict[str, dict]) -> dict[tuple[str, ...], list[dict]]:
    """Parameter lists for executemany, one per set of columns."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for item_id, fields in rows.items():
        columns = {name: value for name, value in fields.items() if name != "todo_id"}
        if columns:
            groups.setdefault(tuple(sorted(columns)), []).append({key: item_id, **columns})
    return groups


def put_back(unit: UnitOfWork, step: Overwritten) -> None:
    """Write back what unit's call and, winning over it, the undone step (step) overwrote."""
    values = Overwritten()
    values.update(unit.overwritten)
    values.update(step)
    conn = unit.conn
    if values.nodes:
        conn.execute(
            _PUT_NODE, [{"in_goal": goal_id, "node": node_id, "state": done} for (goal_id, node_id), done in values.nodes.items()]
        )
    for params in _grouped("todo", values.todos).values():
        conn.execute(_PUT_TODO, params)
    for params in _grouped("subtask", values.subtasks).values():
        conn.execute(_PUT_SUBTASK, params)
    touched = list(dict.fromkeys([*values.todos, *(fields["todo_id"] for fields in values.subtasks.values())]))
    if touched:
        conn.execute(todos_table.update().where(todos_table.c.id.in_(touched)).values(updated_at=rules.utc_now()))
    for goal_id in dict.fromkeys([*(goal_id for goal_id, _ in values.nodes), *values.statuses]):
        if not goals.goal_exists(unit, goal_id):
            continue
        status = {"status": values.statuses[goal_id]} if goal_id in values.statuses else {}
        goals.touch(unit, goal_id, recompute=True, keep_status=True, **status)
        unit.changed(goal_id, ChangeKind.ROADMAP)
    if touched:
        # Deleted ones (the undo removed them) are simply not found.
        found = conn.execute(
            sa.select(todos_table.c.id, todos_table.c.goal_id).where(todos_table.c.id.in_(touched))
        ).all()
        if found:
            unit.todos_changed([todo_id for todo_id, _ in found], [goal_id for _, goal_id in found])
