"""The goal list panel: status filter, search and the list of goals on the left, with the header
of the current goal above the canvas (goal_header.py) and the goal actions (goal_actions.py).

The list selection sets the context's CurrentGoal, and follows it when something else sets it.

Start-up: it is built in the window's two steps (see main_window). The frame shows the list's pane
from Qt classes alone; show_goals() adds the list's model (goal_list.py) for a first look at the
file; attach(context) the rest. Those two are the only places this module imports more.
QtCore.Qt is spelled out where used: importing the Qt namespace (its hundred enums) costs ~13 ms,
a tenth of a bare window's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QListView, QStackedWidget, QVBoxLayout, QWidget

from goals_desktop.domain.statuses import STATUSES

if TYPE_CHECKING:
    from goals_desktop.domain.models import Goal
    from goals_desktop.storage import Change
    from goals_desktop.ui.context import PanelContext
    from goals_desktop.ui.goal_actions import GoalActions
    from goals_desktop.ui.goal_header import GoalHeader

EMPTY_LIST_TEXT = QT_TRANSLATE_NOOP("MainWindow", "No goals yet — press Ctrl+N to create one.")
NO_MATCH_TEXT = QT_TRANSLATE_NOOP("MainWindow", "No goals match this filter.")
OPENING_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Opening your goals…")
GOAL_ID_ROLE = 0x0100 + 2  # QtCore.Qt.ItemDataRole.UserRole + 2, goal_list.GOAL_ID_ROLE (a test checks they agree)


class GoalsPanel(QWidget):
    """The Goals tab. `header` is its widget above the canvas and `goal_actions` its goal actions (the
    window places both)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.context: PanelContext | None = None
        self.model = None
        self.header: GoalHeader | None = None
        self.goal_actions: GoalActions | None = None
        self._pending_created: str | None = None
        self._picked_at_start: str | None = None
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.setAccessibleName(self.tr("Show goals"))
        self.status_filter.addItem(self.tr("All goals"), None)
        for status in STATUSES:
            self.status_filter.addItem(QtCore.QCoreApplication.translate("Status", status.capitalize()), status)
        self.search_field = QLineEdit(objectName="searchField")
        self.search_field.setPlaceholderText(self.tr("Search goals"))
        self.search_field.setClearButtonEnabled(True)
        # A placeholder is no name: a screen reader would announce a nameless text field.
        self.search_field.setAccessibleName(self.tr("Search goals"))
        self.goal_list = QListView(objectName="goalList")
        self.goal_list.setAccessibleName(self.tr("Goals"))
        self.goal_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goal_list.setUniformItemSizes(True)
        self.goal_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.empty_label = QLabel(objectName="emptyListLabel")  # its text and alignment come with the goals
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.goal_list)
        self.list_stack.addWidget(self.empty_label)
        self.list_stack.setCurrentWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.search_field)
        layout.addWidget(self.list_stack, 1)

    def _make_list_model(self) -> None:
        if self.model is not None:
            return
        from goals_desktop.ui.goal_list import GoalCardDelegate, GoalListModel  # start-up: after the frame painted

        self.model = GoalListModel(None, self)
        self.goal_list.setModel(self.model)
        self.goal_list.setItemDelegate(GoalCardDelegate(self.goal_list))

    def show_goals(self, goals: list[Goal]) -> None:
        """Show goals read at start-up (storage.startup.first_look), before attach()."""
        self._make_list_model()
        self.model.show_goals(goals)
        self.empty_label.setText(QtCore.QCoreApplication.translate("MainWindow", OPENING_TEXT))
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.list_stack.setCurrentWidget(self.goal_list if goals else self.empty_label)

    def attach(self, context: PanelContext) -> None:
        """Work with the service: the goals it holds, the header, the goal actions."""
        # Start-up: after the frame has painted.
        from goals_desktop.ui.goal_actions import GoalActions
        from goals_desktop.ui.goal_header import GoalHeader

        self.context = context
        self._make_list_model()
        # What the person did while the window was starting (the frame's list, search and filter
        # work from the first look at the file) is kept: the goal picked, the search, the filter.
        picked = self.goal_list.selectionModel().selectedIndexes() if self.goal_list.selectionModel() else []
        self._picked_at_start = picked[0].data(GOAL_ID_ROLE) if picked else None
        self.model.status_filter, self.model.search_text = self.status_filter.currentData(), self.search_field.text()
        self.model.attach_service(context.service, reload=False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        # First to follow the current goal (the list's row), then the header (see ui/context.py).
        context.current.changed.connect(self._current_goal_changed)
        self.header = GoalHeader()
        context.current.changed.connect(lambda _goal_id: self.header.show_goal(self.current_goal()))
        self.goal_actions = actions = GoalActions(context, self.goal_list)
        self.file_actions = [actions.new_goal_action]
        self.edit_actions = [actions.edit_goal_action, actions.delete_goal_action]
        self.toolbar_actions = [actions.new_goal_action, actions.edit_goal_action, actions.delete_goal_action]

        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.search_field.textChanged.connect(self._filter_changed)
        self.goal_list.selectionModel().currentChanged.connect(self._selection_moved)
        # activated: double-click or Enter, as the platform style defines it.
        self.goal_list.activated.connect(lambda _index: actions.edit_goal())
        unsubscribe = context.service.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())
        # Service changes can arrive in bursts (a drag of many nodes, a todo sync): refresh once.
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_from_service)
        self.model.reload()
        self._update_empty_state()

    # -- the current goal ------------------------------------------------------------------------

    def current_goal_id(self) -> str | None:
        return self.context.current.id if self.context is not None else None

    def current_goal(self) -> Goal | None:
        return self.goal_actions.current_goal() if self.goal_actions is not None else None

    def select_goal(self, goal_id: str | None) -> None:
        """Make goal_id the current goal and select it in the list (even when it already is)."""
        if goal_id == self.context.current.id:
            self._current_goal_changed(goal_id)
        else:
            self.context.current.set(goal_id)

    def restore_selection(self, goal_id: str | None) -> None:
        """At start: the goal picked while the window was starting, else the one selected when it
        last closed (goal_id), else the first."""
        picked, self._picked_at_start = self._picked_at_start, None
        if picked and self.model.row_of(picked) >= 0:
            self.select_goal(picked)
        elif goal_id and self.model.row_of(goal_id) >= 0:
            self.select_goal(goal_id)
        elif self.model.rowCount():
            self.select_goal(self.model.goal_at(0).id)

    def _current_goal_changed(self, _goal_id: str | None) -> None:
        if self._refresh_timer.isActive():
            # A change is waiting to be shown (e.g. the goal was just created): show it first.
            self._refresh_timer.stop()
            self._refresh_from_service()
        goal_id = self.context.current.id
        row = self.model.row_of(goal_id)
        if row < 0 and goal_id is not None and (self.status_filter.currentIndex() or self.search_field.text()):
            # The goal is hidden by the filter: show everything rather than select nothing.
            self.status_filter.setCurrentIndex(0)
            self.search_field.clear()
            row = self.model.row_of(goal_id)
        if row >= 0:
            self.goal_list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.goal_list.scrollTo(self.model.index(row))

    def _selection_moved(self, current, _previous) -> None:
        self.context.current.set(current.data(GOAL_ID_ROLE) if current.isValid() else None)

    def _filter_changed(self) -> None:
        selected = self.current_goal_id()
        self.model.set_filter(self.status_filter.currentData(), self.search_field.text())
        self._update_empty_state()
        self._reselect(selected)

    def _reselect(self, goal_id: str | None) -> None:
        row = self.model.row_of(goal_id)
        if row < 0 and self.model.rowCount() and goal_id is not None:
            row = 0
        if row >= 0:
            self.goal_list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.context.current.set(self.model.goal_at(row).id)
        else:
            self.context.current.set(None)

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        filtered = bool(self.status_filter.currentData() or self.search_field.text().strip())
        self.empty_label.setText(QtCore.QCoreApplication.translate("MainWindow", NO_MATCH_TEXT if filtered else EMPTY_LIST_TEXT))
        self.list_stack.setCurrentWidget(self.empty_label if empty else self.goal_list)

    # -- following the service --------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind == "created":
            self._pending_created = change.goal_id
        self._refresh_timer.start()

    def _refresh_from_service(self) -> None:
        selected = self.current_goal_id()
        created, self._pending_created = self._pending_created, None
        self.model.reload()
        self._update_empty_state()
        # A goal just made (or brought back by undo) is the one the person wants to see.
        self._reselect(created if self.model.row_of(created) >= 0 else selected)
        self.header.show_goal(self.current_goal())

    def reload(self) -> None:
        """Data changed outside this window (another copy, the CLI, a restored backup)."""
        self._refresh_timer.stop()
        self.model.forget_signals()
        self._refresh_from_service()
