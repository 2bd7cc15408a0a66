"""The Timeline's rows: which rows a goal gives (milestones in dependency order, then its dated
todos), their colours, and the items drawn in them: a milestone's bar (planned start to due date,
with the grip that is dragged) and a todo's diamond. The view (view.py) lays them out against days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from goals_desktop.domain.models import Goal, Node
from goals_desktop.domain.rules import topological_order
from goals_desktop.domain.schedule import MilestonePlan, Schedule
from goals_desktop.domain.todos import Todo
from goals_desktop.ui import palette as colours
from goals_desktop.ui.words import short_date
from goals_desktop.ui.text import plain_tooltip
from goals_desktop.ui.timeline.keyboard import paint_bar_focus
from goals_desktop.ui.words import date_text, words

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text") calls)

if TYPE_CHECKING:
    from goals_desktop.ui.timeline.view import TimelineView

ROW_HEIGHT = 30.0
BAR_HEIGHT = 16.0
HANDLE_SLOP = 6.0
TEXT_ROOM = 230.0  # room right of a bar for its due-date words


@dataclass(slots=True)
class Row:
    kind: str  # "milestone", "todo" or "section"
    key: str
    label: str
    node: Node | None = None
    plan: MilestonePlan | None = None
    todo: Todo | None = None


@dataclass(slots=True)
class TimelineStyle:
    base: QColor
    band: QColor
    grid: QColor
    text: QColor
    muted: QColor
    header: QColor
    work: QColor
    slack: QColor
    critical: QColor
    overdue: QColor
    late: QColor
    good: QColor
    today: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> TimelineStyle:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        slack = QColor(accent)
        slack.setAlphaF(0.22)
        band = QColor(text)
        band.setAlphaF(0.035)
        grid = QColor(text)
        grid.setAlphaF(0.12)
        muted = QColor(text)
        muted.setAlphaF(0.6)
        dark = colours.is_dark(palette)
        return cls(
            base=base,
            band=band,
            grid=grid,
            text=text,
            muted=muted,
            header=palette.color(QPalette.ColorRole.Window),
            work=accent,
            slack=slack,
            critical=colours.pick(colours.CRITICAL, dark),
            overdue=colours.pick(colours.BAD, dark),
            late=colours.pick(colours.WARNING, dark),
            good=colours.pick(colours.GOOD, dark),
            today=colours.pick(colours.TODAY, dark),
        )


def rows_for(goal: Goal | None, schedule: Schedule | None, todos: list[Todo]) -> list[Row]:
    """Milestones in dependency order, then (under a "Todos" heading) the goal's todos with a due date."""
    rows: list[Row] = []
    roadmap = goal.roadmap if goal is not None else None
    if roadmap is not None and roadmap.nodes:
        order = topological_order([n.id for n in roadmap.nodes], [(e.source, e.target) for e in roadmap.edges])
        placed = set(order)
        order += [n.id for n in roadmap.nodes if n.id not in placed]
        plans = schedule.milestones if schedule is not None else {}
        for node_id in order:
            node = roadmap.node(node_id)
            rows.append(Row("milestone", node_id, node.label, node=node, plan=plans.get(node_id)))
    dated = [t for t in todos if t.due_date]
    if dated:
        rows.append(Row("section", "todos", translate("Timeline", "Todos")))
        rows.extend(Row("todo", t.id, t.title, todo=t) for t in dated)
    return rows


def day_of(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


class MilestoneBar(QGraphicsItem):
    """One open milestone's bar; pos() is the row's top-left at day 0 (x = 0)."""

    def __init__(self, view: TimelineView, row: Row, index: int) -> None:
        super().__init__()
        self.view = view
        self.row = row
        self.node_id = row.key
        self.index = index
        self.preview_due: date | None = None  # while its end is dragged
        self.setPos(0, index * ROW_HEIGHT)
        self.setAcceptHoverEvents(True)
        self._update_tooltip()

    @property
    def plan(self) -> MilestonePlan:
        return self.row.plan  # type: ignore[return-value]

    def due(self) -> date:
        return self.preview_due or self.plan.planned_due  # type: ignore[return-value]

    def _update_tooltip(self) -> None:
        text = f"{self.row.label}\n{words().plan(self.plan)}\n" + translate("Timeline", "Drag the right end to set its due date.")
        self.setToolTip(plain_tooltip(text))

    def geometry(self) -> tuple[float, float, float]:
        """x of the start, of the end of the work, and of the end of the due day."""
        view, plan = self.view, self.plan
        start = view.x_of(plan.planned_start)
        work_end = view.x_of(plan.work_finish + timedelta(days=1))
        due_end = view.x_of(self.due() + timedelta(days=1))
        return start, work_end, due_end

    def handle_x(self) -> float:
        return self.geometry()[2]

    def boundingRect(self) -> QRectF:
        start, work_end, due_end = self.geometry()
        left = min(start, work_end, due_end) - HANDLE_SLOP - 2
        right = max(start, work_end, due_end) + HANDLE_SLOP + TEXT_ROOM
        return QRectF(left, 0, right - left, ROW_HEIGHT)

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self._update_tooltip()
        self.update()

    def words(self) -> str:
        plan = self.plan
        due = short_date(self.due(), self.view.today)
        if self.preview_due is not None:
            return translate("Timeline", "due {date}").format(date=date_text(self.preview_due))
        if plan.overdue:
            return translate("Timeline", "overdue since {date}").format(date=due) + (" · " + translate("Timeline", "critical") if plan.critical else "")
        said = (translate("Timeline", "due {date} (set)") if plan.fixed_due else translate("Timeline", "due {date}")).format(date=due)
        if plan.critical:
            said += " · " + translate("Timeline", "critical")
        if plan.late:
            said += " · " + translate("Timeline", "{days} d late").format(days=-plan.slack_days)
        return said

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self.view.timeline_style
        plan = self.plan
        start, work_end, due_end = self.geometry()
        top = (ROW_HEIGHT - BAR_HEIGHT) / 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = style.overdue if plan.overdue else (style.critical if plan.critical else style.work)
        window_right = max(due_end, start + 2)
        slack = QColor(colour)
        slack.setAlphaF(0.22)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(slack)
        painter.drawRoundedRect(QRectF(start, top, window_right - start, BAR_HEIGHT), 3, 3)
        # The work itself, from the planned start; what runs past the due date is hatched.
        work_right = min(work_end, window_right) if due_end > start else start
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        if work_right > start:
            painter.drawRoundedRect(QRectF(start, top + 3, work_right - start, BAR_HEIGHT - 6), 2, 2)
        if work_end > window_right:
            painter.setBrush(QBrush(style.overdue, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(style.overdue, 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(window_right, top + 3, work_end - window_right, BAR_HEIGHT - 6))
        # The grip at the due end: this is what is dragged.
        grip = QPen(style.text if self.preview_due is None else style.today, 1.6)
        painter.setPen(grip)
        for dx in (-3.0, 0.0):
            painter.drawLine(QPointF(due_end + dx, top + 3), QPointF(due_end + dx, top + BAR_HEIGHT - 3))
        if plan.fixed_due and self.preview_due is None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.text)
            painter.drawPolygon(QPolygonF([QPointF(due_end - 4, top - 5), QPointF(due_end + 4, top - 5), QPointF(due_end, top)]))
        font = self.view.small_font
        painter.setFont(font)
        text_colour = style.overdue if plan.overdue else (style.late if plan.late else style.muted)
        if self.preview_due is not None:
            text_colour = style.today
        painter.setPen(text_colour)
        text_left = max(due_end, work_end) + HANDLE_SLOP + 2
        painter.drawText(QRectF(text_left, 0, TEXT_ROOM - 8, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.words())
        if self.view.keyboard.focused == self.node_id and self.view.hasFocus():
            paint_bar_focus(painter, self.view, QRectF(start, top, window_right - start, BAR_HEIGHT))


class TodoMarker(QGraphicsItem):
    """A dated todo: a diamond on its due day."""

    SIZE = 11.0

    def __init__(self, view: TimelineView, row: Row, index: int) -> None:
        super().__init__()
        self.view, self.row = view, row
        self.todo: Todo = row.todo  # type: ignore[assignment]
        self.due = day_of(self.todo.due_date) or view.today
        self.setPos(view.x_of(self.due) + view.day_width / 2, index * ROW_HEIGHT + ROW_HEIGHT / 2)
        notes = f"\n{self.todo.notes}" if self.todo.notes else ""
        pattern = translate("Timeline", "due {date} (done)") if self.todo.completed else translate("Timeline", "due {date}")
        self.setToolTip(plain_tooltip(f"{self.todo.title}\n{pattern.format(date=date_text(self.due))}{notes}"))

    def overdue(self) -> bool:
        return not self.todo.completed and self.due < self.view.today

    def boundingRect(self) -> QRectF:
        half = self.SIZE / 2 + 2
        return QRectF(-half, -half, half * 2 + TEXT_ROOM, half * 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self.view.timeline_style
        half = self.SIZE / 2
        colour = style.good if self.todo.completed else (style.overdue if self.overdue() else style.text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, 1.4))
        painter.setBrush(colour if self.todo.completed else style.base)
        painter.drawPolygon(QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)]))
        painter.setFont(self.view.small_font)
        painter.setPen(colour if self.overdue() else style.muted)
        if self.todo.completed:
            words = translate("Timeline", "done")
        else:
            pattern = translate("Timeline", "overdue since {date}") if self.overdue() else translate("Timeline", "due {date}")
            words = pattern.format(date=short_date(self.due, self.view.today))
        painter.drawText(QRectF(half + 6, -ROW_HEIGHT / 2, TEXT_ROOM, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, words)
