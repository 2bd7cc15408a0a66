"""The unit of work: one transaction's connection plus the changes collected during it.

GoalService opens one per public call and passes it to the plain modules (goals, roadmaps,
todos, links, completion); they write through `unit.conn` and record what they changed. The
service announces `unit.changes` only after the transaction committed, so subscribers never hear
about work that was rolled back. No module keeps a unit beyond the call.

The rules also note on `unit.overwritten` each value they change besides what the caller asked
for (the undo of the call puts them back); `unit.restoring` is set when the call is the undo of
an earlier one, and holds that call's Overwritten.

The hot statements (a check-off, loading a goal, writing a roadmap) go through `rows`, `run` and
`run_many` instead: the same Core statements, compiled once per dialect and executed on the
transaction's DBAPI connection (prepared.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from goals_desktop.domain.todos import LostLink

from .prepared import Prepared, plans_for, prepared
from .results import Change, ChangeKind, Overwritten, TodosChanged

if TYPE_CHECKING:
    from .completion import Completion

# "Not given" for keyword arguments where None is a real value (clearing a date, unlinking).
UNSET: Any = object()

_NO_PARAMS: Mapping[str, Any] = {}


class UnitOfWork:
    __slots__ = ("_driver", "_plans", "changes", "conn", "overwritten", "restoring")

    def __init__(self, conn: sa.Connection, restoring: Overwritten | None = None) -> None:
        self.conn = conn
        self.changes: list[Change] = []
        self.overwritten = Overwritten()
        self.restoring = restoring
        self._driver: Any = None
        self._plans: dict[Any, Prepared] | None = None

    # -- the hot statements (see prepared.py) ----------------------------------------------------

    def _plan(self, statement: sa.Executable, params: Mapping[str, Any]) -> Prepared:
        plans = self._plans
        if plans is None:
            plans = self._plans = plans_for(self.conn.dialect)
        return prepared(plans, self.conn.dialect, statement, params)

    def _cursor(self) -> Any:
        driver = self._driver
        if driver is None:
            # The transaction's own DBAPI connection: statements run here are part of it.
            driver = self._driver = self.conn.connection.driver_connection
        return driver.cursor()

    def rows(self, statement: sa.Executable, params: Mapping[str, Any] = _NO_PARAMS) -> list[Sequence]:
        """The statement's rows as sequences (columns in the statement's order, converted to Python
        values as Connection.execute would)."""
        plan = self._plan(statement, params)
        cursor = self._cursor()
        cursor.execute(plan.sql, plan.args(params))
        return plan.rows(cursor)

    def run(self, statement: sa.Executable, params: Mapping[str, Any] = _NO_PARAMS) -> int:
        """Execute an INSERT, UPDATE or DELETE; the number of rows it matched."""
        plan = self._plan(statement, params)
        cursor = self._cursor()
        cursor.execute(plan.sql, plan.args(params))
        return cursor.rowcount

    def run_many(self, statement: sa.Executable, many: Sequence[Mapping[str, Any]]) -> None:
        """Execute an INSERT or UPDATE once per parameter set (each naming the same columns)."""
        if not many:
            return
        plan = self._plan(statement, many[0])
        self._cursor().executemany(plan.sql, [plan.args(params) for params in many])

    # -- what changed ----------------------------------------------------------------------------

    def changed(self, goal_id: str, kind: ChangeKind, detail: Any = None) -> None:
        self.changes.append(Change(goal_id, kind, detail))

    def todos_changed(
        self,
        todo_ids: Iterable[str] = (),
        goal_ids: Iterable[str | None] = (),
        unlinked: Iterable[LostLink] = (),
        *,
        completion: Completion | None = None,
        roadmap_recorded: Iterable[str] = (),
    ) -> None:
        """Record a TODOS change for each goal involved ("" when none), after a ROADMAP change for
        each goal whose milestones the completion rules ticked (unless already recorded)."""
        spread_todos = sorted(completion.todos_changed) if completion is not None else ()
        changed = tuple(dict.fromkeys([*todo_ids, *spread_todos]))
        unlinked = tuple(unlinked)
        if completion is not None:
            for goal_id in sorted(completion.goals_changed - set(roadmap_recorded)):
                self.changed(goal_id, ChangeKind.ROADMAP)
        goals = [g for g in dict.fromkeys(goal_ids) if g] or [""]
        detail = TodosChanged(todo_ids=changed, unlinked=unlinked)
        for goal_id in goals:
            self.changed(goal_id, ChangeKind.TODOS, detail)
