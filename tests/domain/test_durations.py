"""Reading estimated times: the forms models and people write, and properties over any text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goals_desktop.domain.durations import DEFAULT_DAYS, MAX_DAYS, Duration, format_days, parse_duration


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3 weeks", 21),
        ("2-3 weeks", 21),
        ("2–3 weeks", 21),
        ("2 to 3 weeks", 21),
        ("between 2 and 3 weeks", 21),
        ("10 days", 10),
        ("1 month", 30),
        ("6 months", 180),
        ("1.5 months", 45),
        ("1 year", 365),
        ("1 year 6 months", 545),
        ("1 month and 2 weeks", 44),
        ("3 weeks - 1 month", 30),
        ("a weekend", 2),
        ("2 hrs", 1),
        ("40 hours", 5),
        ("3+ months", 90),
        ("a few weeks", 21),
        ("a week and a half", 11),
        ("half a day", 1),
        ("2w", 14),
        ("6mo", 180),
        ("A 10-day course", 10),
        ("approximately 4-6 weeks (part-time)", 42),
        ("2 hours per day for 3 weeks", 21),
        ("0 days", 0),
        ("9" * 400 + " years", MAX_DAYS),
    ],
)
def test_common_estimates(text, days):
    assert parse_duration(text) == Duration(days)


@pytest.mark.parametrize("text", ["", "   ", "soon", "TBD", "5 hours per week", "every 2 weeks", None, [], {"a": 1}, float("nan")])
def test_unreadable_counts_as_a_week_marked_as_a_guess(text):
    duration = parse_duration(text)
    assert duration == Duration(DEFAULT_DAYS, guessed=True)
    assert duration.describe() == "1 week (a guess)"


@pytest.mark.parametrize("text", ["ongoing", "Ongoing, 30 minutes daily", "continuous practice"])
def test_open_ended_work_counts_as_a_week_and_says_so(text):
    duration = parse_duration(text)
    assert duration == Duration(DEFAULT_DAYS, ongoing=True)
    assert duration.describe() == "ongoing (counted as 1 week)"


def test_format_days_uses_the_largest_exact_unit():
    assert [format_days(d) for d in (0, 1, 3, 14, 30, 60, 365, 10)] == [
        "0 days", "1 day", "3 days", "2 weeks", "1 month", "2 months", "1 year", "10 days",
    ]


UNITS = ["days", "day", "weeks", "wk", "months", "mo", "years", "yr", "hours", "hrs", "minutes", "weekends", "fortnights"]
CONTEXTS = ["{} {}", "about {} {}", "~{} {} of practice", "{}{}", "roughly {} full {}, maybe less", "({} {})"]
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
)


@given(st.one_of(st.text(max_size=300), st.integers(), st.floats(), st.none(), st.lists(st.text(max_size=5))))
@settings(max_examples=400)
def test_never_raises_and_stays_in_range(value):
    duration = parse_duration(value)
    assert isinstance(duration.days, int)
    assert 0 <= duration.days <= MAX_DAYS
    assert not (duration.guessed and duration.ongoing)


@given(numbers, numbers, st.sampled_from(UNITS), st.sampled_from(CONTEXTS))
@settings(max_examples=400)
def test_monotone_in_the_number(a, b, unit, context):
    small, large = sorted((a, b), key=float)
    assert parse_duration(context.format(small, unit)).days <= parse_duration(context.format(large, unit)).days


@given(numbers, numbers, numbers, st.sampled_from(UNITS))
@settings(max_examples=300)
def test_a_range_counts_its_upper_bound_and_grows_with_it(low, a, b, unit):
    small, large = sorted((a, b), key=float)
    assert parse_duration(f"{low}-{small} {unit}").days <= parse_duration(f"{low}-{large} {unit}").days
    assert parse_duration(f"{low}-{large} {unit}").days == parse_duration(f"{max(low, large, key=float)} {unit}").days


@given(st.integers(min_value=0, max_value=10_000))
def test_bigger_units_never_give_fewer_days(n):
    days = [parse_duration(f"{n} {unit}").days for unit in ("hours", "days", "weeks", "months", "years")]
    assert days == sorted(days)
