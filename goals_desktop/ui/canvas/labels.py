"""The words in a milestone's box: its fonts, and a label wrapped into at most MAX_LABEL_LINES lines
(elided at a word). Dates short enough for the box are ui.words.short_date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

MAX_LABEL_LINES = 3


_fonts: dict[str, QFont] = {}
_metrics: dict[str, QFontMetricsF] = {}


def font_for(kind: str) -> QFont:
    # Built lazily: a QFont needs a running QGuiApplication.
    if not _fonts:
        label = QFont()
        label.setPointSizeF(9.5)
        label.setWeight(QFont.Weight.DemiBold)
        meta = QFont()
        meta.setPointSizeF(8.0)
        bold = QFont(meta)  # an overdue milestone's footer
        bold.setBold(True)
        _fonts["label"], _fonts["meta"], _fonts["meta bold"] = label, meta, bold
    return _fonts[kind]


def metrics_for(kind: str) -> QFontMetricsF:
    metrics = _metrics.get(kind)
    if metrics is None:
        metrics = _metrics[kind] = QFontMetricsF(font_for(kind))
    return metrics


_wrap_layout: list[QTextLayout] = []


def _layout_with(font: QFont) -> QTextLayout:
    # One layout, reused: building a QTextLayout per label showed up in the 2,000-node build.
    if not _wrap_layout:
        layout = QTextLayout()
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        _wrap_layout.append(layout)
    layout = _wrap_layout[0]
    if layout.font() != font:
        layout.setFont(font)
    return layout


def wrap_label(text: str, font: QFont, metrics: QFontMetricsF, width: float, max_lines: int = MAX_LABEL_LINES) -> list[str]:
    """Word-wrap into at most max_lines lines; only what does not fit in those is elided.

    QTextLayout breaks the lines (Unicode line-breaking: scripts without spaces work, and a word
    longer than the line is broken only because it must be)."""
    if len(text) * metrics.maxWidth() <= width:
        return [text]  # fits whatever its letters: no layout needed
    if len(text) * metrics.averageCharWidth() < 0.8 * width and metrics.horizontalAdvance(text) <= width:
        return [text]  # short enough that measuring it is the cheaper way to be sure
    layout = _layout_with(font)
    layout.setText(text)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) == 1 and spans[0][1] >= len(text):
        return [text]
    lines = [text[start:start + length].strip() for start, length in spans]
    last_start, last_length = spans[-1]
    if last_start + last_length < len(text):
        lines[-1] = _elide_at_word(text[last_start:].strip(), metrics, width)
    return [line for line in lines if line] or [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]


def _elide_at_word(text: str, metrics: QFontMetricsF, width: float) -> str:
    """ElideRight, but ending after a whole word ("a week…", not "a we…") unless that would waste over half the line."""
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    kept = elided[:-1]
    if elided == text or not elided.endswith("…") or not text.startswith(kept) or not kept:
        return elided
    if not text[len(kept)].isspace():
        at_word = kept.rstrip()[: kept.rstrip().rfind(" ")] if " " in kept.strip() else ""
        if len(at_word) >= 0.5 * len(kept):
            kept = at_word
    return kept.rstrip(" ,;:-–—·") + "…"
