"""A clock the tests move by hand, so nothing waits for the real one to tick past a second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from goals_desktop.domain import rules


class Clock:
    """Every timestamp the service writes (rules.utc_now) reads this clock while it is installed."""

    def __init__(self, start: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)) -> None:
        self.now = start

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def utc_now(self) -> str:
        return rules.format_timestamp(self.now)

    def install(self, monkeypatch) -> Clock:
        monkeypatch.setattr(rules, "utc_now", self.utc_now)
        return self
