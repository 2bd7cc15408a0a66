"""Rules the CLI and the API share, once, below both faces: subtask references, a milestone link
needing its goal, and the schedule or none."""

from __future__ import annotations

from datetime import date

import pytest

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Roadmap
from goals_desktop.domain.schedule import schedule_or_none
from goals_desktop.domain.todos import check_links, subtask_reference


@pytest.mark.parametrize(("text", "expected"), [("1", 0), (" 12 ", 11), ("subtask_ab12", "subtask_ab12"), ("step-one", "step-one")])
def test_a_subtask_is_named_by_its_number_or_its_id(text, expected):
    assert subtask_reference(text) == expected


@pytest.mark.parametrize("text", ["²", "٣", "-1", "1.5", "+2", "1,000", "١٢"])
def test_what_looks_like_a_number_but_is_not_one_from_1_is_refused(text):
    with pytest.raises(ValidationError, match="is not a subtask number"):
        subtask_reference(text)


@pytest.mark.parametrize("text", ["0", "00"])
def test_numbers_start_at_1(text):
    with pytest.raises(ValidationError, match="Subtask numbers start at 1"):
        subtask_reference(text)


@pytest.mark.parametrize("text", ["", "   ", None, 3])
def test_nothing_named_is_refused(text):
    with pytest.raises(ValidationError, match="Name a subtask"):
        subtask_reference(text)


def test_a_milestone_link_needs_its_goal():
    check_links(None, None)
    check_links("goal_1", None)
    check_links("goal_1", "node_1")
    with pytest.raises(ValidationError, match="must also name the milestone's goal"):
        check_links(None, "node_1")


def _goal(roadmap: Roadmap | None) -> Goal:
    return Goal("goal_1", "G", None, "2027-01-01T00:00:00Z", roadmap, 0, "active", "", "")


def test_the_schedule_or_none():
    today = date(2026, 6, 1)
    assert schedule_or_none(_goal(None), today) is None
    looped = Roadmap([Node("a", "A"), Node("b", "B")], [Edge("e1", "a", "b"), Edge("e2", "b", "a")])
    assert schedule_or_none(_goal(looped), today) is None  # a cycle has no schedule: none, not an error
    plain = Roadmap([Node("a", "A", estimated_time="1 week")], [])
    assert schedule_or_none(_goal(plain), today).projected_finish == date(2026, 6, 7)
