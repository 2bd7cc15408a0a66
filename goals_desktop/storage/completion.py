"""The completion rules between milestones, todos and subtasks, applied inside one unit of work.

- a todo or subtask linked to a milestone has the milestone's completion, whichever side changes;
- a todo with subtasks is done exactly when all its subtasks are done (checking the todo checks
  them all, unchecking it reopens them all).

A Completion spreads one call's changes through the links. Each milestone, todo and subtask is set
at most once per Completion, so the first (the user's) change wins and the spreading always ends.
Every state it changes is noted on the unit's Overwritten as it was, so an undo can give back a
mix it had to overwrite (a milestone's check-off ticks all its todo's subtasks).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules

from . import goals
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UnitOfWork

# Built once: the spreading runs on every check-off, the window's hottest write.
_GOAL_ID = sa.bindparam("goal_id")
_NODE_ID = sa.bindparam("node_id")
_TODO_ID = sa.bindparam("todo_id")
_SUBTASK_ID = sa.bindparam("subtask_id")
_NODE_STATE = sa.select(nodes_table.c.completed).where(nodes_table.c.goal_id == _GOAL_ID, nodes_table.c.id == _NODE_ID)
# Update parameters must not share a name with a column, or SQLAlchemy takes them for SET values.
_SET_NODE = (
    nodes_table.update()
    .where(nodes_table.c.goal_id == sa.bindparam("in_goal"), nodes_table.c.id == sa.bindparam("node"))
    .values(completed=sa.bindparam("state"))
)
# A milestone's todos ("t") and then its subtasks ("s"), in one query: most milestones have none,
# and every check-off asks.
_LINKED_TO_NODE = sa.union_all(
    sa.select(sa.literal_column("'t'").label("kind"), todos_table.c.id).where(
        todos_table.c.node_goal_id == _GOAL_ID, todos_table.c.node_id == _NODE_ID
    ),
    sa.select(sa.literal_column("'s'").label("kind"), subtasks_table.c.id).where(
        subtasks_table.c.node_goal_id == _GOAL_ID, subtasks_table.c.node_id == _NODE_ID
    ),
)
_SUBTASKS_OF_TODO = sa.select(subtasks_table.c.id).where(subtasks_table.c.todo_id == _TODO_ID)
_SUBTASK_STATES = sa.select(subtasks_table.c.completed).where(subtasks_table.c.todo_id == _TODO_ID)
_TODO_ROW = sa.select(todos_table).where(todos_table.c.id == _TODO_ID)
_SET_TODO = (
    todos_table.update()
    .where(todos_table.c.id == _TODO_ID)
    .values(completed=sa.bindparam("state"), updated_at=sa.bindparam("now"))
)
_SUBTASK_ROW = sa.select(subtasks_table).where(subtasks_table.c.id == _SUBTASK_ID)
_SET_SUBTASK = (
    subtasks_table.update().where(subtasks_table.c.id == _SUBTASK_ID).values(completed=sa.bindparam("state"))
)
_STAMP_TODO = todos_table.update().where(todos_table.c.id == _TODO_ID).values(updated_at=sa.bindparam("now"))


class Completion:
    """One call's spreading of completion. Queue changes with node/todo/subtask/recheck, then run().

    After run(): goals_changed holds the goals whose milestones it ticked (their progress is
    already recomputed), todos_changed the todos whose state or subtasks it changed.
    """

    def __init__(self, unit: UnitOfWork) -> None:
        self.unit = unit
        self._queue: deque[tuple[Callable[[Any, bool], None], Any, bool]] = deque()
        self._seen_nodes: set[tuple[str, str]] = set()
        self._seen_todos: set[str] = set()
        self._direct_todos: set[str] = set()  # set by the user's call or a linked milestone, not derived
        self._seen_subtasks: set[str] = set()
        self._parents_to_check: set[str] = set()
        self.goals_changed: set[str] = set()
        self.todos_changed: set[str] = set()

    # -- what changed -----------------------------------------------------------------------

    def node(self, goal_id: str, node_id: str, completed: bool, stored: bool = False) -> Completion:
        """A milestone is (to be) this: its todos and subtasks follow.

        stored: its row already holds this state (the caller just wrote it), so it is not read again."""
        self._queue.append((self._spread_stored_node if stored else self._spread_node, (goal_id, node_id), completed))
        return self

    def todo(self, todo_id: str, completed: bool) -> Completion:
        """A todo is checked or unchecked: its subtasks and its milestone follow."""
        self._queue.append((self._spread_todo, todo_id, completed))
        return self

    def subtask(self, subtask_id: str, completed: bool) -> Completion:
        """A subtask is checked or unchecked: its milestone follows, and its todo is derived again."""
        self._queue.append((self._spread_subtask, subtask_id, completed))
        return self

    def recheck(self, todo_id: str) -> Completion:
        """A todo's subtasks changed (added, removed, converted): derive its state from them."""
        self._parents_to_check.add(todo_id)
        return self

    def run(self) -> Completion:
        """Spread everything queued, then recompute progress of the goals whose milestones moved."""
        while self._queue or self._parents_to_check:
            while self._queue:
                spread, key, completed = self._queue.popleft()
                spread(key, completed)
            for todo_id in sorted(self._parents_to_check):
                self._parents_to_check.discard(todo_id)
                self._derive_todo(todo_id)
        for goal_id in sorted(self.goals_changed):
            goals.touch(self.unit, goal_id, recompute=True)
        return self

    def merge(self, other: Completion) -> None:
        """Fold another spreading's results into this one (e.g. one per node of a batch edit)."""
        self.goals_changed |= other.goals_changed
        self.todos_changed |= other.todos_changed

    # -- the rules --------------------------------------------------------------------------

    def _spread_node(self, key: tuple[str, str], completed: bool) -> None:
        if key in self._seen_nodes:
            return
        self._seen_nodes.add(key)
        conn = self.unit.conn
        current = conn.execute(_NODE_STATE, {"goal_id": key[0], "node_id": key[1]}).scalar_one_or_none()
        if current is None:
            return
        if bool(current) != completed:
            conn.execute(_SET_NODE, {"in_goal": key[0], "node": key[1], "state": completed})
            self.unit.overwritten.node(key[0], key[1], bool(current))
            self.goals_changed.add(key[0])
        self._spread_to_links(key, completed)

    def _spread_stored_node(self, key: tuple[str, str], completed: bool) -> None:
        if key in self._seen_nodes:
            return
        self._seen_nodes.add(key)
        self._spread_to_links(key, completed)

    def _spread_to_links(self, key: tuple[str, str], completed: bool) -> None:
        for kind, item_id in self.unit.rows(_LINKED_TO_NODE, {"goal_id": key[0], "node_id": key[1]}):
            if kind == "t":
                self.todo(item_id, completed)
            else:
                self.subtask(item_id, completed)

    def _spread_todo(self, todo_id: str, completed: bool) -> None:
        if todo_id in self._seen_todos:
            return
        self._seen_todos.add(todo_id)
        self._direct_todos.add(todo_id)
        if self._set_todo(todo_id, completed) is None:
            return
        for subtask_id in self.unit.conn.execute(_SUBTASKS_OF_TODO, {"todo_id": todo_id}).scalars():
            self.subtask(subtask_id, completed)

    def _derive_todo(self, todo_id: str) -> None:
        # A todo already set directly in this call keeps that value; otherwise it follows its subtasks,
        # again each time one of them changes later in the same call (each subtask changes at most once).
        if todo_id in self._direct_todos:
            return
        flags = list(self.unit.conn.execute(_SUBTASK_STATES, {"todo_id": todo_id}).scalars())
        if flags:
            # Seen from now on, so its milestone's answer does not come back to overwrite its subtasks.
            self._seen_todos.add(todo_id)
            self._set_todo(todo_id, all(flags))

    def _set_todo(self, todo_id: str, completed: bool) -> Mapping[str, Any] | None:
        conn = self.unit.conn
        row = conn.execute(_TODO_ROW, {"todo_id": todo_id}).mappings().first()
        if row is None:
            return None
        if bool(row["completed"]) != completed:
            conn.execute(_SET_TODO, {"todo_id": todo_id, "state": completed, "now": rules.utc_now()})
            self.unit.overwritten.todo(todo_id, "completed", bool(row["completed"]))
            self.todos_changed.add(todo_id)
        if row["node_id"] is not None:
            self.node(row["node_goal_id"], row["node_id"], completed)
        return row

    def _spread_subtask(self, subtask_id: str, completed: bool) -> None:
        if subtask_id in self._seen_subtasks:
            return
        self._seen_subtasks.add(subtask_id)
        conn = self.unit.conn
        row = conn.execute(_SUBTASK_ROW, {"subtask_id": subtask_id}).mappings().first()
        if row is None:
            return
        if bool(row["completed"]) != completed:
            conn.execute(_SET_SUBTASK, {"subtask_id": subtask_id, "state": completed})
            self.unit.overwritten.subtask(subtask_id, row["todo_id"], "completed", bool(row["completed"]))
            conn.execute(_STAMP_TODO, {"todo_id": row["todo_id"], "now": rules.utc_now()})
            self.todos_changed.add(row["todo_id"])
        if row["node_id"] is not None:
            self.node(row["node_goal_id"], row["node_id"], completed)
        self._parents_to_check.add(row["todo_id"])


def stamp_todo(unit: UnitOfWork, todo_id: str) -> None:
    """Mark a todo as changed now (its own row, or one of its subtasks)."""
    unit.conn.execute(_STAMP_TODO, {"todo_id": todo_id, "now": rules.utc_now()})
