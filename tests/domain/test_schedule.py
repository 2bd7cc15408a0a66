"""The milestone schedule, on plain domain objects with hand-computed answers (today is fixed)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Roadmap
from goals_desktop.domain.schedule import compute_schedule, goal_dict_with_schedule, goal_signal

TODAY = date(2026, 3, 2)


def roadmap(estimates: dict[str, str], links: list[tuple[str, str]], done=(), due=None) -> Roadmap:
    due = due or {}
    nodes = [
        Node(id=i, label=f"Milestone {i}", completed=i in done, estimated_time=t, due_date=due.get(i))
        for i, t in estimates.items()
    ]
    return Roadmap(nodes, [Edge(f"e{n}", s, t) for n, (s, t) in enumerate(links)])


def goal(road: Roadmap | None, target: str | None = "2026-03-31T00:00:00Z", status="active") -> Goal:
    return Goal("goal_1", "Plan", None, target, road, 0, status, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")


# A (1 week) -> B (2 weeks) -> D (3 days); A -> C (10 days) -> D; E (2 days) on its own.
DIAMOND = {"A": "1 week", "B": "2 weeks", "C": "10 days", "D": "3 days", "E": "a weekend"}
DIAMOND_LINKS = [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")]


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_critical_path_projected_finish_due_dates_and_slack():
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS), "2026-03-31T00:00:00Z", TODAY)
    plans = s.milestones
    # Forward (day 0 = 2 March): A days 0-6, B 7-20, C 7-16, D 21-23, E 0-1: the work ends on 25 March.
    assert [(plans[i].planned_start, plans[i].work_finish) for i in "ABCDE"] == [
        (day(0), day(6)), (day(7), day(20)), (day(7), day(16)), (day(21), day(23)), (day(0), day(1)),
    ]
    assert s.projected_finish == date(2026, 3, 25)
    assert s.critical_path == ("A", "B", "D")
    assert [i for i in "ABCDE" if plans[i].critical] == ["A", "B", "D"]
    # Backward from 31 March: D due the 31st, B and C by the 28th (D needs 3 days), A by the 14th.
    assert [plans[i].planned_due for i in "ABCDE"] == [
        date(2026, 3, 14), date(2026, 3, 28), date(2026, 3, 28), date(2026, 3, 31), date(2026, 3, 31),
    ]
    assert [plans[i].slack_days for i in "ABCDE"] == [6, 6, 10, 6, 28]
    assert (s.slack_days, s.on_track) == (6, True)
    assert s.to_dict() == {"projected_finish": "2026-03-25", "slack_days": 6, "on_track": True}
    signal = goal_signal(goal(roadmap(DIAMOND, DIAMOND_LINKS)), TODAY)
    assert (signal.kind, signal.text, signal.full_text()) == ("ahead", "6 days to spare", "6 days to spare · finish 2026-03-25")


def test_without_a_target_the_plan_ends_at_the_projected_finish():
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS), None, TODAY)
    assert s.slack_days == 0 and s.on_track
    assert s.milestones["D"].planned_due == s.projected_finish == date(2026, 3, 25)
    assert s.milestones["C"].slack_days == 4
    assert goal_signal(goal(roadmap(DIAMOND, DIAMOND_LINKS), None), TODAY).text == "On track"


def test_a_target_too_close_makes_the_goal_behind_and_early_milestones_overdue():
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS), "2026-03-20", TODAY)
    assert (s.slack_days, s.on_track) == (-5, False)
    assert s.milestones["D"].slack_days == -5
    # A must be done by 3 March for that: not overdue yet, but its week of work cannot fit.
    assert s.milestones["A"].planned_due == date(2026, 3, 3) and s.milestones["A"].late
    assert not s.milestones["A"].overdue
    signal = goal_signal(goal(roadmap(DIAMOND, DIAMOND_LINKS), "2026-03-20"), TODAY)
    assert (signal.kind, signal.text) == ("behind", "5 days behind")
    past = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS), "2026-03-01", TODAY)
    assert past.milestones["D"].overdue and past.milestones["A"].overdue
    assert past.slack_days == -24


def test_completed_milestones_take_no_time():
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS, done={"A"}), "2026-03-31", TODAY)
    plans = s.milestones
    assert plans["A"].completed and plans["A"].planned_start is None and plans["A"].planned_due is None
    assert not plans["A"].critical
    assert (plans["B"].planned_start, plans["C"].planned_start) == (TODAY, TODAY)
    assert plans["D"].planned_start == day(14)
    assert s.projected_finish == day(16)
    assert s.critical_path == ("B", "D")


def test_a_completed_milestone_does_not_make_its_followers_wait_for_open_ones_before_it():
    # X (open, 5 days) -> Y (done) -> Z (open, 2 days): Z can start today.
    s = compute_schedule(roadmap({"X": "5 days", "Y": "1 week", "Z": "2 days"}, [("X", "Y"), ("Y", "Z")], done={"Y"}), None, TODAY)
    assert s.milestones["Z"].planned_start == TODAY
    assert s.critical_path == ("X",)
    assert s.projected_finish == day(4)


def test_all_done_or_no_roadmap():
    done = compute_schedule(roadmap({"A": "1 week"}, [], done={"A"}), "2026-03-31", TODAY)
    assert (done.projected_finish, done.slack_days, done.on_track, done.critical_path) == (TODAY, 29, True, ())
    assert goal_signal(goal(roadmap({"A": "1 week"}, [], done={"A"})), TODAY).text == "Done"
    assert compute_schedule(None, "2026-03-31", TODAY) is None
    assert compute_schedule(Roadmap(), "2026-03-31", TODAY) is None
    assert goal_signal(goal(None), TODAY).text == "No roadmap yet"
    assert goal_signal(goal(roadmap(DIAMOND, DIAMOND_LINKS), status="abandoned"), TODAY).text == "Abandoned"


def test_a_fixed_due_date_later_than_needed_holds_its_followers_back():
    # The user plans C for 27 March: D waits for it; C now decides the finish, B and A do not.
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS, due={"C": "2026-03-27T00:00:00Z"}), "2026-03-31", TODAY)
    plans = s.milestones
    assert plans["C"].fixed_due and plans["C"].planned_due == date(2026, 3, 27)
    assert plans["C"].slack_days == 9  # its work (9-18 March) fits well before its date
    assert plans["D"].planned_start == date(2026, 3, 28)
    assert s.projected_finish == date(2026, 3, 30)
    assert s.critical_path == ("C", "D")
    # B still only has to be ready for D's latest start; A for B's.
    assert plans["B"].planned_due == date(2026, 3, 28) and plans["A"].planned_due == date(2026, 3, 14)
    assert (s.slack_days, s.on_track) == (1, True)


def test_a_fixed_due_date_too_early_makes_the_milestone_late():
    s = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS, due={"C": "2026-03-10"}), "2026-03-31", TODAY)
    plans = s.milestones
    assert plans["C"].planned_due == date(2026, 3, 10) and plans["C"].late
    assert plans["C"].slack_days == -8  # its 10 days of work end on the 18th
    # To make C's date, A had to be done by 28 February: already overdue.
    assert plans["A"].planned_due == date(2026, 2, 28) and plans["A"].overdue
    assert s.projected_finish == date(2026, 3, 25)  # D still waits only for the real work
    # The goal still finishes 6 days before its target: the miss shows on C, not on the goal.
    assert (s.slack_days, s.on_track) == (6, True)
    no_target = compute_schedule(roadmap(DIAMOND, DIAMOND_LINKS, due={"C": "2026-03-10"}), None, TODAY)
    assert (no_target.slack_days, no_target.on_track) == (-8, False)


def test_a_fixed_date_in_the_past_is_overdue():
    s = compute_schedule(roadmap({"A": "2 days"}, [], due={"A": "2026-02-20"}), None, TODAY)
    assert s.milestones["A"].overdue and s.milestones["A"].slack_days == -11
    assert not s.on_track


def test_unreadable_estimates_count_as_a_week_and_zero_as_one_day():
    s = compute_schedule(roadmap({"A": "whenever", "B": "0 days"}, [("A", "B")]), None, TODAY)
    assert s.milestones["A"].duration.guessed and s.milestones["A"].days == 7
    assert s.milestones["B"].days == 1
    assert s.projected_finish == day(7)


def test_cycles_and_unknown_ends_are_refused():
    with pytest.raises(ValidationError, match="cycle"):
        compute_schedule(roadmap({"A": "1 day", "B": "1 day", "C": "1 day"}, [("A", "B"), ("B", "C"), ("C", "A")]), None, TODAY)
    with pytest.raises(ValidationError, match="cycle"):
        # Even through a completed milestone.
        compute_schedule(roadmap({"A": "1 day", "B": "1 day"}, [("A", "B"), ("B", "A")], done={"A"}), None, TODAY)
    with pytest.raises(ValidationError, match="unknown"):
        compute_schedule(roadmap({"A": "1 day"}, [("A", "nope")]), None, TODAY)
    assert goal_signal(goal(roadmap({"A": "1 day", "B": "1 day"}, [("A", "B"), ("B", "A")])), TODAY).kind == "no_plan"


def test_absurd_estimates_stay_within_the_calendar():
    chain = {str(i): "99999 years" for i in range(400)}
    s = compute_schedule(roadmap(chain, [(str(i), str(i + 1)) for i in range(399)]), "2026-12-31", TODAY)
    assert s.projected_finish == date.max
    assert not s.on_track


def test_goal_json_keeps_the_seed_shape_and_adds_the_schedule():
    g = goal(roadmap(DIAMOND, DIAMOND_LINKS, done={"E"}))
    plain = g.to_dict()
    data = goal_dict_with_schedule(g, TODAY)
    assert set(data) == set(plain) | {"schedule"}
    assert data["schedule"] == {"projected_finish": "2026-03-25", "slack_days": 6, "on_track": True}
    by_id = {n["id"]: n for n in data["roadmap"]["nodes"]}
    assert {k: by_id["A"][k] for k in ("planned_start", "planned_due", "critical")} == {
        "planned_start": "2026-03-02", "planned_due": "2026-03-14", "critical": True,
    }
    assert {k: by_id["E"][k] for k in ("planned_start", "planned_due", "critical")} == {
        "planned_start": None, "planned_due": None, "critical": False,
    }
    for key in plain["roadmap"]["nodes"][0]:
        assert by_id["A"][key] == plain["roadmap"]["nodes"][0][key]
    assert goal_dict_with_schedule(goal(None), TODAY)["schedule"] is None


@st.composite
def dags(draw):
    count = draw(st.integers(min_value=1, max_value=25))
    ids = [f"n{i}" for i in range(count)]
    links = draw(st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] < p[1]), max_size=60))
    estimates = {i: draw(st.sampled_from(["1 day", "3 days", "1 week", "2-3 weeks", "1 month", "soon", "2 hrs"])) for i in ids}
    done = draw(st.sets(st.sampled_from(ids), max_size=count))
    due = draw(st.dictionaries(st.sampled_from(ids), st.integers(-20, 120).map(lambda n: (TODAY + timedelta(days=n)).isoformat()), max_size=3))
    order = draw(st.permutations(ids))  # node order in the roadmap does not matter
    road = roadmap({i: estimates[i] for i in order}, [(ids[a], ids[b]) for a, b in sorted(links)], done=done, due=due)
    target = draw(st.one_of(st.none(), st.integers(-10, 200).map(lambda n: TODAY + timedelta(days=n))))
    return road, target


@given(dags())
@settings(max_examples=200, deadline=None)
def test_schedule_invariants_on_random_dags(case):
    road, target = case
    s = compute_schedule(road, target, TODAY)
    plans = s.milestones
    open_plans = [p for p in plans.values() if not p.completed]
    for edge in road.edges:
        before, after = plans[edge.source], plans[edge.target]
        if before.completed or after.completed:
            continue
        # A milestone starts after the work of what it depends on, and after its fixed date.
        assert after.planned_start > before.work_finish
        if before.fixed_due:
            assert after.planned_start > before.planned_due
        if not before.fixed_due:
            # What it depends on is due in time for its own work.
            assert before.planned_due <= after.planned_due - timedelta(days=after.days)
    for plan in open_plans:
        assert plan.planned_start >= TODAY
        assert (plan.planned_due - plan.work_finish).days == plan.slack_days
        assert plan.overdue == (plan.planned_due < TODAY)
    if open_plans:
        ends = [max(p.work_finish, p.planned_due if p.fixed_due else p.work_finish) for p in open_plans]
        assert s.projected_finish == max(ends)
        assert s.critical_path and all(plans[i].critical for i in s.critical_path)
        if target is not None:
            assert s.slack_days == (target - s.projected_finish).days
        else:
            assert s.slack_days == min(0, min(p.slack_days for p in open_plans))
        if not any(p.fixed_due for p in open_plans):
            assert s.slack_days == min(p.slack_days for p in open_plans)
            # The critical path is a chain of back-to-back milestones from today to the finish.
            first, last = plans[s.critical_path[0]], plans[s.critical_path[-1]]
            assert last.work_finish == s.projected_finish
            assert sum(plans[i].days for i in s.critical_path) >= (s.projected_finish - TODAY).days + 1
            assert first.planned_start == TODAY
