"""The window's colours in one place: what each colour means, in a light and a dark theme, for the
goal list, the header, the canvas, the Timeline and the image exports alike. Everything else comes
from the widget palette (text, background, highlight), so any theme reads well; colour is never the
only cue (every use also shows words).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from goals_desktop.domain.schedule import GoalSignal

# (light theme, dark theme) per meaning.
GOOD = ("#2b8a3e", "#69db7c")  # done, on track, a completed goal
BAD = ("#c92a2a", "#ff8787")  # overdue, behind, a refused edit
WARNING = ("#d9480f", "#ffa94d")  # late but not yet overdue
CRITICAL = ("#ae3ec9", "#e599f7")  # the critical path
PREVIEW = ("#e8590c", "#ffa94d")  # milestones still being generated
TODAY = ("#1c7ed6", "#74c0fc")  # the Timeline's today line and a dragged due date

# The paper an image export is drawn on, whatever the desktop's theme.
PAPER = "#ffffff"
PAPER_SHADE = "#f3f3f3"
PAPER_TEXT = "#1e1e1e"
PAPER_MUTED_TEXT = "#5c5c5c"
PAPER_ACCENT = "#3874d8"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def themed(pair: tuple[str, str], palette: QPalette) -> QColor:
    """The light or the dark colour of a pair, as palette's theme wants."""
    return QColor(pair[1] if is_dark(palette) else pair[0])


def pick(pair: tuple[str, str], dark: bool) -> QColor:
    """themed() for a drawing's style, which decides the theme once for all its colours."""
    return QColor(pair[1] if dark else pair[0])


def good(palette: QPalette) -> QColor:
    return themed(GOOD, palette)


def bad(palette: QPalette) -> QColor:
    return themed(BAD, palette)


def warning(palette: QPalette) -> QColor:
    return themed(WARNING, palette)


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


def paper() -> QPalette:
    """Light colours for documents (image exports), whatever the desktop's theme."""
    palette = QPalette(QColor(PAPER_SHADE), QColor(PAPER))
    palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(PAPER_TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.Text, QColor(PAPER_TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PAPER_ACCENT))
    return palette
