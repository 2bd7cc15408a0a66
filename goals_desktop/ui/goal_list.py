"""The goal list: a model over GoalService.list_goals and a delegate that paints each goal's card."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionProgressBar, QStyleOptionViewItem, QApplication

from typing import TYPE_CHECKING

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.rules import days_left_text
from goals_desktop.domain.models import Goal
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.schedule import GoalSignal, goal_signal
from goals_desktop.ui import palette as colours
from goals_desktop.ui.text import plain_tooltip

if TYPE_CHECKING:  # the list can show before storage (SQLAlchemy) is even imported: see show_goals
    from goals_desktop.storage import Change, GoalService

GOAL_ROLE = Qt.ItemDataRole.UserRole + 1
GOAL_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SIGNAL_ROLE = Qt.ItemDataRole.UserRole + 3


class GoalListModel(QAbstractListModel):
    """Goals matching the current status filter and search text, oldest first."""

    def __init__(self, service: GoalService | None, parent=None) -> None:
        """Without a service (the window's start) it shows what show_goals() gives it until
        attach_service(); the signals (which need roadmaps) come then."""
        super().__init__(parent)
        self.service: GoalService | None = None
        self.status_filter: str | None = None
        self.search_text = ""
        self._goals: list[Goal] = []
        # On-track signals, worked out when a row is first painted and kept until its goal changes:
        # a list of thousands of goals never loads every roadmap.
        self._signals: dict[str, GoalSignal] = {}
        self._signal_day = local_today()
        if service is not None:
            self.attach_service(service, reload=False)

    def attach_service(self, service: GoalService, reload: bool = True) -> None:
        self.service = service
        unsubscribe = service.subscribe(self._forget_signal)
        self.destroyed.connect(lambda *_: unsubscribe())
        if reload:
            self.reload()

    def show_goals(self, goals: list[Goal]) -> None:
        """Show these goals (a first look at the file, before the service exists)."""
        self.beginResetModel()
        self._goals = list(goals)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal = self._goals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return goal.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(goal.description or goal.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{goal.title}, {goal.progress} percent, {goal.status}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            signal = self.signal_of(goal)
            return signal.full_text() if signal else ""
        if role == SIGNAL_ROLE:
            return self.signal_of(goal)
        if role == GOAL_ROLE:
            return goal
        if role == GOAL_ID_ROLE:
            return goal.id
        return None

    def set_filter(self, status: str | None, search: str) -> None:
        self.status_filter, self.search_text = status, search
        self.reload()

    def reload(self) -> None:
        if self.service is None:
            return
        goals = self.service.list_goals(status=self.status_filter, search=self.search_text)
        if [g.id for g in goals] == [g.id for g in self._goals]:
            # Same rows: repaint in place so selection and scroll position stay put.
            self._goals = goals
            if goals:
                self.dataChanged.emit(self.index(0), self.index(len(goals) - 1))
            return
        self.beginResetModel()
        self._goals = goals
        self.endResetModel()

    def signal_of(self, goal: Goal) -> GoalSignal | None:
        today = local_today()
        if today != self._signal_day:
            self._signals.clear()
            self._signal_day = today
        signal = self._signals.get(goal.id)
        if signal is None:
            if self.service is None:
                return None
            try:
                signal = goal_signal(self.service.get_goal(goal.id), today)
            except GoalsError:
                return None
            self._signals[goal.id] = signal
        return signal

    def _forget_signal(self, change: Change) -> None:
        self._signals.pop(change.goal_id, None)

    def forget_signals(self) -> None:
        """Data changed behind the service's back (another copy of the app): work every signal out again."""
        self._signals.clear()

    def row_of(self, goal_id: str | None) -> int:
        return next((row for row, goal in enumerate(self._goals) if goal.id == goal_id), -1)

    def goal_at(self, row: int) -> Goal | None:
        return self._goals[row] if 0 <= row < len(self._goals) else None


class GoalCardDelegate(QStyledItemDelegate):
    """Title and status, target date, the plan's signal (a coloured dot and words), and a progress
    bar with percent below."""

    PADDING = 8
    BAR_HEIGHT = 14

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = option.fontMetrics.height()
        return QSize(220, self.PADDING * 3 + line * 3 + self.BAR_HEIGHT + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        goal: Goal | None = index.data(GOAL_ROLE)
        if goal is None:
            return super().paint(painter, option, index)
        painter.save()
        style = option.widget.style() if option.widget else QApplication.style()
        # Background, selection and focus come from the style, so the system palette (light/dark) rules.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.7)
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = option.fontMetrics
        line = metrics.height()

        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        status_text = goal.status
        status_width = metrics.horizontalAdvance(status_text) + 6
        title_rect = QRect(rect.left(), rect.top(), rect.width() - status_width, line)
        title = painter.fontMetrics().elidedText(goal.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(option.font)
        painter.setPen(self._status_colour(goal.status, palette, selected))
        painter.drawText(
            QRect(rect.right() - status_width, rect.top(), status_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            status_text,
        )

        due = self.target_text(goal)
        painter.setPen(self._due_colour(goal, palette, muted, selected))
        painter.drawText(
            QRect(rect.left(), rect.top() + line + 2, rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(due, Qt.TextElideMode.ElideRight, rect.width()),
        )

        signal = index.data(SIGNAL_ROLE)
        if signal is not None:
            colour = colours.signal_colour(signal, palette) if not selected else text_colour
            top = rect.top() + 2 * line + 4
            dot = max(6, line // 2)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.signal_colour(signal, palette))
            painter.drawEllipse(QRect(rect.left(), top + (line - dot) // 2, dot, dot))
            painter.restore()
            painter.setPen(colour)
            text_rect = QRect(rect.left() + dot + 6, top, rect.width() - dot - 6, line)
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(signal.full_text(), Qt.TextElideMode.ElideRight, text_rect.width()),
            )

        bar = QStyleOptionProgressBar()
        bar.rect = QRect(rect.left(), rect.top() + 3 * line + 10, rect.width(), self.BAR_HEIGHT)
        bar.minimum, bar.maximum, bar.progress = 0, 100, goal.progress
        bar.text = f"{goal.progress}%"
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
        painter.restore()

    @staticmethod
    def target_text(goal: Goal) -> str:
        if not goal.target_date:
            return "No target date"
        return f"Target {goal.target_date[:10]} · {days_left_text(goal.target_date)}"

    @staticmethod
    def _status_colour(status: str, palette: QPalette, selected: bool) -> QColor:
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        if status == "completed":
            return colours.good(palette)
        if status == "abandoned":
            return palette.color(QPalette.ColorRole.PlaceholderText)
        return palette.color(QPalette.ColorRole.Link)

    @staticmethod
    def _due_colour(goal: Goal, palette: QPalette, muted: QColor, selected: bool) -> QColor:
        if not selected and goal.status == "active" and "overdue" in GoalCardDelegate.target_text(goal):
            return colours.bad(palette)
        return muted
