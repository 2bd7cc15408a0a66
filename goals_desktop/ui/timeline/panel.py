"""TimelinePanel: the Timeline tab beside the canvas. It shows the context's current goal, follows
the service's change announcements while visible, and turns a dragged bar end into one
SetDueDateCommand pushed through the context."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from goals_desktop.domain.errors import NotFoundError
from goals_desktop.domain.models import Goal
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.schedule import Schedule, schedule_or_none
from goals_desktop.storage import Change
from goals_desktop.ui.commands.roadmap import SetDueDateCommand, check_off_command
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.timeline.view import TimelineView

LEGEND = "Solid: the work · light: room to spare · hatched: past its due date · purple: critical path · ▼ a date you set · drag a bar's right end to set its due date"


class TimelinePanel(QWidget):
    node_activated = Signal(str, str)  # goal id, node id: show it on the canvas

    def __init__(self, context: PanelContext, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.context = context
        self.service = context.service
        self._shown_id: str | None = None  # the goal id the view was last fitted to
        self.goal: Goal | None = None
        self.schedule: Schedule | None = None
        self._stale = True

        self.view = TimelineView()
        self.view.due_requested.connect(self.set_due_date)
        self.view.toggle_requested.connect(self.toggle_node)
        self.view.node_activated.connect(lambda node_id: self.goal is not None and self.node_activated.emit(self.goal.id, node_id))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(6, 4, 6, 0)
        for text, name, tip, slot in (
            ("−", self.tr("Zoom out"), "Zoom out (Ctrl+wheel)", self.view.zoom_out),
            ("+", self.tr("Zoom in"), "Zoom in (Ctrl+wheel)", self.view.zoom_in),
            ("Fit", self.tr("Fit the whole plan"), "Show the whole plan", self.fit),
        ):
            button = QToolButton(text=text, toolTip=tip)
            button.setAccessibleName(name)  # "−" and "+" say nothing to a screen reader
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.legend = QLabel(LEGEND)
        self.legend.setEnabled(False)
        self.legend.setWordWrap(True)
        buttons.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

        context.current.changed.connect(lambda _goal_id: self.reload())
        unsubscribe = self.service.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())

    # -- showing ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the current goal (again: its data may have changed outside this window)."""
        if self.context.current.id != self._shown_id:
            self._shown_id = self.context.current.id
            self.view._fitted = False
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_change(self, change: Change) -> None:
        # Todo changes may move a dated todo of this goal (or one that just lost its goal).
        if change.goal_id == self.context.current.id or change.kind == "todos":
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
        if self.context.current.id is not None:
            try:
                goal = self.service.get_goal(self.context.current.id)
            except NotFoundError:
                pass  # gone: an empty timeline until it comes back or another goal is current
        today = local_today()
        schedule = schedule_or_none(goal, today) if goal is not None else None
        todos = self.service.list_todos(goal_id=goal.id) if goal is not None else []
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
        pushed = self.context.push(SetDueDateCommand(self.service, goal.id, node, due))
        if not pushed:
            self.refresh()  # put the bar back where the stored date says
        return pushed.applied

    def toggle_node(self, node_id: str) -> bool:
        """Check a milestone off or reopen it: the canvas's command, one undo step."""
        goal = self.goal
        node = goal.roadmap.node(node_id) if goal is not None and goal.roadmap is not None else None
        if node is None:
            return False
        return self.context.push(check_off_command(self.service, goal.id, [node])).applied

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fit()
            return
        super().keyPressEvent(event)
