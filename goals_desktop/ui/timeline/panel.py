"""TimelinePanel: the Timeline tab beside the canvas. It shows one goal (the one on the canvas),
follows the service's change announcements while visible, and turns a dragged bar end into one
SetDueDateCommand on the window's undo stack."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Goal
from goals_desktop.domain.schedule import Schedule, local_today, schedule_goal
from goals_desktop.storage import Change, GoalService

from ..commands import push
from .commands import SetDueDateCommand
from .view import TimelineView

LEGEND = QT_TRANSLATE_NOOP(
    "TimelinePanel",
    "Solid: the work · light: room to spare · hatched: past its due date · purple: critical path · ▼ a date you set · drag a bar's right end to set its due date",
)


class TimelinePanel(QWidget):
    message = Signal(str)
    node_activated = Signal(str, str)  # goal id, node id: show it on the canvas

    def __init__(self, service: GoalService, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.service = service
        self.undo_stack = undo_stack
        self._goal_id: str | None = None
        self.goal: Goal | None = None
        self.schedule: Schedule | None = None
        self._stale = True

        self.view = TimelineView()
        self.view.due_requested.connect(self.set_due_date)
        self.view.node_activated.connect(lambda node_id: self._goal_id and self.node_activated.emit(self._goal_id, node_id))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(6, 4, 6, 0)
        for text, tip, slot in (
            ("−", self.tr("Zoom out (Ctrl+wheel)"), self.view.zoom_out),
            ("+", self.tr("Zoom in (Ctrl+wheel)"), self.view.zoom_in),
            (self.tr("Fit"), self.tr("Show the whole plan"), self.fit),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.legend = QLabel(QCoreApplication.translate("TimelinePanel", LEGEND))
        self.legend.setEnabled(False)
        self.legend.setWordWrap(True)
        buttons.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        unsubscribe = service.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())

    # -- showing ---------------------------------------------------------------------------------

    def goal_id(self) -> str | None:
        return self._goal_id

    def show_goal(self, goal_id: str | None) -> None:
        if goal_id != self._goal_id:
            self._goal_id = goal_id
            self.view._fitted = False
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_change(self, change: Change) -> None:
        # Todo changes may move a dated todo of this goal (or one that just lost its goal).
        if change.goal_id == self._goal_id or change.kind == "todos":
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the goal, its schedule and its dated todos again and redraw."""
        self._stale = False
        goal = None
        if self._goal_id is not None:
            try:
                goal = self.service.get_goal(self._goal_id)
            except NotFoundError:
                self._goal_id = None
        today = local_today()
        try:
            schedule = schedule_goal(goal, today) if goal is not None else None
        except ValidationError:
            schedule = None
        todos = []
        if goal is not None and hasattr(self.service, "list_todos"):
            todos = self.service.list_todos(goal_id=goal.id)
        self.goal, self.schedule = goal, schedule
        self.view.set_content(goal, schedule, todos, today)

    def fit(self) -> None:
        self.view.fit()

    # -- the one edit ------------------------------------------------------------------------------

    def set_due_date(self, node_id: str, due: date | None) -> bool:
        """Set (None: clear) a milestone's due date as one undo step; False if the service refused."""
        goal = self.goal
        node = goal.roadmap.node(node_id) if goal is not None and goal.roadmap is not None else None
        if node is None:
            return False
        pushed = push(self.undo_stack, SetDueDateCommand(self.service, goal.id, node, due))
        if not pushed:
            self.message.emit(pushed.error)
            self.refresh()  # put the bar back where the stored date says
        return pushed.applied

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fit()
            return
        super().keyPressEvent(event)
