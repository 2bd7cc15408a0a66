"""Reading a milestone's estimated time as models and people write it, in days.

`3 weeks`, `2-3 weeks` (the upper bound), `10 days`, `1 month`, `1.5 months`, `1 year 6 months`,
`a weekend`, `2 hrs`, `3+ months`, `a few weeks`, `ongoing`. What cannot be read counts as
DEFAULT_DAYS and says so (`guessed`), so the window can mark it. Never raises; for one way of
writing, a bigger number never gives fewer days.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

DEFAULT_DAYS = 7
# A hundred years: anything longer is a slip of the keyboard, and dates computed from it stay valid.
MAX_DAYS = 36_500
# Work hours in a day: "20 hours" of study is about 3 days of work, not 20 hours of calendar time.
HOURS_PER_DAY = 8
_MAX_TEXT = 2_000

# Days per unit; longest spellings first so the regex alternation prefers them.
_UNITS: dict[str, float] = {}
for _days, _names in (
    (1, "days day dys dy d"),
    (7, "weeks week wks wk w"),
    (14, "fortnights fortnight"),
    (2, "weekends weekend"),
    (30, "months month mths mth mos mon mo"),
    (91, "quarters quarter"),
    (365, "years year yrs yr y"),
    (1, "afternoons afternoon evenings evening mornings morning nights night"),
    (1 / HOURS_PER_DAY, "hours hour hrs hr h"),
    (1 / (HOURS_PER_DAY * 60), "minutes minute mins min"),
):
    for _name in _names.split():
        _UNITS[_name] = _days

_WORD_NUMBERS: dict[str, float] = {
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3, "several": 4,
    "half an": 0.5, "half a": 0.5, "half": 0.5, "an": 1, "a": 1, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90,
}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|(?:" + _alternation(_WORD_NUMBERS) + r")(?![\w])"
_QUANTITY = re.compile(
    r"(?<![\w.])(?P<num>" + _NUMBER + r")(?:\s*\+)?"
    # A range: "2-3", "2 to 3", "2 or 3", "between 2 and 3" -- the upper bound counts.
    r"(?:\s*(?:-|to|or|~|and)\s*(?P<upper>" + _NUMBER + r"))?"
    r"[\s-]*(?:(?:full|more|calendar|business|working|solid|intensive|additional|extra|of)\s+)*"
    r"(?P<unit>" + _alternation(_UNITS) + r")(?![\w])"
    r"(?P<half>\s+and\s+a\s+half)?"
)
# "2 hours per day", "3 times a week", "1 hour/day": a rate, not a length.
_RATE_AFTER = re.compile(
    r"\s*(?:(?:/|per\b|an?\b|each\b|every\b)\s*(?:day|week|wk|month|mo|year|yr|night|evening|session|weekday)"
    r"|(?:daily|weekly|monthly|nightly)\b)"
)
_RATE_BEFORE = re.compile(r"(?:every|each|per)\s*$")
_SUM_JOINER = re.compile(r"^\s*(?:,|and|\+|plus|,\s*and)?\s*$")
_RANGE_JOINER = re.compile(r"^\s*(?:-|to|or|~|up\s+to)\s*$")
_ONGOING = re.compile(
    r"\b(?:ongoing|on-going|continuous(?:ly)?|continual|throughout|forever|indefinite(?:ly)?|as\s+needed|"
    r"lifelong|life-long|open[- ]ended|never[- ]ending|daily\s+habit|habit|permanent(?:ly)?|always)\b"
)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


@dataclass(frozen=True, slots=True)
class Duration:
    """days: how many days the estimate stands for; guessed: nothing readable, DEFAULT_DAYS stands
    in; ongoing: open-ended work ("ongoing"), DEFAULT_DAYS stands in for its first stretch."""

    days: int
    guessed: bool = False
    ongoing: bool = False

    def describe(self) -> str:
        """Words for people: `3 weeks`, `ongoing (counted as 1 week)`, `1 week (a guess)`."""
        if self.ongoing:
            return f"ongoing (counted as {format_days(self.days)})"
        if self.guessed:
            return f"{format_days(self.days)} (a guess)"
        return format_days(self.days)


GUESS = Duration(DEFAULT_DAYS, guessed=True)
ONGOING = Duration(DEFAULT_DAYS, ongoing=True)


def parse_duration(value: Any) -> Duration:
    """An estimated time (any value, usually text) as a Duration. Never raises."""
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return GUESS
        value = f"{value} days" if math.isfinite(value) and value >= 0 else ""
    return _parse_text(value[:_MAX_TEXT])


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> Duration:
    text = text.translate(_DASHES).casefold().strip()
    if not text:
        return GUESS
    pieces: list[tuple[int, int, float]] = []  # (start, end, days) of each length found, in order
    for match in _QUANTITY.finditer(text):
        if _RATE_AFTER.match(text, match.end()) or _RATE_BEFORE.search(text, 0, match.start()):
            continue
        number = max(_number(match.group("num")), _number(match.group("upper")))
        if match.group("half"):
            number += 0.5
        pieces.append((match.start(), match.end(), number * _UNITS[_unit_key(match.group("unit"))]))
    if not pieces:
        return ONGOING if _ONGOING.search(text) else GUESS
    total = _combine(text, pieces)
    total = min(round(total, 6), MAX_DAYS)
    return Duration(int(math.ceil(total)))


def _combine(text: str, pieces: list[tuple[int, int, float]]) -> float:
    """Lengths joined by "and"/"+"/nothing, biggest unit first ("1 year 6 months"), add up; a
    range ("3 weeks - 1 month") keeps its upper end; anything else is an alternative, and the
    longest one counts."""
    best = 0.0
    group = pieces[0][2]
    previous = pieces[0]
    for piece in pieces[1:]:
        between = text[previous[1] : piece[0]]
        if _RANGE_JOINER.match(between):
            group = max(group, piece[2])
        elif _SUM_JOINER.match(between) and piece[2] <= previous[2]:
            group += piece[2]
        else:
            best = max(best, group)
            group = piece[2]
        previous = piece
    return max(best, group)


def _unit_key(unit: str) -> str:
    return unit if unit in _UNITS else unit.rstrip(".")


def _number(text: str | None) -> float:
    if not text:
        return 0.0
    words = " ".join(text.split())
    if words in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[words])
    try:
        return float(words.replace(",", ""))
    except (ValueError, OverflowError):
        return 0.0


def format_days(days: int) -> str:
    """3 days, 2 weeks, 1 month, 2 years: the largest whole unit that fits exactly."""
    for size, name in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days and days % size == 0:
            count = days // size
            return f"{count} {name}{'s' if count != 1 else ''}"
    return "0 days"
