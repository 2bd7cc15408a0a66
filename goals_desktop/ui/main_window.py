"""The main window: goal list on the left, header + roadmap canvas on the right.

Every change goes through GoalService inside a QUndoCommand on the one undo stack the canvas
shares; the list and header follow the service's Change announcements, whoever made the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QModelIndex, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from goals_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from goals_desktop.domain.models import Goal
    from goals_desktop.storage import Change, GoalService
    from goals_desktop.ui.commands import Pushed

# The window is built in two steps (see MainWindow): this module imports only Qt classes at first,
# so that the frame paints as soon as a bare window would; the rest is imported where first needed.
# QtCore.Qt is spelled out where used: importing the Qt namespace (its hundred enums) costs ~13 ms,
# a tenth of a bare window's start, and the frame does not need it.

EMPTY_LIST_TEXT = QT_TRANSLATE_NOOP("MainWindow", "No goals yet — press Ctrl+N to create one.")
NO_MATCH_TEXT = QT_TRANSLATE_NOOP("MainWindow", "No goals match this filter.")
OPENING_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Opening your goals…")
GOAL_ID_ROLE = 0x0100 + 2  # QtCore.Qt.ItemDataRole.UserRole + 2, goal_list.GOAL_ID_ROLE (a test checks they agree)


class GoalHeader(QWidget):
    """Title, progress, status and target date of the goal on the canvas."""

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
        self.progress.setFormat(self.tr("%p%"))
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
        from goals_desktop.domain.schedule import goal_signal, local_today
        from goals_desktop.ui import plan_style
        from goals_desktop.ui.text import plain_tooltip
        from goals_desktop.ui.words import date_text, status_title, words

        self.setVisible(goal is not None)
        if goal is None:
            return
        self.title.setText(goal.title)
        self.title.setToolTip(plain_tooltip(goal.description))
        self.progress.setValue(goal.progress)
        self.status.setText(status_title(goal.status))
        self.target.setText(
            self.tr("Target {date} ({left})").format(date=date_text(goal.target_date), left=words().days_left(goal.target_date, local_today()))
            if goal.target_date
            else self.tr("No target date")
        )
        signal = goal_signal(goal, local_today())
        self.signal_kind = signal.kind
        self.signal.setText(f"● {words().signal_full(signal)}")
        self.signal.setToolTip(words().signal_full(signal))
        self.signal.setStyleSheet(f"color: {plan_style.signal_colour(signal, self.palette()).name()}; font-weight: 600;")


class MainWindow(QMainWindow):
    goal_selected = Signal(object)  # goal id or None
    # File ▸ Open database…: a Path or a postgresql:// URL; the app opens it in a new window (app.WindowHost).
    open_requested = Signal(object)

    def __init__(self, service: GoalService | None, settings: QSettings, parent=None) -> None:
        """The frame (title, saved size, the goal list's pane, empty); with a service, the whole
        window. At start-up the app shows the frame first, then show_goals() from a first look at
        the file, then attach(service): each step paints before the next one's work begins."""
        super().__init__(parent)
        self.service: GoalService | None = None
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self._dialogs: list[QWidget] = []  # open non-modal dialogs, kept alive until closed
        self.shutdown_hooks: list = []  # async callables run on close (e.g. cancel generations)
        self.model = None

        # Left: filter, search and the goal list.
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem(self.tr("All goals"), None)
        for status in ("active", "completed", "abandoned"):  # domain.models.STATUSES (a test checks)
            self.status_filter.addItem(QtCore.QCoreApplication.translate("Status", status.capitalize()), status)
        self.search_field = QLineEdit(objectName="searchField")
        self.search_field.setPlaceholderText(self.tr("Search goals"))
        self.search_field.setClearButtonEnabled(True)
        self.goal_list = QListView(objectName="goalList")
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
        goals_page = QWidget()
        left_layout = QVBoxLayout(goals_page)
        left_layout.setContentsMargins(4, 6, 4, 4)
        left_layout.addWidget(self.status_filter)
        left_layout.addWidget(self.search_field)
        left_layout.addWidget(self.list_stack, 1)
        # Goals and Todos share the left side, so the canvas keeps the room it needs.
        self.left_tabs = QTabWidget(objectName="leftTabs")
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(goals_page, self.tr("Goals"))

        self.splitter = QSplitter(objectName="mainSplitter")  # horizontal
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(QWidget())  # the header and canvas take its place in attach()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])  # room for the Todos tab's titles, ticks and due dates
        self.setCentralWidget(self.splitter)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if service is not None:
            self.attach(service)

    def _make_list_model(self) -> None:
        if self.model is not None:
            return
        from goals_desktop.ui.goal_list import GoalCardDelegate, GoalListModel

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

    def attach(self, service: GoalService) -> None:
        """Build everything that works with the data: the canvas, menus, todos, generation."""
        from goals_desktop.ui.canvas import RoadmapEditor
        from goals_desktop.ui.storage_ui import DatabaseWatcher, RestoreBackupFlow
        from goals_desktop.ui.timeline import TimelinePanel

        from goals_desktop.ui.commands import events

        self.service = service
        # An undo/redo the data no longer allows (another copy changed it) is dropped; say why.
        events(self.undo_stack).refused.connect(self.show_message)
        self._make_list_model()
        self.model.attach_service(service, reload=False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)

        # Right: header above the canvas.
        self.header = GoalHeader()
        self.editor = RoadmapEditor(service, self.undo_stack)
        # The Timeline shows the canvas's goal against the calendar, as a tab beside it.
        self.timeline = TimelinePanel(service, self.undo_stack)
        self.right_tabs = QTabWidget(objectName="rightTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.editor, self.tr("Roadmap"))
        self.right_tabs.addTab(self.timeline, self.tr("Timeline"))
        self.editor.goal_shown.connect(self.timeline.show_goal)
        right = QWidget()
        self.right_layout = QVBoxLayout(right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.right_layout.setSpacing(0)
        self.right_layout.addWidget(self.header)
        self.right_layout.addWidget(self.right_tabs, 1)
        sizes = self.splitter.sizes()
        placeholder = self.splitter.widget(1)
        self.splitter.insertWidget(1, right)  # (insertWidget hands `right` to the splitter; replaceWidget did not)
        placeholder.setParent(None)
        placeholder.deleteLater()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(sizes)

        self._make_actions()
        self._make_menus()
        self.statusBar().showMessage(self.tr("Ready"), 2000)

        self.editor.message.connect(self.show_message)
        self.editor.other_goal_edited.connect(self.select_goal)
        self.timeline.message.connect(self.show_message)
        self.timeline.node_activated.connect(self.show_node)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.search_field.textChanged.connect(self._filter_changed)
        self.goal_list.selectionModel().currentChanged.connect(self._current_changed)
        # activated: double-click or Enter, as the platform style defines it.
        self.goal_list.activated.connect(lambda _index: self.edit_goal())
        unsubscribe = service.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())
        # Service changes can arrive in bursts (a drag of many nodes, a todo sync): refresh once.
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_from_service)

        self._make_todos_panel()
        self._make_generation()
        self._make_exchange()
        self._make_local_api()

        # Another copy of the app (or the CLI) may write the same database: follow its commits.
        self.database_watcher = DatabaseWatcher(service.db, self)
        self.database_watcher.changed.connect(self.reload_everything)
        self.connection_label = QLabel(objectName="connectionState")
        self.connection_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.database_watcher.connection_changed.connect(self._connection_changed)
        self._connection_changed(self.database_watcher.connected, quiet=True)
        self.restore_flow = RestoreBackupFlow(service.db, self)
        self.restore_flow.message.connect(self.show_message)
        self.restore_flow.restored.connect(self.reload_everything)

        self.model.reload()
        self._update_empty_state()
        # The frame is on screen already: lay the new parts out now, so the canvas opens its goal
        # (readable, at its start) in the size it has, not in a freshly created widget's.
        self.layout().activate()
        self._restore_settings()

    # -- actions and menus ---------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.new_goal_action = QAction(self.tr("&New goal…"), self, shortcut=QKeySequence.StandardKey.New)
        self.new_goal_action.triggered.connect(self.new_goal)
        self.edit_goal_action = QAction(self.tr("&Edit goal…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.edit_goal_action.triggered.connect(self.edit_goal)
        self.delete_goal_action = QAction(self.tr("&Delete goal…"), self, shortcut=QKeySequence.StandardKey.Delete)
        # Delete means "this goal" only in the list; on the canvas it deletes milestones.
        self.delete_goal_action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_goal_action.triggered.connect(self.delete_goal)
        self.goal_list.addAction(self.delete_goal_action)
        self.quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.open_database_action = QAction(self.tr("&Open database…"), self, shortcut=QKeySequence.StandardKey.Open)
        self.open_database_action.triggered.connect(self.open_database)
        self.restore_action = QAction(self.tr("Restore from &backup…"), self)
        self.restore_action.triggered.connect(lambda: self.restore_flow.start())
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        self.about_action.triggered.connect(self.show_about)
        self._update_goal_actions()

    def _make_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.new_goal_action)
        self.file_menu.addAction(self.open_database_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = menus.addMenu(self.tr("&Edit"))
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.edit_goal_action, self.delete_goal_action])
        editor = self.editor
        self.roadmap_menu: QMenu = menus.addMenu(self.tr("&Roadmap"))
        self.roadmap_menu.addActions(
            [
                editor.add_node_action,
                editor.rename_node_action,
                editor.toggle_node_action,
                editor.connect_nodes_action,
                editor.delete_selection_action,
            ]
        )
        self.roadmap_menu.addSeparator()
        self.roadmap_menu.addAction(editor.tidy_layout_action)
        self.view_menu = menus.addMenu(self.tr("&View"))
        self.view_menu.addActions(
            [editor.fit_view_action, editor.zoom_selection_action, editor.zoom_in_action, editor.zoom_out_action]
        )
        self.view_menu.addSeparator()
        self.view_menu.addAction(editor.critical_path_action)
        self.help_menu = menus.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self.tr("Main"), objectName="mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.new_goal_action, self.edit_goal_action, self.delete_goal_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions(self._toolbar_undo_redo())
        self.toolbar.addSeparator()
        self.toolbar.addActions([editor.add_node_action, editor.connect_nodes_action, editor.tidy_layout_action, editor.fit_view_action])
        self.toolbar.addAction(editor.critical_path_action)
        for action, short in (
            (self.edit_goal_action, self.tr("Edit goal", "toolbar")),
            (self.delete_goal_action, self.tr("Delete goal", "toolbar")),
            (editor.add_node_action, self.tr("Add milestone", "toolbar")),
            (editor.connect_nodes_action, self.tr("Connect milestones", "toolbar")),
        ):
            action.setIconText(short)
        self.addToolBar(self.toolbar)

    def _make_todos_panel(self) -> None:
        """Todos beside the canvas; a click on a linked milestone shows it on the canvas."""
        from goals_desktop.ui.todo_actions import TodoConversions
        from goals_desktop.ui.todos_view import TodosPanel

        self.todos_panel = TodosPanel(self.service, self.undo_stack)
        self.todos_panel.message.connect(self.show_message)
        self.todos_panel.node_activated.connect(self.show_node)
        self.left_tabs.addTab(self.todos_panel, self.tr("Todos"))
        self.show_goals_action = QAction(self.tr("&Goals"), self, shortcut=QKeySequence("Ctrl+1"))
        self.show_goals_action.triggered.connect(lambda: self.left_tabs.setCurrentIndex(0))
        self.show_todos_action = QAction(self.tr("&Todos"), self, shortcut=QKeySequence("Ctrl+2"))
        self.show_todos_action.triggered.connect(lambda: self.left_tabs.setCurrentWidget(self.todos_panel))
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.show_goals_action, self.show_todos_action])
        self.todo_conversions = TodoConversions(self.service, self.undo_stack, self.editor)
        self.todo_conversions.message.connect(self.show_message)
        self.todo_conversions.install_in_context_menu()
        self.roadmap_menu.addSeparator()
        self.roadmap_menu.addActions([self.todo_conversions.milestone_action, self.todo_conversions.roadmap_action])

    def _make_generation(self) -> None:
        """AI roadmaps: actions in the Roadmap menu and toolbar, a status strip above the canvas."""
        from goals_desktop.ui.generation import GenerationController, GenerationStatusBar

        self.generation = GenerationController(self.service, self.editor, self)
        self.generation.failed.connect(lambda _goal_id, text: self.show_message(text))
        self.generation_bar = GenerationStatusBar(self.generation)
        self.add_canvas_strip(self.generation_bar)
        self.provider_action = QAction(self.tr("AI &provider…"), self)
        self.provider_action.triggered.connect(lambda: self.generation.open_provider_dialog())
        first = self.roadmap_menu.actions()[0] if self.roadmap_menu.actions() else None
        generation_actions = [self.generation.generate_action, self.generation.regenerate_action, self.generation.cancel_action]
        self.roadmap_menu.insertActions(first, [*generation_actions, self.generation.breakdown_action])
        self.roadmap_menu.insertSeparator(first)
        self.editor.extra_node_actions.insert(0, self.generation.breakdown_action)
        self.file_menu.insertAction(self.restore_action, self.provider_action)
        self.toolbar.addSeparator()
        self.generation.regenerate_action.setIconText(self.tr("Regenerate roadmap", "toolbar"))
        self.toolbar.addActions([self.generation.generate_action, self.generation.regenerate_action])
        self.shutdown_hooks.append(self.generation.shutdown)

    def _make_exchange(self) -> None:
        """File ▸ Import… and Export… (goals_desktop/ui/exchange_actions.py)."""
        from goals_desktop.ui.exchange_actions import ExchangeActions

        self.exchange = ExchangeActions(self)
        self.exchange.message.connect(self.show_message)
        self.file_menu.insertActions(self.provider_action, [self.exchange.import_action, self.exchange.export_action])
        self.file_menu.insertSeparator(self.provider_action)
        self.goal_selected.connect(lambda _goal_id: self.exchange.update_actions())

    def _make_local_api(self) -> None:
        """File ▸ Local API: the Goals API served from this window (off by default; ui/local_api.py)."""
        from goals_desktop.ui.local_api import LocalApi

        self.local_api = LocalApi(self.service, self.settings, self)
        self.local_api.message.connect(self.show_message)
        self.file_menu.insertActions(self.restore_action, [self.local_api.action, self.local_api.copy_token_action])
        self.file_menu.insertSeparator(self.restore_action)
        self.shutdown_hooks.append(self.local_api.shutdown)

    def show_node(self, goal_id: str, node_id: str) -> None:
        self.right_tabs.setCurrentWidget(self.editor)
        self.select_goal(goal_id)
        if self.editor.goal_id() != goal_id:
            self.editor.show_goal(goal_id)
        self.editor.select_node(node_id)

    def _toolbar_undo_redo(self) -> list[QAction]:
        """Short "Undo"/"Redo" buttons (the menu's actions carry the step's name, which would make
        the toolbar jump in width); the step's name goes in the tooltip instead."""
        buttons = []
        for text, run, can_signal, can_now, name_signal in (
            (self.tr("Undo"), self.undo_stack.undo, self.undo_stack.canUndoChanged, self.undo_stack.canUndo, self.undo_stack.undoTextChanged),
            (self.tr("Redo"), self.undo_stack.redo, self.undo_stack.canRedoChanged, self.undo_stack.canRedo, self.undo_stack.redoTextChanged),
        ):
            button = QAction(text, self)
            button.triggered.connect(run)
            button.setEnabled(can_now())
            can_signal.connect(button.setEnabled)
            name_signal.connect(lambda name, button=button, text=text: button.setToolTip(self.tr("{action} {step}").format(action=text, step=name) if name else text))
            buttons.append(button)
        return buttons

    def add_side_panel(self, title: str, widget: QWidget, object_name: str) -> QDockWidget:
        """A dockable panel on the right (e.g. Todos); its visibility toggle goes in the View menu."""
        dock = QDockWidget(title, self, objectName=object_name)
        dock.setWidget(widget)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.view_menu.addSeparator()
        self.view_menu.addAction(dock.toggleViewAction())
        return dock

    def add_canvas_strip(self, widget: QWidget) -> None:
        """A full-width strip between the header and the canvas (e.g. generation status)."""
        self.right_layout.insertWidget(1, widget)

    # -- selection -------------------------------------------------------------------------------

    def current_goal_id(self) -> str | None:
        index = self.goal_list.currentIndex()
        return index.data(GOAL_ID_ROLE) if index.isValid() else None

    def current_goal(self) -> Goal | None:
        goal_id = self.current_goal_id()
        if goal_id is None:
            return None
        from goals_desktop.domain.errors import GoalsError

        try:
            return self.service.get_goal(goal_id)
        except GoalsError:
            return None

    def select_goal(self, goal_id: str | None) -> None:
        if self._refresh_timer.isActive():
            # A change is waiting to be shown (e.g. the goal was just created): show it first.
            self._refresh_timer.stop()
            self._refresh_from_service()
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

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        goal_id = current.data(GOAL_ID_ROLE) if current.isValid() else None
        header_shown = self.header.isVisibleTo(self)
        self.header.show_goal(self.current_goal())
        if self.header.isVisibleTo(self) != header_shown:
            # The header came or went: the canvas's height changes now, not after it has chosen
            # its view of the goal (which would then lose its top or bottom).
            self.right_layout.activate()
        if goal_id != self.editor.goal_id():
            self.editor.show_goal(goal_id)
        self._update_goal_actions()
        self.todo_conversions.update_actions()
        self.generation.goal_shown()
        self.goal_selected.emit(goal_id)

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
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        filtered = bool(self.status_filter.currentData() or self.search_field.text().strip())
        self.empty_label.setText(QtCore.QCoreApplication.translate("MainWindow", NO_MATCH_TEXT if filtered else EMPTY_LIST_TEXT))
        self.list_stack.setCurrentWidget(self.empty_label if empty else self.goal_list)

    # -- following the service --------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        self._pending_created = change.goal_id if change.kind == "created" else getattr(self, "_pending_created", None)
        self._refresh_timer.start()

    def _refresh_from_service(self) -> None:
        selected = self.current_goal_id()
        created = getattr(self, "_pending_created", None)
        self._pending_created = None
        self.model.reload()
        self._update_empty_state()
        # A goal just made (or brought back by undo) is the one the person wants to see.
        self._reselect(created if self.model.row_of(created) >= 0 else selected)
        if self.editor.goal_id() != self.current_goal_id():
            # The goal vanished and came back between two refreshes (delete, then undo).
            self.editor.show_goal(self.current_goal_id())
        self.header.show_goal(self.current_goal())

    def reload_everything(self) -> None:
        """Data changed outside this window (another copy, the CLI, a restored backup)."""
        self._refresh_timer.stop()
        self.model.forget_signals()
        self._refresh_from_service()
        self.editor.show_goal(self.current_goal_id())
        # Undo steps recorded against the old data could overwrite what the other copy wrote.
        self.undo_stack.clear()

    # -- goal commands ------------------------------------------------------------------------------

    def report_storage_problem(self, text: str) -> QMessageBox:
        """What the start-up check found wrong with the open file: one sentence, and the backup."""
        box = QMessageBox(self, objectName="storageProblemBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(text)
        restore = box.addButton(self.tr("Restore from backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda *_: box.clickedButton() is restore and self.restore_flow.start())
        self.show_message(text)
        self._open_dialog(box)
        return box

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _connection_changed(self, connected: bool, quiet: bool = False) -> None:
        """A server's connection state, always in view while it is lost (changes made meanwhile fail
        with one sentence and stay undone, so nothing typed is taken as saved)."""
        if connected:
            self.connection_label.clear()
            self.connection_label.setToolTip("")
            if not quiet:
                self.show_message(self.tr("Connected to the database server again; showing its latest data."))
        else:
            self.connection_label.setText(self.tr("Server connection lost — reconnecting…"))
            self.connection_label.setToolTip(self.service.db.location)

    def open_database(self) -> QWidget:
        from goals_desktop.ui.storage_ui import OpenDatabaseDialog

        dialog = OpenDatabaseDialog(self, self.service.db.location if not self.service.db.is_file else self.service.db.path)
        dialog.accepted.connect(lambda: self.open_requested.emit(dialog.target()))
        self._open_dialog(dialog)
        return dialog

    def _push(self, command) -> Pushed:
        from goals_desktop.ui.commands import push

        pushed = push(self.undo_stack, command)
        if not pushed:
            self.show_message(pushed.error)
        return pushed

    def _open_dialog(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.open()

    def new_goal(self):
        from goals_desktop.ui.goal_commands import CreateGoalCommand
        from goals_desktop.ui.goal_dialog import GoalDialog

        dialog = GoalDialog(self)

        def save(values: dict) -> None:
            pushed = self._push(CreateGoalCommand(self.service, values))
            if pushed:
                dialog.accept()
                self.show_message(self.tr("Created “{title}”.").format(title=values["title"]))
                self.offer = self.generation.offer_generation(pushed.command.goal_id)
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self._open_dialog(dialog)
        return dialog

    def edit_goal(self):
        from goals_desktop.ui.goal_commands import EditGoalCommand
        from goals_desktop.ui.goal_dialog import GoalDialog

        goal = self.current_goal()
        if goal is None:
            return None
        dialog = GoalDialog(self, goal)

        def save(values: dict) -> None:
            command = EditGoalCommand(self.service, goal, values)
            pushed = None if command.is_empty() else self._push(command)
            if pushed is None or pushed:
                dialog.accept()
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self._open_dialog(dialog)
        return dialog

    def delete_goal(self) -> QMessageBox | None:
        from goals_desktop.domain.errors import GoalsError
        from goals_desktop.ui.goal_commands import DeleteGoalCommand

        goal = self.current_goal()
        if goal is None:
            return None
        todo_count = len(self.service.list_todos(goal_id=goal.id)) if hasattr(self.service, "list_todos") else 0
        box = QMessageBox(self, objectName="confirmDelete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete goal"))
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(self.tr("Delete “{title}” and its roadmap?").format(title=goal.title))
        box.setInformativeText(self.tr("You can undo this with Ctrl+Z."))
        delete_all = keep_todos = None
        if todo_count:
            box.setInformativeText(self.tr("It has %n linked todos. You can undo this with Ctrl+Z.", "", todo_count))
            keep_todos = box.addButton(self.tr("Delete goal, keep todos"), QMessageBox.ButtonRole.AcceptRole)
            delete_all = box.addButton(self.tr("Delete goal and todos"), QMessageBox.ButtonRole.DestructiveRole)
        else:
            delete_all = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(*_args) -> None:
            clicked = box.clickedButton()
            if clicked in (delete_all, keep_todos) and clicked is not None:
                try:
                    command = DeleteGoalCommand(self.service, goal.id, clicked is delete_all and todo_count > 0)
                except GoalsError as error:  # gone meanwhile (another copy deleted it)
                    self.show_message(str(error))
                    return
                self._push(command)

        box.finished.connect(answered)
        self._open_dialog(box)
        return box

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        box.setText(f"{APP_NAME} {__version__}\n" + self.tr("Goals with AI-drawn roadmaps, kept on your own machine."))
        self._open_dialog(box)

    # -- settings -------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        # The geometry was restored with the frame (it must be right from the first paint).
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        selected = self.settings.value("window/selectedGoal")
        if selected and self.model.row_of(selected) >= 0:
            self.select_goal(selected)
        elif self.model.rowCount():
            self.select_goal(self.model.goal_at(0).id)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.service is None:
            self.settings.sync()
            return  # closed before the data was there: the rest would overwrite the saved layout and goal
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/selectedGoal", self.current_goal_id() or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.service is not None:  # (closed before the data was there: nothing watches it)
            self.database_watcher.close()
        super().closeEvent(event)

    async def shutdown(self) -> None:
        """Cancel and await background work (AI generation) before the loop stops."""
        for hook in list(self.shutdown_hooks):
            await hook()
