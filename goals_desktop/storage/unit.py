"""The unit of work: one transaction's connection plus the changes collected during it.

GoalService opens one per public call and passes it to the plain modules (goals, roadmaps,
todos, links, completion); they write through `unit.conn` and record what they changed. The
service announces `unit.changes` only after the transaction committed, so subscribers never hear
about work that was rolled back. No module keeps a unit beyond the call.

The rules also note on `unit.overwritten` each value they change besides what the caller asked
for (the undo of the call puts them back); `unit.restoring` is set when the call is the undo of
an earlier one, and holds that call's Overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from goals_desktop.domain.todos import LostLink

from .results import Change, ChangeKind, Overwritten, TodosChanged

if TYPE_CHECKING:
    from .completion import Completion

# "Not given" for keyword arguments where None is a real value (clearing a date, unlinking).
UNSET: Any = object()


class UnitOfWork:
    __slots__ = ("changes", "conn", "overwritten", "restoring")

    def __init__(self, conn: sa.Connection, restoring: Overwritten | None = None) -> None:
        self.conn = conn
        self.changes: list[Change] = []
        self.overwritten = Overwritten()
        self.restoring = restoring

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
