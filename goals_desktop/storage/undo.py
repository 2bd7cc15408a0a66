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


def put_back(unit: UnitOfWork, step: Overwritten) -> None:
    """Write back what unit's call and, winning over it, the undone step (step) overwrote."""
    values = Overwritten()
    values.update(unit.overwritten)
    values.update(step)
    conn = unit.conn
    now = rules.utc_now()
    for (goal_id, node_id), completed in values.nodes.items():
        conn.execute(
            nodes_table.update()
            .where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
            .values(completed=completed)
        )
    touched: dict[str, None] = {}
    for todo_id, fields in values.todos.items():
        conn.execute(todos_table.update().where(todos_table.c.id == todo_id).values(**fields, updated_at=now))
        touched[todo_id] = None
    for subtask_id, fields in values.subtasks.items():
        todo_id = fields["todo_id"]
        columns = {name: value for name, value in fields.items() if name != "todo_id"}
        conn.execute(subtasks_table.update().where(subtasks_table.c.id == subtask_id).values(**columns))
        conn.execute(todos_table.update().where(todos_table.c.id == todo_id).values(updated_at=now))
        touched[todo_id] = None
    goal_ids = dict.fromkeys([*(goal_id for goal_id, _ in values.nodes), *values.statuses])
    for goal_id in goal_ids:
        if not goals.goal_exists(unit, goal_id):
            continue
        status = {"status": values.statuses[goal_id]} if goal_id in values.statuses else {}
        goals.touch(unit, goal_id, recompute=True, keep_status=True, **status)
        unit.changed(goal_id, ChangeKind.ROADMAP)
    if touched:
        # Deleted ones (the undo removed them) are simply not found.
        found = conn.execute(
            sa.select(todos_table.c.id, todos_table.c.goal_id).where(todos_table.c.id.in_(list(touched)))
        ).all()
        if found:
            unit.todos_changed([todo_id for todo_id, _ in found], [goal_id for _, goal_id in found])
