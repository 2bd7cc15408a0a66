"""The window says the schedule's facts through Qt's translation; in English it says exactly what
the domain says to the CLI and the API (singular forms included, from the English catalogue)."""

from datetime import date, timedelta

import pytest

from goals_desktop.domain.durations import parse_duration
from goals_desktop.domain.rules import days_left_text
from goals_desktop.domain.schedule import GoalSignal, goal_signal, plan_text, schedule_or_none
from goals_desktop.ui.words import words
from tests.ui.plan_data import TODAY, populated_service


@pytest.fixture
def plan_goal(tmp_path, qapp):
    service, goal_id = populated_service(tmp_path)
    yield service.get_goal(goal_id)
    service.db.close()


def test_plans_and_signals_read_as_the_domain_writes_them(plan_goal):
    today = date.fromisoformat(TODAY)
    schedule = schedule_or_none(plan_goal, today)
    assert schedule.milestones
    for plan in schedule.milestones.values():
        assert words().plan(plan) == plan_text(plan)
    signal = goal_signal(plan_goal, today, schedule)
    assert words().signal_full(signal) == signal.full_text()
    for kind, days in (("behind", 1), ("behind", 4), ("ahead", 1), ("ahead", 12)):
        text = f"{days} day{'s' if days != 1 else ''} {'behind' if kind == 'behind' else 'to spare'}"
        assert words().signal(GoalSignal(kind, text, today, days)) == text


@pytest.mark.parametrize("offset", [-3, -1, 0, 1, 2, 40])
def test_days_left_reads_as_the_domain_writes_it(qapp, offset):
    today = date.fromisoformat(TODAY)
    target = (today + timedelta(days=offset)).isoformat()
    from datetime import datetime

    assert words().days_left(target, today) == days_left_text(target, datetime.combine(today, datetime.min.time()))


@pytest.mark.parametrize("estimate", ["1 day", "3 days", "1 week", "2 weeks", "1 month", "2 months", "1 year", "soon-ish", "ongoing"])
def test_durations_read_as_the_domain_writes_them(qapp, estimate):
    duration = parse_duration(estimate)
    assert words().duration(duration) == duration.describe()
