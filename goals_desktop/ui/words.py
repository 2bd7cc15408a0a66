"""The schedule's words as the window shows them, in the user's language.

The domain words its facts in English for the CLI and the API (`GoalSignal.text`, `plan_text`,
`days_left_text`, `Duration.describe`); the window says the same from the same numbers through
Qt's translation, with plurals by `%n` and dates through QLocale. In English both read alike.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QObject

from goals_desktop.domain.durations import Duration
from goals_desktop.domain.schedule import GoalSignal, MilestonePlan

# Goal statuses as a person reads them: lower case in a sentence or a choice, capitalised alone.
STATUS_WORDS = {
    "active": QT_TRANSLATE_NOOP("Status", "active"),
    "completed": QT_TRANSLATE_NOOP("Status", "completed"),
    "abandoned": QT_TRANSLATE_NOOP("Status", "abandoned"),
}
STATUS_TITLES = {
    "active": QT_TRANSLATE_NOOP("Status", "Active"),
    "completed": QT_TRANSLATE_NOOP("Status", "Completed"),
    "abandoned": QT_TRANSLATE_NOOP("Status", "Abandoned"),
}


def status_word(status: str) -> str:
    return QCoreApplication.translate("Status", STATUS_WORDS.get(status, status))


def status_title(status: str) -> str:
    return QCoreApplication.translate("Status", STATUS_TITLES.get(status, status.capitalize()))


def date_text(day: date | str | None) -> str:
    """A day as the user's language writes it (the translation picks the format; English keeps ISO)."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return QLocale().toString(QDate(day.year, day.month, day.day), date_format())


def short_date(day: date, today: date | None = None) -> str:
    """18 Mar (this year) or 18 Mar 2027: short enough for a milestone's box or a timeline flag."""
    if today is not None and day.year == today.year:
        pattern = QCoreApplication.translate("Words", "d MMM", "short date in this year; German: d. MMM")
    else:
        pattern = QCoreApplication.translate("Words", "d MMM yyyy", "short date; German: d. MMM yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def date_format() -> str:
    """The QDate format of the user's language (for QDateEdit.setDisplayFormat too)."""
    return QCoreApplication.translate("Words", "yyyy-MM-dd", "date format (QDate::toString); German: dd.MM.yyyy")


def number_text(value: int) -> str:
    """1,234 in English (as Python writes it), 1.234 in German: the locale's digit grouping."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{value:,}"
    return locale.toString(int(value))


def percent_text(value: int | float) -> str:
    return QCoreApplication.translate("Words", "{number}%").format(number=QLocale().toString(int(round(value))))


# Sentences the core says in English (for the CLI and the API too) that the window shows as they are.
CORE_SENTENCES = {
    text: text
    for text in (
        QT_TRANSLATE_NOOP("CoreSentences", "The API key is stored in the system keyring."),
        QT_TRANSLATE_NOOP("CoreSentences", "No system keyring is available, so the API key is kept for this session only."),
        QT_TRANSLATE_NOOP("CoreSentences", "Choose a provider or enter a base URL first."),
        QT_TRANSLATE_NOOP("CoreSentences", "Connecting to model..."),
        QT_TRANSLATE_NOOP("CoreSentences", "Generating roadmap..."),
        QT_TRANSLATE_NOOP("CoreSentences", "The connection to the model server dropped before the roadmap was finished."),
        QT_TRANSLATE_NOOP("CoreSentences", "The model stopped because it reached its output limit before the roadmap was finished."),
    )
}
_CORE_PATTERNS = (
    (re.compile(r"Connected to (?P<url>.+) \((?P<n>\d+) models? available\)\.", re.S), "connected"),
    (re.compile(r"Connected, but the server has no model named (?P<model>.+)\.", re.S), "no_such_model"),
    (re.compile(r"Rate limited; retrying in (?P<delay>[\d.]+) s\.\.\."), "rate_limited"),
)


def core_sentence(text: str) -> str:
    """A sentence from the core in the user's language, when it is one the window knows."""
    if text in CORE_SENTENCES:
        return QCoreApplication.translate("CoreSentences", text)
    for pattern, name in _CORE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return getattr(words(), f"_core_{name}")(**match.groupdict())
    return text


class Words(QObject):
    """A QObject for tr(): lupdate reads plural forms (`%n`) only from tr()."""

    def days(self, count: int) -> str:
        return self.tr("%n days", "", count)

    def span(self, days: int) -> str:
        """3 days, 2 weeks, 1 month, 2 years: the largest whole unit that fits exactly (durations.format_days)."""
        if days and days % 365 == 0:
            return self.tr("%n years", "", days // 365)
        if days and days % 30 == 0:
            return self.tr("%n months", "", days // 30)
        if days and days % 7 == 0:
            return self.tr("%n weeks", "", days // 7)
        return self.tr("%n days", "", days)

    def duration(self, duration: Duration) -> str:
        """3 weeks, ongoing (counted as 1 week), 1 week (a guess)."""
        if duration.ongoing:
            return self.tr("ongoing (counted as {span})").format(span=self.span(duration.days))
        if duration.guessed:
            return self.tr("{span} (a guess)").format(span=self.span(duration.days))
        return self.span(duration.days)

    def signal(self, signal: GoalSignal) -> str:
        if signal.kind == "behind":
            return self.tr("%n days behind", "", signal.days)
        if signal.kind == "ahead":
            return self.tr("%n days to spare", "", signal.days)
        return {
            "on_track": self.tr("On track"),
            "done": self.tr("Done"),
            "abandoned": self.tr("Abandoned"),
            "no_plan": self.tr("No roadmap yet"),
        }.get(signal.kind, signal.text)

    def signal_full(self, signal: GoalSignal) -> str:
        """The signal and, while there is work left, the projected finish."""
        if signal.projected_finish is None or signal.kind in ("done", "abandoned", "no_plan"):
            return self.signal(signal)
        return self.tr("{signal} · finish {date}").format(signal=self.signal(signal), date=date_text(signal.projected_finish))

    def days_left(self, target_date: str | None, today: date) -> str:
        """12 days left, 1 day left, due today, 3 days overdue."""
        if not target_date:
            return ""
        days = (date.fromisoformat(target_date[:10]) - today).days
        if days > 0:
            return self.tr("%n days left", "", days)
        if days == 0:
            return self.tr("due today")
        return self.tr("%n days overdue", "", -days)

    # Undo steps' names (Edit ▸ Undo …).
    def moved_milestones(self, count: int) -> str:
        return self.tr("Move milestone") if count == 1 else self.tr("Move %n milestones", "", count)

    def checked_off(self, completed: bool, label: str) -> str:
        return (self.tr("Check off “{label}”") if completed else self.tr("Reopen “{label}”")).format(label=label)

    def checked_off_many(self, completed: bool, count: int) -> str:
        return self.tr("Check off %n milestones", "", count) if completed else self.tr("Reopen %n milestones", "", count)

    def deleted_milestones(self, count: int) -> str:
        return self.tr("Delete milestone") if count == 1 else self.tr("Delete %n milestones", "", count)

    def deleted_milestones_and_links(self, milestones: int, links: int) -> str:
        return self.tr("Delete {milestones} milestone(s) and {links} link(s)").format(milestones=milestones, links=links)

    def removed_links(self, count: int) -> str:
        return self.tr("Remove link") if count == 1 else self.tr("Remove %n links", "", count)

    def milestones_done(self, done: int, total: int) -> str:
        return self.tr("{done} of %n milestones done", "", total).format(done=done)

    def keep_received(self, count: int) -> str:
        return self.tr("Keep the %n milestones received so far?", "", count)

    def received_milestones(self, count: int) -> str:
        return self.tr("Received %n milestones…", "", count)

    def _core_rate_limited(self, delay: str) -> str:
        return self.tr("Rate limited; retrying in {delay} s...").format(delay=delay)

    def _core_connected(self, url: str, n: str) -> str:
        return self.tr("Connected to {url} (%n models available).", "", int(n)).format(url=url)

    def _core_no_such_model(self, model: str) -> str:
        return self.tr("Connected, but the server has no model named {model}.").format(model=model)

    def plan(self, plan: MilestonePlan) -> str:
        """One milestone's plan: `2026-03-02 → due 2026-03-14 · critical · overdue`."""
        if plan.completed or plan.planned_start is None or plan.planned_due is None:
            return self.tr("done")
        start, due = date_text(plan.planned_start), date_text(plan.planned_due)
        if plan.fixed_due:
            parts = [self.tr("{start} → due {due} (fixed)").format(start=start, due=due)]
        else:
            parts = [self.tr("{start} → due {due}").format(start=start, due=due)]
        if plan.critical:
            parts.append(self.tr("critical"))
        if plan.overdue:
            parts.append(self.tr("overdue"))
        elif plan.late:
            parts.append(self.tr("%n days late", "", -plan.slack_days))
        if plan.duration is not None and plan.duration.guessed:
            parts.append(self.tr("estimate guessed as 1 week"))
        return " · ".join(parts)


_words: Words | None = None


def words() -> Words:
    """The one word-maker (made on first use: a QObject wants the application to exist)."""
    global _words
    if _words is None:
        _words = Words()
    return _words
