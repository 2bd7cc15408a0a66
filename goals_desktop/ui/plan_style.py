"""Colours for the plan (on-track signal, overdue, critical path), from the palette so light and
dark themes both read well. Colour is never the only cue: every use also shows words."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from goals_desktop.domain.schedule import GoalSignal


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def good(palette: QPalette) -> QColor:
    return QColor("#2b8a3e") if not is_dark(palette) else QColor("#69db7c")


def bad(palette: QPalette) -> QColor:
    return QColor("#c92a2a") if not is_dark(palette) else QColor("#ff8787")


def warning(palette: QPalette) -> QColor:
    return QColor("#d9480f") if not is_dark(palette) else QColor("#ffa94d")


def critical(palette: QPalette) -> QColor:
    return QColor("#ae3ec9") if not is_dark(palette) else QColor("#e599f7")


def signal_colour(signal: GoalSignal | None, palette: QPalette) -> QColor:
    kind = signal.kind if signal is not None else "no_plan"
    if kind in ("ahead", "on_track", "done"):
        return good(palette)
    if kind == "behind":
        return bad(palette)
    # Neutral: the text colour faded toward the background (opaque, so style sheets can use it).
    text, window = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 3 + window.red() * 2) // 5, (text.green() * 3 + window.green() * 2) // 5, (text.blue() * 3 + window.blue() * 2) // 5
    )
