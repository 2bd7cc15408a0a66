"""Graphics items of the roadmap canvas. They only draw and report geometry; the scene owns them
and GoalService owns the truth they show (see scene.py, and ui/commands/roadmap.py for the edits)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from goals_desktop.domain.models import Node
from goals_desktop.domain.schedule import MilestonePlan
from goals_desktop.ui.canvas.labels import font_for, metrics_for, wrap_label
from goals_desktop.ui.text import plain_tooltip
from goals_desktop.ui.words import words

from .footer import META_SEPARATOR, fit_footer, footer_choices
from .style import CanvasStyle

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text") calls)

NODE_WIDTH = 200.0
NODE_HEIGHT = 72.0
CHECKBOX_SIZE = 16.0
HANDLE_RADIUS = 6.0
# The keyboard focus ring stands this far outside the box (the item's bounds make room for it).
FOCUS_GAP, FOCUS_WIDTH = 4.0, 2.5
FOCUS_PAD = FOCUS_GAP + FOCUS_WIDTH
# Inside a milestone's box: space above the label, between label and meta line, below the meta line.
LABEL_TOP, META_GAP, META_BOTTOM = 9.0, 3.0, 7.0
# Below this scale the label would be unreadable anyway; plain boxes repaint far faster.
TEXT_LOD = 0.4
ARROW_SIZE = 10.0
NODE_TYPE = QGraphicsItem.UserType + 1
EDGE_TYPE = QGraphicsItem.UserType + 2


# Non-critical milestones and links fade to this while the critical path is shown.
FADED = 0.35


_heights: dict[tuple[int, bool], float] = {}


def _box_height(lines: int, meta: bool) -> float:
    """Height of a box with `lines` label lines (and a meta line): the usual one unless they need more."""
    height = _heights.get((lines, meta))
    if height is None:
        needed = LABEL_TOP + lines * metrics_for("label").height() + META_BOTTOM
        if meta:
            needed += META_GAP + metrics_for("meta").height()
        height = _heights[(lines, meta)] = max(NODE_HEIGHT, float(math.ceil(needed)))
    return height


class _BoundedItem(QGraphicsRectItem):
    """An item that paints itself (paint() below), and is a QGraphicsRectItem holding its bounding
    rect (no pen, no brush) only so that boundingRect() is answered in C++: a view asks each item
    for it several times per repaint, and a Python boundingRect() made every one of those a call into
    Python (a third of a zoomed-out repaint of 2,000 milestones)."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(QPen(Qt.PenStyle.NoPen))


class NodeItem(_BoundedItem):
    """One milestone. pos() is the node's position as GoalService stores it: the centre of a box of
    the usual height. A label that needs three lines grows its box downwards (the checkbox stays put);
    such an item has its own RECT, HANDLE_CENTRE and BOUNDS instead of these class-wide ones."""

    RECT = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
    CHECKBOX = QRectF(-NODE_WIDTH / 2 + 10, -NODE_HEIGHT / 2 + 11, CHECKBOX_SIZE, CHECKBOX_SIZE)
    HANDLE_CENTRE = QPointF(0, NODE_HEIGHT / 2)
    BOUNDS = RECT.adjusted(-FOCUS_PAD, -FOCUS_PAD, FOCUS_PAD, 3 + HANDLE_RADIUS)
    TEXT_LEFT = CHECKBOX.right() + 8
    TEXT_WIDTH = RECT.right() - 10 - TEXT_LEFT

    def __init__(self, node: Node, preview: bool = False) -> None:
        super().__init__()
        self.node = node
        self.node_id = node.id
        self.preview = preview
        self.edges: list[EdgeItem] = []
        self._lines: list[str] = []
        self.link_target = False  # under the pointer while a link is being dragged from another node
        self.keyboard_focus = False  # the canvas has the keyboard focus and it is on this milestone
        self._meta: str | None = None
        self._meta_choices: list[tuple[str, ...]] = []
        self._meta_fitted: tuple[str, float, str] | None = None  # (footer, width, what of it fits)
        self.plan: MilestonePlan | None = None  # its place in the goal's schedule (None: no schedule)
        self.show_critical = False  # the critical path is highlighted
        self._height = NODE_HEIGHT
        self.setRect(self.BOUNDS)
        self._layout_text()
        flags = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges  # edges follow, preview ones too
        if not preview:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        self.setFlags(flags)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(plain_tooltip(node.label))
        self.setAcceptHoverEvents(not preview)

    def type(self) -> int:
        return NODE_TYPE

    def stop_previewing(self, node: Node) -> None:
        """A preview item becomes the saved milestone it showed (same id): a redraw after a
        generation's save builds no item anew (building 40 was most of that redraw)."""
        self.preview = False
        self.setFlags(self.flags() | QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.node = node
        self._meta = None  # no "generating…"
        self._relayout()
        self._update_tooltip()
        self.update()

    def set_node(self, node: Node) -> None:
        """Show new field values (from the service); repaints only when something visible changed."""
        old, self.node = self.node, node
        if (old.label, old.completed, old.estimated_time, old.due_date) != (
            node.label, node.completed, node.estimated_time, node.due_date,
        ):
            self._meta = None
            self._relayout()
            self._update_tooltip()
            self.update()

    @property
    def label_lines(self) -> list[str]:
        """The label as drawn: wrapped onto up to three lines, the last one elided if it must be."""
        return list(self._lines)

    def _relayout(self) -> None:
        if self._layout_text():
            for edge in self.edges:
                edge.adjust()

    def _layout_text(self) -> bool:
        """Wrap the label and size the box for it; True if the box changed height."""
        self._lines = wrap_label(self.node.label, font_for("label"), metrics_for("label"), self.TEXT_WIDTH)
        count = len(self._lines)
        height = _box_height(count, False)
        if _box_height(count, True) != height and self._meta_text():  # the meta line matters only then
            height = _box_height(count, True)
        if height == self._height:
            return False
        self._height = height
        self.prepareGeometryChange()
        if height == NODE_HEIGHT:
            for name in ("RECT", "HANDLE_CENTRE", "BOUNDS"):
                self.__dict__.pop(name, None)  # back to the shared class values
        else:
            self.RECT = QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, height)
            self.HANDLE_CENTRE = QPointF(0, self.RECT.bottom())
            self.BOUNDS = self.RECT.adjusted(-FOCUS_PAD, -FOCUS_PAD, FOCUS_PAD, 3 + HANDLE_RADIUS)
        self.setRect(self.BOUNDS)
        return True

    def scene_rect(self) -> QRectF:
        """The box in scene coordinates (what edges attach to)."""
        return self.RECT.translated(self.pos())

    def box_centre(self) -> tuple[QPointF, float]:
        """(centre of the box in scene coordinates, half its height): cheap for the usual box."""
        if self.RECT is NodeItem.RECT:
            return self.pos(), NODE_HEIGHT / 2
        return self.pos() + QPointF(0, self.RECT.center().y()), self.RECT.height() / 2

    def set_plan(self, plan: MilestonePlan | None, show_critical: bool) -> None:
        """Show the milestone's planned due date, overdue/late state and (when shown) the critical path."""
        if plan == self.plan and show_critical == self.show_critical:
            return
        self.plan, self.show_critical = plan, show_critical
        self._meta = None
        self._relayout()  # the meta line coming or going can change the box's height
        self.setOpacity(FADED if show_critical and not (plan is not None and plan.critical) else 1.0)
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        text = self.node.label
        if self.plan is not None and not self.plan.completed:
            text += "\n" + words().plan(self.plan)
            if self.plan.duration is not None:
                text += "\n" + translate("NodeItem", "Estimated time: {estimate} (counted as {reading})").format(
                    estimate=self.node.estimated_time or translate("NodeItem", "none"), reading=words().duration(self.plan.duration)
                )
        self.setToolTip(plain_tooltip(text))

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
        return scene.canvas_style  # type: ignore[union-attr]

    def _meta_text(self) -> str:
        """The whole footer (the due date, then the estimate), as long as it can be."""
        if self._meta is None:
            today = getattr(self.scene(), "today", None)
            self._meta_choices = footer_choices(self.node, self.plan, self.preview, today)
            self._meta = META_SEPARATOR.join(choices[0] for choices in self._meta_choices)
        return self._meta

    def footer_line(self, metrics: QFontMetricsF, width: float) -> str:
        """What of the footer fits in width: see fit_footer."""
        meta = self._meta_text()
        if self._meta_fitted is None or self._meta_fitted[:2] != (meta, width):
            self._meta_fitted = (meta, width, fit_footer(self._meta_choices, metrics, width))
        return self._meta_fitted[2]

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
        if self.keyboard_focus:
            draw_focus_ring(painter, self.RECT, style)

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

        # Label: up to three lines, then estimated time / due date in a smaller muted line.
        text_left, text_width = self.TEXT_LEFT, self.TEXT_WIDTH
        painter.setFont(font_for("label"))
        painter.setPen(style.done_text if done else style.text)
        line_height = metrics_for("label").height()
        y = self.RECT.top() + LABEL_TOP
        for line in self._lines:
            painter.drawText(QRectF(text_left, y, text_width, line_height), Qt.AlignmentFlag.AlignLeft, line)
            y += line_height
        meta = self._meta_text()
        if meta:
            kind = "meta bold" if state == "overdue" else "meta"
            meta_metrics = metrics_for(kind)
            painter.setFont(font_for(kind))
            painter.setPen(style.preview if self.preview else {"overdue": style.overdue, "late": style.late}.get(state, style.muted_text))
            painter.drawText(
                QRectF(text_left, self.RECT.bottom() - META_BOTTOM - meta_metrics.height(), text_width, meta_metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                self.footer_line(meta_metrics, text_width),
            )

        if not self.preview:
            # The connect handle: drag from it onto another node to make that node depend on this one.
            painter.setPen(QPen(style.accent, 1.5))
            painter.setBrush(style.node_fill)
            painter.drawEllipse(self.HANDLE_CENTRE, HANDLE_RADIUS - 1, HANDLE_RADIUS - 1)


def draw_focus_ring(painter: QPainter, rect: QRectF, style: CanvasStyle) -> None:
    """The keyboard focus: a ring in the highlight colour around the box, lined on both sides with
    the background so it stands apart from the box's own (selection) border in light and dark palettes."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ring = rect.adjusted(-FOCUS_GAP, -FOCUS_GAP, FOCUS_GAP, FOCUS_GAP)
    painter.setPen(QPen(style.background, FOCUS_WIDTH + 2.0))
    painter.drawRoundedRect(ring, 8 + FOCUS_GAP, 8 + FOCUS_GAP)
    painter.setPen(QPen(style.accent, FOCUS_WIDTH))
    painter.drawRoundedRect(ring, 8 + FOCUS_GAP, 8 + FOCUS_GAP)
    painter.restore()


def _border_point(centre: QPointF, half_height: float, toward: QPointF, gap: float = 0.0) -> QPointF:
    """Where the segment centre->toward leaves a node's box (NODE_WIDTH wide, 2 * half_height high) plus gap."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    half_w, half_h = NODE_WIDTH / 2 + gap, half_height + gap
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return QPointF(centre.x() + dx * t, centre.y() + dy * t)


class EdgeItem(_BoundedItem):
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
        self._shape: QPainterPath | None = None
        source.edges.append(self)
        target.edges.append(self)
        self.adjust()

    def type(self) -> int:
        return EDGE_TYPE

    def stop_previewing(self, edge_id: str) -> None:
        """A preview arrow becomes the saved link it showed (see NodeItem.stop_previewing)."""
        self.edge_id, self.preview = edge_id, False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.update()

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
        (a, a_half), (b, b_half) = self.source.box_centre(), self.target.box_centre()
        start = _border_point(a, a_half, b, 2)
        end = _border_point(b, b_half, a, 3)
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
        self._shape = None  # made when asked: only hit tests need it, and stroking costs more than the rest
        pad = ARROW_SIZE + 3
        self.setRect(QRectF(start, end).normalized().adjusted(-pad, -pad, pad, pad))

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath(self._line.p1())
            path.lineTo(self._line.p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(path)
            self._shape.addPolygon(self._arrow)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._line.length() <= 1:
            return
        style: CanvasStyle = self.scene().canvas_style  # type: ignore[union-attr]
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
        painter.setBrush(colour)  # (a QBrush made in Python loads QGradient's enums: ~3 ms, the first arrow's)
        painter.drawPolygon(self._arrow)
