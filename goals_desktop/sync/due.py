"""What is due: open todos, their open subtasks and open milestones whose date (a todo's due date,
a milestone's own or planned due date) is within a number of days, overdue ones included; and the
goals that have fallen behind their schedule. The CLI's `due` and the window's reminders read it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.schedule import goal_signal, schedule_or_none
from goals_desktop.exchange._common import as_date


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str  # "todo", "subtask" or "milestone"
    id: str
    title: str
    due: str  # YYYY-MM-DD
    days_left: int  # negative: overdue
    goal_id: str | None
    goal_title: str | None
    todo_id: str | None = None  # a subtask's todo
    planned: bool = False  # a milestone's date from the schedule, not one the user set

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "overdue": self.overdue}


@dataclass(frozen=True, slots=True)
class BehindGoal:
    goal_id: str
    title: str
    text: str  # "3 days behind · finish 2026-05-02"


def due_items(service, today: date, days: int = 0) -> list[DueItem]:
    """Everything open due on or before today + days, soonest (most overdue) first."""
    if days < 0:
        raise ValidationError("--days must be 0 or more.")
    last = today + timedelta(days=days)
    found: list[DueItem] = []
    for todo in service.list_todos(completed=False):
        when = as_date(todo.due_date)
        if when is None or when > last:
            continue
        left = (when - today).days
        found.append(DueItem("todo", todo.id, todo.title, when.isoformat(), left, todo.goal_id, todo.goal_title))
        for subtask in todo.subtasks:
            if not subtask.completed:
                found.append(
                    DueItem("subtask", subtask.id, subtask.title, when.isoformat(), left, todo.goal_id, todo.goal_title, todo.id)
                )
    for goal, schedule in _active_goals(service, today):
        for node in goal.roadmap.nodes:
            if node.completed:
                continue
            own = as_date(node.due_date)
            plan = schedule.milestones.get(node.id) if schedule is not None else None
            when = own or (plan.planned_due if plan is not None else None)
            if when is None or when > last:
                continue
            found.append(
                DueItem("milestone", node.id, node.label, when.isoformat(), (when - today).days, goal.id, goal.title, planned=own is None)
            )
    found.sort(key=lambda item: (item.due, item.goal_title or "", item.kind != "milestone", item.title))
    return found


def goals_behind(service, today: date) -> list[BehindGoal]:
    behind = []
    for goal, schedule in _active_goals(service, today):
        signal = goal_signal(goal, today, schedule)
        if signal.kind == "behind":
            behind.append(BehindGoal(goal.id, goal.title, signal.full_text()))
    return behind


def _active_goals(service, today: date):
    goals = [g for g in service.list_goals() if g.status == "active"]
    roadmaps = service.roadmaps([g.id for g in goals])
    for goal in goals:
        goal.roadmap = roadmaps.get(goal.id)
        if goal.roadmap is None:
            continue
        yield goal, schedule_or_none(goal, today)
