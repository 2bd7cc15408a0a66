"""A milestone's footer line (its due date, then its estimate) fitted to its box."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetricsF

from goals_desktop.domain.models import Node
from goals_desktop.domain.schedule import MilestonePlan
from goals_desktop.ui.words import date_text, short_date

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text") calls)

META_SEPARATOR = " · "


def fit_footer(parts: list[tuple[str, ...]], metrics: QFontMetricsF, width: float) -> str:
    """The footer that fits in width without cutting a word. parts are in priority order, each with
    its wordings from the longest: every part is shown if some wording of them fits (the lower parts
    shortened first), else the lowest part is left out and so on ("overdue since 8 May · ≈ 2 weeks",
    "overdue 8 May · ≈ 2 weeks", "overdue since 8 May", "overdue 8 May"). Only when no wording of the
    first part fits alone does it lose words from its end ("…")."""
    if not parts:
        return ""
    for keep in range(len(parts), 0, -1):
        for wording in itertools.product(*(range(len(choices)) for choices in parts[:keep])):
            text = META_SEPARATOR.join(choices[i] for choices, i in zip(parts, wording))
            if metrics.horizontalAdvance(text) <= width:
                return text
    words = parts[0][-1].split(" ")
    while len(words) > 1:
        words.pop()
        text = " ".join(words).rstrip(" ,;:-–—·") + "…"
        if metrics.horizontalAdvance(text) <= width:
            return text
    return metrics.elidedText(parts[0][-1], Qt.TextElideMode.ElideRight, width)  # one word longer than the line


def footer_choices(node: Node, plan: MilestonePlan | None, preview: bool, today) -> list[tuple[str, ...]]:
    """A milestone's footer parts by priority (its due date, then its estimate), each its wordings
    from the longest to the shortest, for fit_footer."""
    parts: list[tuple[str, ...]] = []
    if preview:
        parts.append((translate("NodeItem", "generating…"),))
    plan = plan if plan is not None and not plan.completed else None
    if plan is not None and plan.planned_due is not None:
        due = short_date(plan.planned_due, today)
        due_on = translate("NodeItem", "due {date}").format(date=due)
        if plan.overdue:
            parts.append((translate("NodeItem", "overdue since {date}").format(date=due), translate("NodeItem", "overdue {date}").format(date=due)))
        else:
            parts.append((translate("NodeItem", "due {date} (late)").format(date=due), due_on) if plan.late else (due_on,))
    elif node.due_date:
        parts.append((translate("NodeItem", "due {date}").format(date=date_text(node.due_date)),))
    duration = plan.duration if plan is not None else None
    if duration is not None and (duration.guessed or duration.ongoing):
        # Words, not a colour: the estimate was not understood and counts as a week.
        if duration.ongoing:
            parts.append((translate("NodeItem", "ongoing, ≈ 1 week?"), translate("NodeItem", "ongoing")))
        else:
            parts.append((translate("NodeItem", "≈ 1 week?"),))
    elif node.estimated_time:
        parts.append((f"≈ {node.estimated_time}",))
    return parts
