"""The Timeline view: one row per milestone (in dependency order) and per dated todo, against days.

Each open milestone's bar runs from its planned start to its due date; the solid part is its work,
the light part its slack, a red hatch the work that runs past the due date. Drag a bar's right end
to set the milestone's due date (the view only reports the request; the panel turns it into an undo
command). Lines mark today, the target date and the projected finish. The day axis (top) and the
labels (left) stay put while the chart scrolls.

Zoom changes the width of a day, not the view's transform, so text stays crisp and one scene unit
is one pixel; that keeps the sticky header and label column simple.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QFontMetricsF, QMouseEvent, QPainter, QPalette, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QMenu

from goals_desktop.domain.models import Goal
from goals_desktop.domain.schedule import Schedule
from goals_desktop.domain.todos import Todo
from goals_desktop.ui.accessibility import register_view
from goals_desktop.ui.words import short_date
from goals_desktop.ui.timeline.accessible import ROLE, TimelineAccessibility
from goals_desktop.ui.timeline.keyboard import TimelineKeyboard, paint_focused_label
from goals_desktop.ui.timeline.rows import (
    HANDLE_SLOP,
    ROW_HEIGHT,
    TEXT_ROOM,
    MilestoneBar,
    Row,
    TimelineStyle,
    TodoMarker,
    day_of,
    rows_for,
)

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text") calls)

HEADER_HEIGHT = 46.0
LABEL_WIDTH = 240.0
MIN_DAY_WIDTH = 1.0
MAX_DAY_WIDTH = 60.0
DAYS_BEFORE = 3
DAYS_AFTER = 7


class TimelineView(QGraphicsView):
    due_requested = Signal(str, object)  # node id, new due date (a date) or None to clear it
    node_activated = Signal(str)  # double-click or "Show on canvas"
    toggle_requested = Signal(str)  # node id: check it off or reopen it (Space, a screen reader)
    # The sticky parts painted over the chart (keyboard.py keeps the focused row clear of them).
    header_height, label_width = HEADER_HEIGHT, LABEL_WIDTH

    def __init__(self, parent=None) -> None:
        self._scene = QGraphicsScene()
        super().__init__(self._scene, parent)
        self.setObjectName("timelineView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # The sticky axis and labels are painted over the chart: every scroll must repaint them.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setMouseTracking(True)
        self.timeline_style = TimelineStyle.from_palette(self.palette())
        self.small_font = QFont(self.font())
        self.small_font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        self.rows: list[Row] = []
        self.bars: dict[str, MilestoneBar] = {}
        self.markers: dict[str, TodoMarker] = {}
        self.today = date.today()
        self.origin = self.today
        self.days = 30
        self.day_width = 12.0
        self.schedule: Schedule | None = None
        self.target: date | None = None
        self.empty_message = ""
        self._drag: MilestoneBar | None = None
        self._fitted = False
        self.goal: Goal | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keyboard = TimelineKeyboard(self)
        self.accessibility = TimelineAccessibility(self)

    # -- content ------------------------------------------------------------------------------

    def set_content(self, goal: Goal | None, schedule: Schedule | None, todos: list[Todo], today: date) -> None:
        self.today = today
        self.schedule = schedule
        self.goal = goal
        self.target = day_of(goal.target_date) if goal is not None else None
        self.rows = rows_for(goal, schedule, todos)
        days: list[date] = [today]
        if self.target is not None:
            days.append(self.target)
        for row in self.rows:
            plan = row.plan
            if plan is not None and not plan.completed:
                days += [plan.planned_start, plan.planned_due, plan.work_finish]
            if row.todo is not None and day_of(row.todo.due_date):
                days.append(day_of(row.todo.due_date))
        if schedule is not None:
            days.append(schedule.projected_finish)
        first, last = min(days), max(days)
        self.origin = first - timedelta(days=DAYS_BEFORE)
        self.days = max(14, (last - self.origin).days + DAYS_AFTER)
        if goal is None:
            self.empty_message = translate("Timeline", "Select a goal to see its timeline")
        elif not self.rows:
            self.empty_message = translate("Timeline", "No milestones yet: add some on the Roadmap tab or generate a roadmap")
        else:
            self.empty_message = ""
        if not self._fitted and self.viewport().width() > LABEL_WIDTH:
            self._fitted = True
            self.day_width = self._fitting_day_width()
        self._rebuild()

    def _fitting_day_width(self) -> float:
        # Room for the whole plan and the words after the last bar.
        room = self.viewport().width() - LABEL_WIDTH - TEXT_ROOM
        return max(MIN_DAY_WIDTH, min(MAX_DAY_WIDTH, room / max(1, self.days)))

    def _rebuild(self) -> None:
        self._drag = None
        self._scene.clear()
        self.bars.clear()
        self.markers.clear()
        for index, row in enumerate(self.rows):
            if row.kind == "milestone" and row.plan is not None and not row.plan.completed:
                bar = MilestoneBar(self, row, index)
                self._scene.addItem(bar)
                self.bars[row.key] = bar
            elif row.kind == "todo":
                marker = TodoMarker(self, row, index)
                self._scene.addItem(marker)
                self.markers[row.key] = marker
        width = self.days * self.day_width + TEXT_ROOM
        height = len(self.rows) * ROW_HEIGHT + 20
        self._scene.setSceneRect(QRectF(-LABEL_WIDTH, -HEADER_HEIGHT, LABEL_WIDTH + width, HEADER_HEIGHT + height))
        self.viewport().update()
        self.keyboard.rows_changed()
        self.accessibility.changed()

    def apply_palette(self) -> None:
        self.timeline_style = TimelineStyle.from_palette(self.palette())
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.apply_palette()

    # -- geometry -----------------------------------------------------------------------------

    def row_rect(self, index: int) -> QRectF:
        """Row index's scene rect across the visible width, the sticky label column included."""
        return QRectF(self.mapToScene(0, 0).x(), index * ROW_HEIGHT, self.viewport().width(), ROW_HEIGHT)

    def x_of(self, day: date) -> float:
        return (day - self.origin).days * self.day_width

    def day_boundary_at(self, x: float) -> date:
        """The day boundary nearest scene x (a drag snaps to whole days)."""
        return self.origin + timedelta(days=round(x / self.day_width))

    def handle_point(self, node_id: str) -> QPointF:
        """Scene point of a bar's draggable end (tests and keyboard-free scripting use it)."""
        bar = self.bars[node_id]
        return QPointF(bar.handle_x(), bar.pos().y() + ROW_HEIGHT / 2)

    def bar_at(self, scene_pos: QPointF, handle_only: bool) -> MilestoneBar | None:
        index = math.floor(scene_pos.y() / ROW_HEIGHT)
        if not 0 <= index < len(self.rows):
            return None
        bar = self.bars.get(self.rows[index].key)
        if bar is None:
            return None
        start, _work_end, due_end = bar.geometry()
        if abs(scene_pos.x() - due_end) <= HANDLE_SLOP:
            return bar
        if handle_only:
            return None
        return bar if min(start, due_end) <= scene_pos.x() <= max(start, due_end) else None

    # -- zoom -----------------------------------------------------------------------------------

    def set_day_width(self, width: float, anchor_x: float | None = None) -> None:
        width = max(MIN_DAY_WIDTH, min(MAX_DAY_WIDTH, width))
        if abs(width - self.day_width) < 1e-6:
            return
        anchor_x = self.viewport().width() / 2 if anchor_x is None else anchor_x
        scene_x = self.mapToScene(int(anchor_x), 0).x()
        day_offset = scene_x / self.day_width
        self.day_width = width
        self._rebuild()
        # Keep the day under the pointer where it was.
        new_x = day_offset * width
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + round(new_x - scene_x))

    def zoom_in(self) -> None:
        self.set_day_width(self.day_width * 1.5)

    def zoom_out(self) -> None:
        self.set_day_width(self.day_width / 1.5)

    def fit(self) -> None:
        self.day_width = self._fitting_day_width()
        self._rebuild()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
            self.set_day_width(self.day_width * 1.0015 ** event.angleDelta().y(), event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    # -- dragging a bar's end -------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            bar = self.bar_at(self.mapToScene(event.position().toPoint()), handle_only=True)
            if bar is not None:
                self._drag = bar
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        scene_pos = self.mapToScene(event.position().toPoint())
        if self._drag is not None:
            bar = self._drag
            due = self.day_boundary_at(scene_pos.x()) - timedelta(days=1)
            bar.preview_due = max(due, bar.plan.planned_start)
            bar.refresh()
            self.viewport().update()
            event.accept()
            return
        over_handle = self.bar_at(scene_pos, handle_only=True) is not None
        if over_handle:
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
        else:
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            bar, self._drag = self._drag, None
            due, bar.preview_due = bar.preview_due, None
            bar.refresh()
            event.accept()
            if due is not None and due != bar.plan.planned_due:
                self.due_requested.emit(bar.node_id, due)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(self.mapToScene(event.position().toPoint()), handle_only=False)
        row = self._row_at(self.mapToScene(event.position().toPoint()))
        node_id = bar.node_id if bar is not None else (row.key if row is not None and row.kind == "milestone" else None)
        if node_id is not None:
            self.node_activated.emit(node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _row_at(self, scene_pos: QPointF) -> Row | None:
        index = math.floor(scene_pos.y() / ROW_HEIGHT)
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def context_menu_for(self, scene_pos: QPointF) -> QMenu | None:
        row = self._row_at(scene_pos)
        if row is None or row.kind != "milestone":
            return None
        menu = QMenu(self)
        show = menu.addAction(translate("Timeline", "Show on canvas"))
        show.triggered.connect(lambda: self.node_activated.emit(row.key))
        if row.node is not None and row.node.due_date:
            clear = menu.addAction(translate("Timeline", "Clear the due date (use the planned date)"))
            clear.triggered.connect(lambda: self.due_requested.emit(row.key, None))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_for(self.mapToScene(event.pos()))
        if menu is not None:
            menu.aboutToHide.connect(menu.deleteLater)
            menu.popup(event.globalPos())
            event.accept()

    # -- painting -------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        style = self.timeline_style
        painter.fillRect(rect, style.base)
        for index in range(len(self.rows)):
            if index % 2:
                painter.fillRect(QRectF(rect.left(), index * ROW_HEIGHT, rect.width(), ROW_HEIGHT), style.band)
        top, bottom = rect.top(), rect.bottom()
        painter.setPen(QPen(style.grid, 1))
        for month in self._month_starts():
            x = self.x_of(month)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if self.schedule is not None and self.schedule.open_count:
            x = self.x_of(self.schedule.projected_finish + timedelta(days=1))
            painter.setPen(QPen(style.muted, 1.4, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if self.target is not None:
            x = self.x_of(self.target + timedelta(days=1))
            on_track = self.schedule is None or self.schedule.on_track
            painter.setPen(QPen(style.good if on_track else style.overdue, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        x = self.x_of(self.today)
        painter.setPen(QPen(style.today, 2))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _month_starts(self) -> list[date]:
        first = date(self.origin.year, self.origin.month, 1)
        months, day = [], first
        end = self.origin + timedelta(days=self.days)
        while day <= end:
            if day >= self.origin:
                months.append(day)
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return months

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        style = self.timeline_style
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        painter.save()
        if self.empty_message:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(visible.adjusted(24, HEADER_HEIGHT + 24, -24, -24), Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.empty_message)
        self._paint_header(painter, visible, style)
        self._paint_labels(painter, visible, style)
        corner = QRectF(visible.left(), visible.top(), LABEL_WIDTH, HEADER_HEIGHT)
        painter.fillRect(corner, style.header)
        painter.setPen(style.muted)
        painter.setFont(self.small_font)
        painter.drawText(corner.adjusted(10, 0, -6, -4), Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, translate("Timeline", "Milestone"))
        painter.setPen(QPen(style.grid, 1))
        painter.drawLine(QPointF(visible.left(), visible.top() + HEADER_HEIGHT), QPointF(visible.right(), visible.top() + HEADER_HEIGHT))
        painter.drawLine(QPointF(visible.left() + LABEL_WIDTH, visible.top()), QPointF(visible.left() + LABEL_WIDTH, visible.bottom()))
        painter.restore()

    def _paint_header(self, painter: QPainter, visible: QRectF, style: TimelineStyle) -> None:
        band = QRectF(visible.left(), visible.top(), visible.width(), HEADER_HEIGHT)
        painter.fillRect(band, style.header)
        painter.setFont(self.small_font)
        metrics = QFontMetricsF(self.small_font)
        top = band.top()
        painter.setPen(style.text)
        for month in self._month_starts():
            x = self.x_of(month)
            painter.setPen(QPen(style.grid, 1))
            painter.drawLine(QPointF(x, top + 2), QPointF(x, top + 18))
            painter.setPen(style.text)
            label = QLocale().toString(QDate(month.year, month.month, 1), "MMM" if month.year == self.today.year else "MMM yyyy")
            painter.drawText(QPointF(x + 4, top + 14), label)
        flags, week_ticks, week_labels = self.header_marks(top, metrics)
        painter.setPen(QPen(style.grid, 1))
        for x in week_ticks:
            painter.drawLine(QPointF(x, top + 20), QPointF(x, top + 24))
        painter.setPen(style.muted)
        for rect, text in week_labels:
            painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), text)
        for x, box, text, colour in flags:
            painter.fillRect(box, style.header)
            painter.setPen(colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(x, box.top() - 2), QPointF(x, band.bottom()))

    def _week_starts(self) -> list[date]:
        """The Mondays that get a tick, when there is room for them."""
        if self.day_width * 7 < 18:
            return []
        first = self.origin + timedelta(days=(7 - self.origin.weekday()) % 7)
        return [first + timedelta(days=7 * n) for n in range((self.days - (first - self.origin).days) // 7 + 1)]

    def header_marks(self, top: float, metrics: QFontMetricsF
                     ) -> tuple[list[tuple[float, QRectF, str, QColor]], list[float], list[tuple[QRectF, str]]]:
        """Where the header's flags (today, target, projected finish: x, label box, text, colour),
        week ticks (x of each Monday) and week-day numbers (box, text) go. A number a flag's label or line would cover is left out:
        the flag says more about that day."""
        style = self.timeline_style
        flags = [(self.today, translate("Timeline", "Today"), style.today, 0)]
        if self.target is not None:
            on_track = self.schedule is None or self.schedule.on_track
            target = translate("Timeline", "Target {date}").format(date=short_date(self.target, self.today))
            flags.append((self.target + timedelta(days=1), target, style.good if on_track else style.overdue, 1))
        if self.schedule is not None and self.schedule.open_count:
            finish = self.schedule.projected_finish
            finish_text = translate("Timeline", "Finish {date}").format(date=short_date(finish, self.today))
            flags.append((finish + timedelta(days=1), finish_text, style.muted, 2))
        placed = []
        for day, text, colour, _order in flags:
            x = self.x_of(day)
            width = metrics.horizontalAdvance(text) + 8
            # Labels sit right of their line unless they would run into the next label.
            box = QRectF(x + 2, top + HEADER_HEIGHT - metrics.height() - 4, width, metrics.height() + 2)
            if day != self.today and any(d != day and 0 <= self.x_of(d) - x < width for d, *_ in flags):
                box.moveRight(x - 2)
            placed.append((x, box, text, colour))
        covered = [box.united(QRectF(x - 1, box.top() - 2, 2, HEADER_HEIGHT)) for x, box, *_ in placed]
        mondays = self._week_starts()
        week_labels = []
        if self.day_width * 7 >= 44:
            for monday in mondays:
                text = str(monday.day)
                rect = QRectF(self.x_of(monday) + 2, top + 24, metrics.horizontalAdvance(text), metrics.height())
                if not any(rect.intersects(area) for area in covered):
                    week_labels.append((rect, text))
        return placed, [self.x_of(monday) for monday in mondays], week_labels

    def _paint_labels(self, painter: QPainter, visible: QRectF, style: TimelineStyle) -> None:
        column = QRectF(visible.left(), visible.top() + HEADER_HEIGHT, LABEL_WIDTH, visible.height() - HEADER_HEIGHT)
        painter.fillRect(column, style.header)
        painter.setClipRect(column)
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        first = max(0, math.floor((column.top()) / ROW_HEIGHT))
        last = min(len(self.rows), math.ceil(column.bottom() / ROW_HEIGHT) + 1)
        for index in range(first, last):
            row = self.rows[index]
            box = QRectF(column.left() + 10, index * ROW_HEIGHT, LABEL_WIDTH - 16, ROW_HEIGHT)
            if index % 2:
                painter.fillRect(QRectF(column.left(), index * ROW_HEIGHT, LABEL_WIDTH, ROW_HEIGHT), style.band)
            painter.setFont(bold if row.kind == "section" else self.font())
            prefix = ""
            colour = style.text
            if row.kind == "milestone" and row.node is not None and row.node.completed:
                prefix, colour = "✓ ", style.muted
            elif row.kind == "milestone" and row.plan is not None and row.plan.overdue:
                colour = style.overdue
            elif row.kind == "todo" and row.todo is not None:
                prefix = "☑ " if row.todo.completed else "☐ "
                colour = style.muted if row.todo.completed else style.text
            if row.kind == "milestone" and row.key == self.keyboard.focused and self.hasFocus():
                paint_focused_label(painter, self, QRectF(column.left(), index * ROW_HEIGHT, LABEL_WIDTH, ROW_HEIGHT))
                colour = self.palette().color(QPalette.ColorRole.HighlightedText)
            painter.setPen(colour)
            text = metrics.elidedText(prefix + row.label, Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.setClipping(False)


register_view(TimelineView, ROLE)
