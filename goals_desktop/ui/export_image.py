"""Pictures of a roadmap rendered from the real RoadmapScene: PNG, SVG and PDF.

The goal is synced into a fresh scene (the same items, check marks, due dates and edges the window
draws), in the light palette whatever the desktop's theme, under a header with the goal's title,
progress and target date. Works without a display: the CLI calls prepare_qt() first, which picks
Qt's offscreen platform when there is no display to use.

- png: at the scene's own size (scale 1) or 2x, on white or on a transparent background;
- svg: QSvgGenerator, text kept as text (so it stays searchable and every label is in the file);
- pdf: QPdfWriter, one page (A4, turned to fit the roadmap's shape) with the whole sheet fitted in.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem

from goals_desktop import APP_NAME
from goals_desktop.domain.models import Goal
from goals_desktop.ui import palette as colours
from goals_desktop.ui.canvas.items import TEXT_LOD

MARGIN = 24.0
HEADER_GAP = 16.0
MIN_TEXT_WIDTH = 640.0
# Scene units are drawn as pixels at 96 dpi everywhere, so fonts (in points) keep their size.
DPI = 96
# Image viewers and browsers struggle past these (16,384 px a side is a common hard limit), and
# 50 megapixels is 200 MB of memory while drawing.
MAX_PNG_SIDE = 16_384
MAX_PNG_PIXELS = 50_000_000
IMAGE_FORMATS = ("png", "svg", "pdf")


def prepare_qt() -> QApplication:
    """A QApplication to render with; with no display (a server, CI, ssh) the offscreen platform."""
    app = QApplication.instance()
    if app is None:
        no_display = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if no_display:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    return app  # type: ignore[return-value]


@dataclass(slots=True)
class _Sheet:
    """What goes on the picture and where, in scene units (1 unit = 1 px at scale 1)."""

    width: int
    height: int
    title: str
    subtitle: str
    text_width: float
    title_height: float
    subtitle_height: float
    source: QRectF  # the roadmap's part of the scene
    target: QRectF  # where it goes on the sheet


def _fonts() -> tuple[QFont, QFont]:
    title = QFont()
    title.setPointSizeF(15)
    title.setWeight(QFont.Weight.Bold)
    subtitle = QFont()
    subtitle.setPointSizeF(9.5)
    return title, subtitle


def _subtitle(goal: Goal) -> str:
    nodes = goal.roadmap.nodes if goal.roadmap else []
    parts = [f"Progress {goal.progress}%", f"{sum(n.completed for n in nodes)} of {len(nodes)} milestones done"]
    if goal.target_date:
        parts.append(f"target {goal.target_date[:10]}")
    if goal.status != "active":
        parts.append(goal.status)
    return " · ".join(parts)


def _build_scene(goal: Goal):
    from goals_desktop.ui.canvas.scene import RoadmapScene

    scene = RoadmapScene(colours.paper())
    scene.sync(goal)
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)  # the sheet paints its own background
    for item in scene.items():
        # A cached item would be painted as a bitmap: no text in the SVG or PDF, blurry at 2x.
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    return scene


def _layout(goal: Goal, scene) -> _Sheet:
    title_font, subtitle_font = _fonts()
    content = scene.itemsBoundingRect()
    if content.isEmpty():
        content = QRectF(0, 0, 0, 0)
    text_width = max(content.width(), MIN_TEXT_WIDTH)
    flags = int(Qt.TextFlag.TextWordWrap)
    title_box = QFontMetricsF(title_font).boundingRect(QRectF(0, 0, text_width, 10_000), flags, goal.title)
    subtitle = _subtitle(goal)
    subtitle_box = QFontMetricsF(subtitle_font).boundingRect(QRectF(0, 0, text_width, 10_000), flags, subtitle)
    text_width = min(text_width, max(title_box.width(), subtitle_box.width(), content.width()))
    header = title_box.height() + 4 + subtitle_box.height()
    target = QRectF(MARGIN, MARGIN + header + HEADER_GAP, content.width(), content.height())
    width = math.ceil(max(content.width(), text_width) + 2 * MARGIN)
    height = math.ceil(target.bottom() + MARGIN)
    return _Sheet(
        width, height, goal.title, subtitle, text_width, title_box.height(), subtitle_box.height(), content, target
    )


def _paint(painter: QPainter, scene, sheet: _Sheet, background: QColor | None) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    if background is not None:
        painter.fillRect(QRectF(0, 0, sheet.width, sheet.height), background)
    title_font, subtitle_font = _fonts()
    text_colour, muted = QColor(colours.PAPER_TEXT), QColor(colours.PAPER_MUTED_TEXT)
    flags = int(Qt.TextFlag.TextWordWrap)
    painter.setFont(title_font)
    painter.setPen(text_colour)
    painter.drawText(QRectF(MARGIN, MARGIN, sheet.text_width, sheet.title_height), flags, sheet.title)
    painter.setFont(subtitle_font)
    painter.setPen(muted)
    painter.drawText(
        QRectF(MARGIN, MARGIN + sheet.title_height + 4, sheet.text_width, sheet.subtitle_height), flags, sheet.subtitle
    )
    if not sheet.source.isEmpty():
        scene.render(painter, sheet.target, sheet.source, Qt.AspectRatioMode.IgnoreAspectRatio)


def _background(transparent: bool) -> QColor | None:
    return None if transparent else QColor(colours.PAPER)


def _buffer() -> QBuffer:
    # Its own byte array: a QByteArray passed in is freed by Python while Qt still writes to it.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def png_scale(width: float, height: float, scale: float) -> float:
    """scale, made smaller if needed so the image stays within MAX_PNG_SIDE and MAX_PNG_PIXELS."""
    return min(scale, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height, math.sqrt(MAX_PNG_PIXELS / (width * height)))


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of PNG bytes (from the IHDR chunk), e.g. to tell the size written."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def render_png(goal: Goal, scale: float = 1.0, transparent: bool = False) -> bytes:
    """At scale (1 = as on screen); a roadmap too big for a sane image is scaled down to fit
    (MAX_PNG_SIDE, MAX_PNG_PIXELS): SVG and PDF have no such limit."""
    if not (0 < scale <= 8):
        raise ValueError("scale must be between 0 and 8")
    scene = _build_scene(goal)
    sheet = _layout(goal, scene)
    scale = png_scale(sheet.width, sheet.height, scale)
    # A hair added before flooring: a width scaled down to exactly MAX_PNG_SIDE may come out as
    # 16383.999… in floating point.
    image = QImage(
        QSize(max(1, math.floor(sheet.width * scale + 1e-6)), max(1, math.floor(sheet.height * scale + 1e-6))),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.scale(scale, scale)
    if scale >= TEXT_LOD:
        _paint(painter, scene, sheet, _background(transparent))
    else:
        painter.drawPicture(QPointF(0, 0), _picture(scene, sheet, _background(transparent)))
    painter.end()
    buffer = _buffer()
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _picture(scene, sheet: _Sheet, background: QColor | None) -> QPicture:
    """The sheet recorded at full size. Played back smaller, it keeps the labels, which the canvas
    leaves out when drawn directly below TEXT_LOD (zoomed far out)."""
    picture = QPicture()
    recorder = QPainter(picture)
    _paint(recorder, scene, sheet, background)
    recorder.end()
    return picture


def render_svg(goal: Goal, transparent: bool = False) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    scene = _build_scene(goal)
    sheet = _layout(goal, scene)
    buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(DPI)
    generator.setSize(QSize(sheet.width, sheet.height))
    generator.setViewBox(QRectF(0, 0, sheet.width, sheet.height))
    generator.setTitle(goal.title)
    generator.setDescription(_description(goal))
    painter = QPainter(generator)
    _paint(painter, scene, sheet, _background(transparent))
    painter.end()
    return bytes(buffer.data())


def render_pdf(goal: Goal) -> bytes:
    scene = _build_scene(goal)
    sheet = _layout(goal, scene)
    # Played onto the page scaled to fit; a big roadmap is small there, and would lose its labels.
    picture = _picture(scene, sheet, QColor(colours.PAPER))

    buffer = _buffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(goal.title)
    writer.setCreator(APP_NAME)
    orientation = QPageLayout.Orientation.Landscape if sheet.width > sheet.height else QPageLayout.Orientation.Portrait
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    )
    painter = QPainter(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    fit = min(page.width() / sheet.width, page.height() / sheet.height)
    painter.translate((page.width() - sheet.width * fit) / 2, (page.height() - sheet.height * fit) / 2)
    painter.scale(fit, fit)
    painter.drawPicture(QPointF(0, 0), picture)
    painter.end()
    return bytes(buffer.data())


def _description(goal: Goal) -> str:
    """The SVG's <desc>: every milestone in words, for screen readers and search."""
    nodes = goal.roadmap.nodes if goal.roadmap else []
    lines = [f"{goal.title} — {_subtitle(goal)}"]
    lines += [f"{'[x]' if n.completed else '[ ]'} {n.label}" for n in nodes]
    return "\n".join(lines)


def render_image(goal: Goal, format_name: str, scale: float = 1.0, transparent: bool = False) -> bytes:
    """The goal's roadmap as png, svg or pdf bytes (a QApplication must exist: see prepare_qt)."""
    if format_name == "png":
        return render_png(goal, scale, transparent)
    if format_name == "svg":
        return render_svg(goal, transparent)
    if format_name == "pdf":
        return render_pdf(goal)
    raise ValueError(f"not an image format: {format_name!r}")
