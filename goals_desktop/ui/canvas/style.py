"""The colours the canvas draws with, derived from the widget palette (the meanings' colours
from ui/palette.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from goals_desktop.ui import palette as colours


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """a blended toward b by amount (0..1)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass(slots=True)
class CanvasStyle:
    """Colours derived from the widget palette, so light and dark themes both read well (the
    meanings' colours from ui/palette.py)."""

    background: QColor
    node_fill: QColor
    node_border: QColor
    text: QColor
    muted_text: QColor
    done_text: QColor
    done_fill: QColor
    done_border: QColor
    accent: QColor
    edge: QColor
    preview: QColor
    overdue: QColor
    late: QColor
    critical: QColor
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette) -> CanvasStyle:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightness() < 128
        base = palette.color(QPalette.ColorRole.Base)
        background = _mix(window, text, 0.04) if not dark else window.darker(115)
        node_fill = base if not dark else window.lighter(135)
        green = colours.pick(colours.GOOD, dark)
        done_fill = _mix(node_fill, green, 0.16 if not dark else 0.22)
        return cls(
            background=background,
            node_fill=node_fill,
            node_border=_mix(node_fill, text, 0.45),
            text=text,
            muted_text=_mix(text, node_fill, 0.4),
            done_text=_mix(text, done_fill, 0.3 if not dark else 0.15),
            done_fill=done_fill,
            done_border=green,
            accent=palette.color(QPalette.ColorRole.Highlight),
            edge=_mix(text, background, 0.45),
            preview=colours.pick(colours.PREVIEW, dark),
            overdue=colours.pick(colours.BAD, dark),
            late=colours.pick(colours.WARNING, dark),
            critical=colours.pick(colours.CRITICAL, dark),
            dark=dark,
        )
