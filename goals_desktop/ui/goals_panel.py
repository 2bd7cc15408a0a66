"""The goal list panel: status filter, search and the list of goals on the left; the header of the
current goal above the canvas; the goal actions (New, Edit, Delete) and their dialogs.

It is built in the window's two steps (see main_window): the frame shows the list's pane from
Qt classes alone and, from a first look at the file, the goals (show_goals); attach(context) adds
what works with the service. So this module imports only Qt at first; the rest is imported where
first needed (marked "start-up" below). QtCore.Qt is spelled out where used: importing the Qt
namespace (its hundred enums) costs ~13 ms, a tenth of a bare window's start.

The list selection sets the context's CurrentGoal, and follows it when something else sets it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.domain.statuses import STATUSES

if TYPE_CHECKING:
    from goals_desktop.domain.models import Goal
    from goals_desktop.storage import Change
    from goals_desktop.ui.context import PanelContext

EMPTY_LIST_TEXT = "No goals yet — press Ctrl+N to create one."
NO_MATCH_TEXT = "No goals match this filter."
OPENING_TEXT = "Opening your goals…"
GOAL_ID_ROLE = 0x0100 + 2  # QtCore.Qt.ItemDataRole.UserRole + 2, goal_list.GOAL_ID_ROLE (a test checks they agree)


class GoalHeader(QWidget):
    """Title, progress, status and target date of the current goal, above the canvas."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("goalHeader")
        self.title = QLabel(objectName="headerTitle")
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.progress = QProgressBar(objectName="headerProgress")
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p%")
        self.progress.setFixedWidth(180)
        self.status = QLabel(objectName="headerStatus")
        self.target = QLabel(objectName="headerTarget")
        self.target.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.signal = QLabel(objectName="headerSignal")
        self.signal.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        # Under the title, so it never widens the window; it gives way first (the tooltip keeps the words).
        self.signal.setMinimumWidth(1)
        title_block = QVBoxLayout()
        title_block.setSpacing(0)
        title_block.addWidget(self.title)
        title_block.addWidget(self.signal)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(title_block, 1)
        layout.addWidget(self.target)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        self.show_goal(None)

    def show_goal(self, goal: Goal | None) -> None:
        from goals_desktop.domain.rules import days_left_text, local_today
        from goals_desktop.domain.schedule import goal_signal
        from goals_desktop.ui import palette as colours
        from goals_desktop.ui.text import plain_tooltip

        shown = self.isVisibleTo(self.window())
        self.setVisible(goal is not None)
        if goal is not None:
            self.title.setText(goal.title)
            self.title.setToolTip(plain_tooltip(goal.description))
            self.progress.setValue(goal.progress)
            self.status.setText(goal.status.capitalize())
            self.target.setText(
                f"Target {goal.target_date[:10]} ({days_left_text(goal.target_date)})" if goal.target_date else "No target date"
            )
            signal = goal_signal(goal, local_today())
            self.signal_kind = signal.kind
            self.signal.setText(f"● {signal.full_text()}")
            self.signal.setToolTip(signal.full_text())
            self.signal.setStyleSheet(f"color: {colours.signal_colour(signal, self.palette()).name()}; font-weight: 600;")
        parent = self.parentWidget()
        if parent is not None and parent.layout() is not None and self.isVisibleTo(self.window()) != shown:
            # The header came or went: the canvas's height changes now, not after it has chosen
            # its view of the goal (which would then lose its top or bottom).
            parent.layout().activate()


class GoalsPanel(QWidget):
    """The Goals tab. `header` is its widget above the canvas (the window places it)."""

    goal_created = Signal(str)  # a goal made with New goal… (the window offers to generate its roadmap)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.context: PanelContext | None = None
        self.model = None
        self.header: GoalHeader | None = None
        self._pending_created: str | None = None
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.setAccessibleName(self.tr("Show goals"))
        self.status_filter.addItem("All goals", None)
        for status in STATUSES:
            self.status_filter.addItem(status.capitalize(), status)
        self.search_field = QLineEdit(objectName="searchField")
        self.search_field.setPlaceholderText("Search goals")
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
        from goals_desktop.ui.goal_list import GoalCardDelegate, GoalListModel  # start-up: after the frame

        self.model = GoalListModel(None, self)
        self.goal_list.setModel(self.model)
        self.goal_list.setItemDelegate(GoalCardDelegate(self.goal_list))

    def show_goals(self, goals: list[Goal]) -> None:
        """Show goals read at start-up (storage.startup.first_look), before attach()."""
        self._make_list_model()
        self.model.show_goals(goals)
        self.empty_label.setText(OPENING_TEXT)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.list_stack.setCurrentWidget(self.goal_list if goals else self.empty_label)

    def attach(self, context: PanelContext) -> None:
        """Work with the service: the goals it holds, the header, the goal actions."""
        self.context = context
        self._make_list_model()
        self.model.attach_service(context.service, reload=False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        # First to follow the current goal (the list's row), then the header (see ui/context.py).
        context.current.changed.connect(self._current_goal_changed)
        self.header = GoalHeader()
        context.current.changed.connect(lambda _goal_id: self.header.show_goal(self.current_goal()))

        self.new_goal_action = QAction("&New goal…", self, shortcut=QKeySequence.StandardKey.New)
        self.new_goal_action.triggered.connect(self.new_goal)
        self.edit_goal_action = QAction("&Edit goal…", self, shortcut=QKeySequence("Ctrl+E"))
        self.edit_goal_action.triggered.connect(self.edit_goal)
        self.delete_goal_action = QAction("&Delete goal…", self, shortcut=QKeySequence.StandardKey.Delete)
        # Delete means "this goal" only in the list; on the canvas it deletes milestones.
        self.delete_goal_action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_goal_action.triggered.connect(self.delete_goal)
        self.goal_list.addAction(self.delete_goal_action)
        self.file_actions = [self.new_goal_action]
        self.edit_actions = [self.edit_goal_action, self.delete_goal_action]
        self.toolbar_actions = [self.new_goal_action, self.edit_goal_action, self.delete_goal_action]
        self._update_goal_actions()

        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.search_field.textChanged.connect(self._filter_changed)
        self.goal_list.selectionModel().currentChanged.connect(self._selection_moved)
        # activated: double-click or Enter, as the platform style defines it.
        self.goal_list.activated.connect(lambda _index: self.edit_goal())
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
        goal_id = self.current_goal_id()
        if goal_id is None:
            return None
        from goals_desktop.domain.errors import GoalsError

        try:
            return self.context.service.get_goal(goal_id)
        except GoalsError:
            return None

    def select_goal(self, goal_id: str | None) -> None:
        """Make goal_id the current goal and select it in the list (even when it already is)."""
        if goal_id == self.context.current.id:
            self._current_goal_changed(goal_id)
        else:
            self.context.current.set(goal_id)

    def restore_selection(self, goal_id: str | None) -> None:
        """At start: the goal selected when the window last closed, else the first."""
        if goal_id and self.model.row_of(goal_id) >= 0:
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
        self._update_goal_actions()

    def _selection_moved(self, current, _previous) -> None:
        self.context.current.set(current.data(GOAL_ID_ROLE) if current.isValid() else None)

    def _update_goal_actions(self) -> None:
        has_goal = self.current_goal_id() is not None
        self.edit_goal_action.setEnabled(has_goal)
        self.delete_goal_action.setEnabled(has_goal)

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
        self.empty_label.setText(NO_MATCH_TEXT if filtered else EMPTY_LIST_TEXT)
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

    # -- goal actions -------------------------------------------------------------------------------

    def new_goal(self):
        from goals_desktop.ui.commands.goals import CreateGoalCommand
        from goals_desktop.ui.goal_dialog import GoalDialog

        dialog = GoalDialog(self.window())

        def save(values: dict) -> None:
            pushed = self.context.push(CreateGoalCommand(self.context.service, values))
            if pushed:
                dialog.accept()
                self.context.message(f"Created “{values['title']}”.")
                self.goal_created.emit(pushed.command.goal_id)
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self.context.open_dialog(dialog)
        return dialog

    def edit_goal(self):
        from goals_desktop.ui.commands.goals import EditGoalCommand
        from goals_desktop.ui.goal_dialog import GoalDialog

        goal = self.current_goal()
        if goal is None:
            return None
        dialog = GoalDialog(self.window(), goal)

        def save(values: dict) -> None:
            command = EditGoalCommand(self.context.service, goal, values)
            pushed = None if command.is_empty() else self.context.push(command)
            if pushed is None or pushed:
                dialog.accept()
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self.context.open_dialog(dialog)
        return dialog

    def delete_goal(self) -> QMessageBox | None:
        from goals_desktop.domain.errors import GoalsError
        from goals_desktop.ui.commands.goals import DeleteGoalCommand

        goal = self.current_goal()
        if goal is None:
            return None
        service = self.context.service
        todo_count = len(service.list_todos(goal_id=goal.id))
        box = QMessageBox(self.window(), objectName="confirmDelete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete goal")
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(f"Delete “{goal.title}” and its roadmap?")
        box.setInformativeText("You can undo this with Ctrl+Z.")
        delete_all = keep_todos = None
        if todo_count:
            box.setInformativeText(f"It has {todo_count} linked todo{'s' if todo_count != 1 else ''}. You can undo this with Ctrl+Z.")
            keep_todos = box.addButton("Delete goal, keep todos", QMessageBox.ButtonRole.AcceptRole)
            delete_all = box.addButton("Delete goal and todos", QMessageBox.ButtonRole.DestructiveRole)
        else:
            delete_all = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(*_args) -> None:
            clicked = box.clickedButton()
            if clicked in (delete_all, keep_todos) and clicked is not None:
                try:
                    command = DeleteGoalCommand(service, goal.id, clicked is delete_all and todo_count > 0)
                except GoalsError as error:  # gone meanwhile (another copy deleted it)
                    self.context.message(str(error))
                    return
                self.context.push(command)

        box.finished.connect(answered)
        self.context.open_dialog(box)
        return box
