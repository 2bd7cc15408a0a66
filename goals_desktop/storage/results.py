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


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a call that may cut todos loose from their milestones (or goal).

    goal is the goal as saved (None when it was deleted); unlinked names every todo or subtask
    that was kept but lost its link: pass them to restore_nodes(links=...) or restore_links to
    undo.
    """

    goal: Goal | None
    unlinked: tuple[LostLink, ...] = ()
