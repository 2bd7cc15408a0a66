"""Planned due dates from the schedule fill in where a milestone has no due date of its own."""

from __future__ import annotations

import copy
from datetime import date

from icalendar import Calendar

from goals_desktop.domain import rules
from goals_desktop.domain.models import Edge, Goal, Node, Roadmap
from goals_desktop.exchange import export_bytes, planned_due_dates

from .plans import DATED_PLAN, PLANNED, PLANNED_WITHOUT_TARGET

TODAY = date(2026, 3, 2)


def dated_goal(**changes) -> Goal:
    data = {**copy.deepcopy(DATED_PLAN), **changes}
    roadmap = data.pop("roadmap")
    if isinstance(roadmap, dict):
        roadmap = rules.roadmap_from_dict(roadmap)
    stamp = "2026-03-01T00:00:00Z"
    return Goal(id="goal_hedge", description=None, progress=25, status="active", created_at=stamp, updated_at=stamp,
                roadmap=roadmap, **data)


def test_open_milestones_without_a_date_get_the_schedules_planned_due_date():
    # c keeps the date the user set (the writers use it), a is done: neither is in the map.
    assert planned_due_dates(dated_goal(), TODAY) == PLANNED
    # The planned dates are the schedule's: without a target, d is due at the projected finish.
    assert planned_due_dates(dated_goal(target_date=None), TODAY) == PLANNED_WITHOUT_TARGET


def test_no_roadmap_or_one_that_cannot_be_scheduled_gives_no_planned_dates():
    assert planned_due_dates(dated_goal(roadmap=None), TODAY) == {}
    looped = Roadmap([Node("x", "X"), Node("y", "Y")], [Edge("e1", "x", "y"), Edge("e2", "y", "x")])
    goal = dated_goal(roadmap=looped)
    assert planned_due_dates(goal, TODAY) == {}
    # The export still works, with no dates at all.
    assert Calendar.from_ical(export_bytes(goal, "ics", planned_due_dates(goal, TODAY))).walk("VEVENT") == []
