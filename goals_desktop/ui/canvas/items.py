"""Graphics items of the roadmap canvas. They only draw and report geometry; the scene owns them
and GoalService owns the truth they show (see scene.py / commands.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from goals_desktop.domain.models import Node
from goals_desktop.domain.schedule import MilestonePlan, plan_text
from goals_desktop.ui.text import plain_tooltip

NODE_WIDTH = 200.0
NODE_HEIGHT = 72.0
CHECKBOX_SIZE = 16.0
HANDLE_RADIUS = 6.0
# Below this scale the label would be unreadable anyway; plain boxes repaint far faster.
TEXT_LOD = 0.4
ARROW_SIZE = 10.0
NODE_TYPE = QGraphicsItem.UserType + 1
EDGE_TYPE = QGraphicsItem.UserType + 2


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """a blended toward b by amount (0..1)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass(slots=True)
class CanvasStyle:
    """Colours derived from the widget palette, so light and dark themes both read well."""

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
        green = QColor("#2f9e44") if not dark else QColor("#69db7c")
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
            preview=QColor("#e8590c") if not dark else QColor("#ffa94d"),
            overdue=QColor("#c92a2a") if not dark else QColor("#ff8787"),
            late=QColor("#d9480f") if not dark else QColor("#ffa94d"),
            critical=QColor("#ae3ec9") if not dark else QColor("#e599f7"),
            dark=dark,
        )


_fonts: dict[str, QFont] = {}


def _font(kind: str) -> QFont:
    # Built lazily: a QFont needs a running QGuiApplication.
    if not _fonts:
        label = QFont()
        label.setPointSizeF(9.5)
        label.setWeight(QFont.Weight.DemiBold)
        meta = QFont()
        meta.setPointSizeF(8.0)
        _fonts["label"], _fonts["meta"] = label, meta
    return _fonts[kind]


# Non-critical milestones and links fade to this while the critical path is shown.
FADED = 0.35


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day, today=None) -> str:
    """18 Mar (this year) or 18 Mar 2027: short enough for a milestone's box, the same in every locale."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def _two_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Word-wrap into at most two lines, eliding the second."""
    words = text.split()
    first = ""
    while words:
        candidate = f"{first} {words[0]}".strip()
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
        words.pop(0)
    if not first:  # one very long word
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    if not words:
        return [first]
    return [first, metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)]


class NodeItem(QGraphicsItem):
    """One milestone. pos() is the node's centre, the same point GoalService stores as `position`."""

    RECT = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
    CHECKBOX = QRectF(-NODE_WIDTH / 2 + 10, -NODE_HEIGHT / 2 + 11, CHECKBOX_SIZE, CHECKBOX_SIZE)
    HANDLE_CENTRE = QPointF(0, NODE_HEIGHT / 2)
    BOUNDS = RECT.adjusted(-3, -3, 3, 3 + HANDLE_RADIUS)

    def __init__(self, node: Node, preview: bool = False) -> None:
        super().__init__()
        self.node = node
        self.node_id = node.id
        self.preview = preview
        self.edges: list[EdgeItem] = []
        self._lines: list[str] | None = None
        self.link_target = False  # under the pointer while a link is being dragged from another node
        self._meta: str | None = None
        self.plan: MilestonePlan | None = None  # its place in the goal's schedule (None: no schedule)
        self.show_critical = False  # the critical path is highlighted
        flags = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges  # edges follow, preview ones too
        if not preview:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        self.setFlags(flags)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(plain_tooltip(node.label))
        self.setAcceptHoverEvents(not preview)

    def type(self) -> int:
        return NODE_TYPE

    def set_node(self, node: Node) -> None:
        """Show new field values (from the service); repaints only when something visible changed."""
        old, self.node = self.node, node
        if (old.label, old.completed, old.estimated_time, old.due_date) != (
            node.label, node.completed, node.estimated_time, node.due_date,
        ):
            self._lines = self._meta = None
            self._update_tooltip()
            self.update()

    def set_plan(self, plan: MilestonePlan | None, show_critical: bool) -> None:
        """Show the milestone's planned due date, overdue/late state and (when shown) the critical path."""
        if plan == self.plan and show_critical == self.show_critical:
            return
        self.plan, self.show_critical = plan, show_critical
        self._meta = None
        self.setOpacity(FADED if show_critical and not (plan is not None and plan.critical) else 1.0)
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        text = self.node.label
        if self.plan is not None and not self.plan.completed:
            text += "\n" + plan_text(self.plan)
            if self.plan.duration is not None:
                reading = self.plan.duration.describe()
                text += f"\nEstimated time: {self.node.estimated_time or 'none'} (counted as {reading})"
        self.setToolTip(plain_tooltip(text))
    def boundingRect(self) -> QRectF:
        return self.BOUNDS

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.RECT, 8, 8)
        path.addEllipse(self.HANDLE_CENTRE, HANDLE_RADIUS + 2, HANDLE_RADIUS + 2)
        return path

    def checkbox_hit(self, local: QPointF) -> bool:
        return self.CHECKBOX.adjusted(-4, -4, 4, 4).contains(local)

    def handle_hit(self, local: QPointF) -> bool:
        return QLineF(local, self.HANDLE_CENTRE).length() <= HANDLE_RADIUS + 3

    def hoverMoveEvent(self, event) -> None:
        # Cursor hints for the two hot spots: the checkbox and the connect handle.
        local = event.pos()
        if self.checkbox_hit(local):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        elif self.handle_hit(local):
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.setCursor(Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        return super().itemChange(change, value)

    def _style(self) -> CanvasStyle:
        scene = self.scene()
        return scene.style  # type: ignore[union-attr]

    def _meta_text(self) -> str:
        if self._meta is None:
            parts = []
            if self.preview:
                parts.append("generating…")
            plan = self.plan if self.plan is not None and not self.plan.completed else None
            # The due date first: when the line is too long, the estimate is what gets cut.
            if plan is not None and plan.planned_due is not None:
                today = getattr(self.scene(), "today", None)
                due = short_date(plan.planned_due, today)
                parts.append(f"overdue since {due}" if plan.overdue else f"due {due}" + (" (late)" if plan.late else ""))
            elif self.node.due_date:
                parts.append(f"due {self.node.due_date[:10]}")
            duration = plan.duration if plan is not None else None
            if duration is not None and (duration.guessed or duration.ongoing):
                # Words, not a colour: the estimate was not understood and counts as a week.
                parts.append("ongoing, ≈ 1 week?" if duration.ongoing else "≈ 1 week?")
            elif self.node.estimated_time:
                parts.append(f"≈ {self.node.estimated_time}")
            self._meta = " · ".join(parts)
        return self._meta

    def _plan_state(self) -> str:
        plan = self.plan
        if plan is None or plan.completed or self.preview:
            return ""
        if plan.overdue:
            return "overdue"
        if plan.late:
            return "late"
        return ""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self._style()
        done = self.node.completed
        selected = self.isSelected()
        state = self._plan_state()
        critical = self.show_critical and self.plan is not None and self.plan.critical
        border = style.accent if selected or self.link_target else (style.done_border if done else style.node_border)
        width = 2.4 if selected or self.link_target else 1.3
        if not (selected or self.link_target):
            if critical:
                border, width = style.critical, 2.8
            elif state == "overdue":
                border, width = style.overdue, 2.2
        pen = QPen(border, width)
        if self.link_target:
            pen.setStyle(Qt.PenStyle.DotLine)
        if self.preview:
            pen = QPen(style.preview, 1.8, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(style.done_fill if done else style.node_fill)
        painter.drawRoundedRect(self.RECT, 8, 8)

        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < TEXT_LOD:
            return

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # Checkbox
        box = self.CHECKBOX
        painter.setPen(QPen(style.done_border if done else style.node_border, 1.4))
        painter.setBrush(style.done_border if done else style.node_fill)
        painter.drawRoundedRect(box, 3, 3)
        if done:
            tick = QPen(style.node_fill if not style.dark else style.background, 2.2)
            tick.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(tick)
            painter.drawPolyline(
                QPolygonF([
                    QPointF(box.left() + 3.5, box.center().y() + 0.5),
                    QPointF(box.left() + 6.8, box.bottom() - 4),
                    QPointF(box.right() - 3.2, box.top() + 4),
                ])
            )

        # Label: up to two lines, then estimated time / due date in a smaller muted line.
        text_left = box.right() + 8
        text_width = self.RECT.right() - 10 - text_left
        label_font = _font("label")
        metrics = QFontMetricsF(label_font)
        if self._lines is None:
            self._lines = _two_lines(self.node.label, metrics, text_width)
        painter.setFont(label_font)
        painter.setPen(style.done_text if done else style.text)
        line_height = metrics.height()
        y = self.RECT.top() + 9
        for line in self._lines:
            painter.drawText(QRectF(text_left, y, text_width, line_height), Qt.AlignmentFlag.AlignLeft, line)
            y += line_height
        meta = self._meta_text()
        if meta:
            meta_font = _font("meta")
            meta_metrics = QFontMetricsF(meta_font)
            painter.setFont(meta_font)
            if state == "overdue":
                meta_font = QFont(meta_font)
                meta_font.setBold(True)
                painter.setFont(meta_font)
            painter.setPen(style.preview if self.preview else {"overdue": style.overdue, "late": style.late}.get(state, style.muted_text))
            painter.drawText(
                QRectF(text_left, self.RECT.bottom() - 7 - meta_metrics.height(), text_width, meta_metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                meta_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, text_width),
            )

        if not self.preview:
            # The connect handle: drag from it onto another node to make that node depend on this one.
            painter.setPen(QPen(style.accent, 1.5))
            painter.setBrush(style.node_fill)
            painter.drawEllipse(self.HANDLE_CENTRE, HANDLE_RADIUS - 1, HANDLE_RADIUS - 1)


def _border_point(centre: QPointF, toward: QPointF, gap: float = 0.0) -> QPointF:
    """Where the segment centre->toward leaves a node's rectangle (plus gap)."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    half_w, half_h = NODE_WIDTH / 2 + gap, NODE_HEIGHT / 2 + gap
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return QPointF(centre.x() + dx * t, centre.y() + dy * t)


class EdgeItem(QGraphicsItem):
    """An arrow source -> target (the target depends on the source). Uncached: it changes as nodes move."""

    def __init__(self, edge_id: str, source: NodeItem, target: NodeItem, preview: bool = False) -> None:
        super().__init__()
        self.edge_id = edge_id
        self.source = source
        self.target = target
        self.preview = preview
        self.setZValue(-1)
        self.critical = False
        self.show_critical = False
        if not preview:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self._line = QLineF()
        self._arrow = QPolygonF()
        self._bounds = QRectF()
        self._shape = QPainterPath()
        source.edges.append(self)
        target.edges.append(self)
        self.adjust()

    def type(self) -> int:
        return EDGE_TYPE

    def set_critical(self, critical: bool, show_critical: bool) -> None:
        if (critical, show_critical) != (self.critical, self.show_critical):
            self.critical, self.show_critical = critical, show_critical
            self.setOpacity(FADED if show_critical and not critical else 1.0)
            self.update()

    def detach(self) -> None:
        for end in (self.source, self.target):
            if self in end.edges:
                end.edges.remove(self)

    def adjust(self) -> None:
        """Follow the end nodes; Qt must hear of the geometry change before it happens."""
        a, b = self.source.pos(), self.target.pos()
        start = _border_point(a, b, 2)
        end = _border_point(b, a, 3)
        self.prepareGeometryChange()
        self._line = QLineF(start, end)
        length = self._line.length()
        if length > 1:
            ux, uy = (end.x() - start.x()) / length, (end.y() - start.y()) / length
            back = QPointF(end.x() - ux * ARROW_SIZE, end.y() - uy * ARROW_SIZE)
            side = QPointF(-uy * ARROW_SIZE * 0.5, ux * ARROW_SIZE * 0.5)
            self._arrow = QPolygonF([end, back + side, back - side])
        else:
            self._arrow = QPolygonF()
        path = QPainterPath(start)
        path.lineTo(end)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._shape = stroker.createStroke(path)
        self._shape.addPolygon(self._arrow)
        pad = ARROW_SIZE + 3
        self._bounds = QRectF(start, end).normalized().adjusted(-pad, -pad, pad, pad)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._line.length() <= 1:
            return
        style: CanvasStyle = self.scene().style  # type: ignore[union-attr]
        highlighted = self.show_critical and self.critical
        colour = style.accent if self.isSelected() else (style.preview if self.preview else (style.critical if highlighted else style.edge))
        pen = QPen(colour, 2.6 if self.isSelected() or highlighted else 1.5)
        if self.preview:
            pen.setStyle(Qt.PenStyle.DashLine)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_LOD:
            # Far out an arrowhead is a few pixels: a cosmetic aliased line is enough and much cheaper.
            pen.setWidth(0)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen)
            painter.drawLine(self._line)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.drawLine(self._line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(self._arrow)
