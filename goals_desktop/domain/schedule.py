"""When each milestone should happen, and whether the goal's target date still holds.

Pure functions over a Goal/Roadmap; `today` is passed in. The rules:

- Completed milestones take no time and hold nothing up: what depends on them may start today.
- Forward pass from today over the open milestones (each takes its estimated time, at least one
  day): earliest start and finish; the latest finish is the goal's projected finish, and the chain
  of milestones that decides it is the critical path.
- A due date the user set on a milestone is a fixed constraint: that milestone is planned to be
  done on that date (what depends on it waits for it), and is late if its work cannot be done by then.
- Backward pass from the target date (or, without one, from the projected finish): the date each
  milestone must be done by to keep it -- its planned due date -- and its slack (negative: late).
- The goal's slack is the target date minus the projected finish: "N days to spare", "on track",
  "N days behind". Without a target it is on track unless a milestone will miss a date the user set.

Dates are whole days and inclusive: a one-day milestone planned for today starts and is due today.
Internally a day offset d counts from the start of today, so a milestone occupies [start, finish).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .durations import Duration, parse_duration
from .errors import ValidationError
from .models import Goal, Roadmap
from .rules import neighbours, topological_order

_MAX_ORDINAL = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class MilestonePlan:
    """One milestone's place in the plan. Completed milestones have no dates (they take no time)."""

    node_id: str
    completed: bool
    duration: Duration | None  # the reading of its estimated time; None when completed
    days: int  # days it is counted as taking (0 when completed)
    planned_start: date | None  # earliest start
    work_finish: date | None  # last day of its work if started at planned_start
    planned_due: date | None  # done by this day to keep the target (or the user's fixed date)
    slack_days: int | None  # planned_due - work_finish; negative: it will be late
    critical: bool  # on the chain that decides the projected finish
    fixed_due: bool  # the user set the due date
    overdue: bool  # open and its planned due date has passed

    @property
    def late(self) -> bool:
        return self.slack_days is not None and self.slack_days < 0


@dataclass(frozen=True, slots=True)
class GoalSignal:
    """The goal at a glance. kind: ahead, on_track, behind, done, no_plan or abandoned; text: the words."""

    kind: str
    text: str
    projected_finish: date | None = None

    def full_text(self) -> str:
        if self.projected_finish is None or self.kind in ("done", "abandoned", "no_plan"):
            return self.text
        return f"{self.text} · finish {self.projected_finish.isoformat()}"


@dataclass(frozen=True, slots=True)
class Schedule:
    today: date
    target: date | None
    projected_finish: date  # last day of work on the last open milestone (today if none is open)
    slack_days: int  # target minus projected finish (negative: behind); without a target, the worst miss of a user's date (or 0)
    milestones: dict[str, MilestonePlan]
    critical_path: tuple[str, ...]  # open milestones deciding the projected finish, in dependency order

    @property
    def on_track(self) -> bool:
        return self.slack_days >= 0

    @property
    def open_count(self) -> int:
        return sum(1 for plan in self.milestones.values() if not plan.completed)

    def to_dict(self) -> dict[str, Any]:
        """The `schedule` object of the goal's JSON."""
        return {
            "projected_finish": self.projected_finish.isoformat(),
            "slack_days": self.slack_days,
            "on_track": self.on_track,
        }

    def due_next(self, limit: int = 3) -> list[MilestonePlan]:
        """Open milestones by planned due date, soonest (or most overdue) first."""
        open_plans = [p for p in self.milestones.values() if not p.completed]
        open_plans.sort(key=lambda p: (p.planned_due or date.max, p.planned_start or date.max))
        return open_plans[:limit]


def _day(text: str | None) -> date | None:
    """The calendar day of a stored date(-time) string; None for blank or unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _to_date(today_ordinal: int, offset: int) -> date:
    # Offsets can run past year 9999 with absurd estimates; the calendar ends there.
    return date.fromordinal(min(max(today_ordinal + offset, 1), _MAX_ORDINAL))


def compute_schedule(roadmap: Roadmap | None, target_date: str | date | None, today: date) -> Schedule | None:
    """The schedule of a roadmap toward target_date, seen from today; None without milestones.

    Raises ValidationError for a link to an unknown milestone or a cycle (a roadmap must be a DAG).
    """
    if roadmap is None or not roadmap.nodes:
        return None
    target = target_date if isinstance(target_date, date) else _day(target_date)
    node_ids = [n.id for n in roadmap.nodes]
    known = set(node_ids)
    if len(known) != len(node_ids):
        raise ValidationError("The roadmap has two milestones with the same id; it cannot be scheduled.")
    links = []
    for edge in roadmap.edges:
        if edge.source not in known or edge.target not in known:
            raise ValidationError(f"Link {edge.id!r} points to an unknown milestone; the roadmap cannot be scheduled.")
        links.append((edge.source, edge.target))
    order = topological_order(node_ids, links)
    if len(order) != len(node_ids):
        raise ValidationError("The roadmap's links form a cycle, so it has no schedule; remove one of the links.")

    by_id = {n.id: n for n in roadmap.nodes}
    open_ids = {n.id for n in roadmap.nodes if not n.completed}
    # A completed milestone holds nothing up, so links touching one drop out of the passes.
    preds, succs = neighbours(open_ids, links)
    open_order = [n for n in order if n in open_ids]

    today_ordinal = today.toordinal()
    durations: dict[str, Duration] = {}
    days: dict[str, int] = {}
    fixed: dict[str, int] = {}  # exclusive day offset the user fixed as the finish
    for node_id in open_order:
        node = by_id[node_id]
        durations[node_id] = duration = parse_duration(node.estimated_time)
        days[node_id] = max(1, duration.days)  # an open milestone takes at least a day to do and tick
        due = _day(node.due_date)
        if due is not None:
            fixed[node_id] = due.toordinal() - today_ordinal + 1

    # Forward pass: earliest start; finish is the work's end, or the fixed date if that is later.
    start: dict[str, int] = {}
    finish: dict[str, int] = {}
    for node_id in open_order:
        begin = max((finish[p] for p in preds[node_id]), default=0)
        start[node_id] = begin
        end = begin + days[node_id]
        if node_id in fixed and fixed[node_id] > end:
            end = fixed[node_id]
        finish[node_id] = end
    project_end = max(finish.values(), default=0)

    # Backward pass from the target (exclusive offset of the day after it) or the projected finish.
    horizon = target.toordinal() - today_ordinal + 1 if target is not None else project_end
    latest: dict[str, int] = {}
    for node_id in reversed(open_order):
        if node_id in fixed:
            latest[node_id] = fixed[node_id]
        else:
            latest[node_id] = min((latest[s] - days[s] for s in succs[node_id]), default=horizon)

    critical = _critical(open_order, preds, start, finish, days, project_end)
    plans: dict[str, MilestonePlan] = {}
    slack = None
    for node in roadmap.nodes:
        node_id = node.id
        if node_id not in open_ids:
            plans[node_id] = MilestonePlan(node_id, True, None, 0, None, None, None, None, False, False, False)
            continue
        node_slack = latest[node_id] - (start[node_id] + days[node_id] if node_id in fixed else finish[node_id])
        slack = node_slack if slack is None else min(slack, node_slack)
        due = _to_date(today_ordinal, latest[node_id] - 1)
        plans[node_id] = MilestonePlan(
            node_id=node_id,
            completed=False,
            duration=durations[node_id],
            days=days[node_id],
            planned_start=_to_date(today_ordinal, start[node_id]),
            work_finish=_to_date(today_ordinal, start[node_id] + days[node_id] - 1),
            planned_due=due,
            slack_days=node_slack,
            critical=node_id in critical,
            fixed_due=node_id in fixed,
            overdue=due < today,
        )
    if slack is None:  # everything is done
        goal_slack = max(0, target.toordinal() - today_ordinal) if target is not None else 0
    elif target is not None:
        # The goal is as early or late as its projected finish against the target; a milestone
        # missing a date the user set shows as late on that milestone.
        goal_slack = horizon - project_end
    else:
        goal_slack = min(0, slack)
    return Schedule(
        today=today,
        target=target,
        projected_finish=_to_date(today_ordinal, max(project_end - 1, 0)),
        slack_days=goal_slack,
        milestones=plans,
        critical_path=tuple(n for n in open_order if n in critical),
    )


def _critical(
    open_order: list[str],
    preds: dict[str, list[str]],
    start: dict[str, int],
    finish: dict[str, int],
    days: dict[str, int],
    project_end: int,
) -> set[str]:
    """Milestones on a chain of back-to-back links ending at the projected finish.

    A milestone waiting on a fixed date (finish beyond its work) starts a chain: what comes before
    it does not decide when it ends."""
    critical = {n for n in open_order if finish[n] == project_end}
    for node_id in reversed(open_order):
        if node_id not in critical or finish[node_id] != start[node_id] + days[node_id]:
            continue
        for pred in preds[node_id]:
            if finish[pred] == start[node_id]:
                critical.add(pred)
    return critical


def schedule_or_none(goal: Goal, today: date) -> Schedule | None:
    """The goal's schedule, or None when it has no roadmap or its roadmap cannot be scheduled
    (a cycle, a link to an unknown milestone): what every view shows instead of an error."""
    try:
        return compute_schedule(goal.roadmap, goal.target_date, today)
    except ValidationError:
        return None


def goal_signal(goal: Goal, today: date, schedule: Schedule | None = None) -> GoalSignal:
    """On track / N days to spare / N days behind (and the projected finish), or why there is none."""
    if goal.status == "abandoned":
        return GoalSignal("abandoned", "Abandoned")
    if schedule is None:
        schedule = schedule_or_none(goal, today)
    if goal.status == "completed" or (schedule is not None and schedule.open_count == 0):
        return GoalSignal("done", "Done")
    if schedule is None:
        return GoalSignal("no_plan", "No roadmap yet")
    return signal_of(schedule)


def signal_of(schedule: Schedule) -> GoalSignal:
    slack = schedule.slack_days
    finish = schedule.projected_finish
    if slack < 0:
        return GoalSignal("behind", f"{_days(-slack)} behind", finish)
    if slack > 0 and schedule.target is not None:
        return GoalSignal("ahead", f"{_days(slack)} to spare", finish)
    return GoalSignal("on_track", "On track", finish)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def decorate_goal_dict(data: dict[str, Any], schedule: Schedule | None) -> dict[str, Any]:
    """Add the schedule to a goal's JSON (the seed's Get Goal shape): a `schedule` object and, on
    each node, `planned_start`, `planned_due` (YYYY-MM-DD, null when completed) and `critical`."""
    data["schedule"] = schedule.to_dict() if schedule is not None else None
    roadmap = data.get("roadmap")
    if roadmap:
        for node in roadmap.get("nodes", []):
            plan = schedule.milestones.get(node["id"]) if schedule is not None else None
            node["planned_start"] = plan.planned_start.isoformat() if plan and plan.planned_start else None
            node["planned_due"] = plan.planned_due.isoformat() if plan and plan.planned_due else None
            node["critical"] = bool(plan and plan.critical)
    return data


def goal_dict_with_schedule(goal: Goal, today: date) -> dict[str, Any]:
    """The goal's JSON (Get Goal shape) with its schedule seen from today: what `goals show --json`
    prints and what the REST API should send, by the same code."""
    return decorate_goal_dict(goal.to_dict(), schedule_or_none(goal, today))


def summary_dict_with_schedule(goal: Goal, schedule: Schedule | None) -> dict[str, Any]:
    """The List Goals shape plus `schedule` (the goal's roadmap must have been read to work it out)."""
    return {**goal.to_summary_dict(), "schedule": schedule.to_dict() if schedule is not None else None}


def schedules(goals: Iterable[Goal], today: date) -> dict[str, Schedule | None]:
    """Schedules of several goals (with their roadmaps); a goal whose roadmap cannot be scheduled gets None."""
    return {goal.id: schedule_or_none(goal, today) for goal in goals}


def plan_text(plan: MilestonePlan) -> str:
    """One milestone's plan in words: `2026-03-02 → due 2026-03-14 · critical · overdue`."""
    if plan.completed or plan.planned_start is None or plan.planned_due is None:
        return "done"
    parts = [f"{plan.planned_start.isoformat()} → due {plan.planned_due.isoformat()}{' (fixed)' if plan.fixed_due else ''}"]
    if plan.critical:
        parts.append("critical")
    if plan.overdue:
        parts.append("overdue")
    elif plan.late:
        parts.append(f"{_days(-plan.slack_days)} late")
    if plan.duration is not None and plan.duration.guessed:
        parts.append("estimate guessed as 1 week")
    return " · ".join(parts)
