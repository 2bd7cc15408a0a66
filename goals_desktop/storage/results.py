"""What the service hands back: results of a call, and the changes it announces after commit.

Plain frozen values, so every face (window, CLI, API) and every subscriber can keep them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from goals_desktop.domain.models import Goal
from goals_desktop.domain.todos import LostLink


class ChangeKind(StrEnum):
    """What kind of change a committed call made; a str, so `change.kind == "roadmap"` holds."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    ROADMAP = "roadmap"
    TODOS = "todos"


@dataclass(frozen=True, slots=True)
class TodosChanged:
    """The `detail` of a Change of kind TODOS: which todos changed, went away or lost a milestone."""

    todo_ids: tuple[str, ...] = ()
    deleted_ids: tuple[str, ...] = ()
    unlinked: tuple[LostLink, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """What a committed call changed.

    detail carries extra facts for some kinds (for TODOS: a TodosChanged, saying which todos
    changed and which lost their milestone); goal_id is "" for todos not linked to a goal.
    """

    goal_id: str
    kind: ChangeKind
    detail: Any = field(default=None, compare=False)


@dataclass(slots=True)
class Overwritten:
    """What one call's rules changed besides what the caller asked for, as it was before the call.

    The rules change more than the caller names: completion spreads through links (a check-off
    ticks a todo and all its subtasks), titles follow a milestone's label or a goal's title, a
    goal's status is derived again, and removed rows leave their place in the roadmap's order.
    The caller knows what it asked for (and its undo asks for the opposite); this keeps the rest,
    so that the undo can give back exactly what was there (GoalService.undoable). The first value
    seen in a call is kept: the one from before it. Filled in during the call; read it after.
    """

    statuses: dict[str, str] = field(default_factory=dict)  # goal id -> status
    nodes: dict[tuple[str, str], bool] = field(default_factory=dict)  # (goal id, node id) -> completed
    todos: dict[str, dict[str, Any]] = field(default_factory=dict)  # todo id -> {"completed"/"title": value}
    # subtask id -> {"todo_id": its todo, "completed"/"title": value}
    subtasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    node_places: dict[tuple[str, str], int] = field(default_factory=dict)  # removed node -> its index
    edge_places: dict[tuple[str, str], int] = field(default_factory=dict)  # removed edge -> its index

    def status(self, goal_id: str, before: str) -> None:
        self.statuses.setdefault(goal_id, before)

    def node(self, goal_id: str, node_id: str, completed: bool) -> None:
        self.nodes.setdefault((goal_id, node_id), bool(completed))

    def todo(self, todo_id: str, name: str, before: Any) -> None:
        self.todos.setdefault(todo_id, {}).setdefault(name, before)

    def subtask(self, subtask_id: str, todo_id: str, name: str, before: Any) -> None:
        self.subtasks.setdefault(subtask_id, {"todo_id": todo_id}).setdefault(name, before)

    def __bool__(self) -> bool:
        return any((self.statuses, self.nodes, self.todos, self.subtasks, self.node_places, self.edge_places))

    def update(self, other: Overwritten, win: bool = True) -> None:
        """Take other's values; they win over those kept here, or (win=False) only fill gaps."""

        def merged(mine: dict, theirs: dict) -> dict:
            return {**mine, **theirs} if win else {**theirs, **mine}

        self.statuses = merged(self.statuses, other.statuses)
        self.nodes = merged(self.nodes, other.nodes)
        self.node_places = merged(self.node_places, other.node_places)
        self.edge_places = merged(self.edge_places, other.edge_places)
        for name in ("todos", "subtasks"):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, {key: merged(mine.get(key, {}), theirs.get(key, {})) for key in {**mine, **theirs}})


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a call that may cut todos loose from their milestones (or goal).

    goal is the goal as saved (None when it was deleted); unlinked names every todo or subtask
    that was kept but lost its link: pass them to restore_nodes(links=...) or restore_links to
    undo; overwritten is what the call's rules changed besides (see Overwritten): the undo of a
    change recorded after it was made (a generated roadmap) passes it to GoalService.undoable.
    """

    goal: Goal | None
    unlinked: tuple[LostLink, ...] = ()
    overwritten: Overwritten = field(default_factory=Overwritten, compare=False, repr=False)
