"""The main window: it lays the panels out and places their actions; the panels do the work.

Left, as tabs: the goal list (goals_panel) and the Todos (todos_view). Right: the current goal's
header, the generation strip, and as tabs the roadmap canvas (canvas.editor) and the Timeline.
Every panel is given one PanelContext (ui/context.py: the service, the undo stack, the current
goal, message/push/open_dialog) and makes its own actions; `_place_actions` below is the one table
of where each of them shows (menus, toolbar, a milestone's context menu). docs/architecture.md
has the map.

The window is built in two steps: MainWindow(None, settings) is the frame (title, saved size, the
goal list's pane), painted as soon as a bare window would be, and attach(service) the rest. So
this module imports only Qt classes at first; the panels are imported in attach() (start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget

from goals_desktop import APP_NAME, __version__
from goals_desktop.ui.goals_panel import GoalsPanel

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from goals_desktop.domain.models import Goal
    from goals_desktop.storage import GoalService


# What attach() builds the window from (the same as its own imports). At start-up the app imports
# them first, while the window keeps handling input (app._TurnsWhileImporting).
PANEL_MODULES = tuple(f"goals_desktop.ui.{name}" for name in (
    "calendar_sync", "canvas.editor", "commands.runner", "context", "exchange_actions", "generation",
    "generation_strip", "language", "local_api", "panes", "reminders", "storage_ui", "timeline.panel",
    "todo_actions", "todos_view", "goal_actions", "goal_header",
))


def import_panels() -> None:
    for name in PANEL_MODULES:
        importlib.import_module(name)


class MainWindow(QMainWindow):
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
        self.goals = GoalsPanel()
        # Goals and Todos share the left side, so the canvas keeps the room it needs.
        self.left_tabs = QTabWidget(objectName="leftTabs")
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(self.goals, self.tr("Goals"))
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

    def show_goals(self, goals: list[Goal]) -> None:
        """Show goals read at start-up (storage.startup.first_look), before attach()."""
        self.goals.show_goals(goals)

    def attach(self, service: GoalService) -> None:
        """Build every panel that works with the data, lay them out and place their actions."""
        # Start-up: imported after the frame has painted (see the module's docstring).
        from goals_desktop.ui.calendar_sync import CalendarSyncContext
        from goals_desktop.ui.canvas.editor import RoadmapEditor
        from goals_desktop.ui.commands.runner import events
        from goals_desktop.ui.context import PanelContext
        from goals_desktop.ui.exchange_actions import ExchangeActions
        from goals_desktop.ui.generation import GenerationController
        from goals_desktop.ui.generation_strip import GenerationStatusBar
        from goals_desktop.ui.local_api import LocalApi
        from goals_desktop.ui.reminders import ReminderContext
        from goals_desktop.ui.storage_ui import DatabaseActions
        from goals_desktop.ui.timeline.panel import TimelinePanel
        from goals_desktop.ui.todo_actions import TodoConversions
        from goals_desktop.ui.todos_view import TodosPanel

        self.service = service
        self.context = context = PanelContext(service, self.undo_stack, dialog_parent=self)
        context.message_posted.connect(self.show_message)
        # An undo/redo the data no longer allows (another copy changed it) is dropped; say why.
        events(self.undo_stack).refused.connect(self.show_message)

        # The goal list and the header follow the current goal first (see ui/context.py).
        self.goals.attach(context)
        self.editor = RoadmapEditor(context)
        self.timeline = TimelinePanel(context)
        self.todos_panel = TodosPanel(context)
        self.todo_conversions = TodoConversions(context, self.editor)
        self.generation = GenerationController(context, self.editor, self)
        self.generation_bar = GenerationStatusBar(self.generation)
        self.exchange = ExchangeActions(context)
        self.local_api = LocalApi(context, self.settings, self)
        self.database = DatabaseActions(context, self)
        self.calendar_sync = CalendarSyncContext(context, self.settings, self)
        self.reminders = ReminderContext(context, self.settings, self)

        self.right_tabs = QTabWidget(objectName="rightTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.editor, self.tr("Roadmap"))
        self.right_tabs.addTab(self.timeline, self.tr("Timeline"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.goals.header)
        right_layout.addWidget(self.generation_bar)
        right_layout.addWidget(self.right_tabs, 1)
        sizes = self.splitter.sizes()
        placeholder = self.splitter.widget(1)
        self.splitter.insertWidget(1, right)  # (insertWidget hands `right` to the splitter; replaceWidget did not)
        placeholder.setParent(None)
        placeholder.deleteLater()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(sizes)
        self.left_tabs.addTab(self.todos_panel, self.tr("Todos"))
        self.connection_label = QLabel(objectName="connectionState")
        self.connection_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.calendar_sync.status_label)
        self.database.connection_text.connect(self._show_connection)
        self.database.show_connection(quiet=True)

        self.todos_panel.node_activated.connect(self.show_node)
        # An undo/redo changed a roadmap of a goal not shown (the person switched since): show that goal.
        self.editor.other_goal_edited.connect(self.goals.select_goal)
        self.timeline.node_activated.connect(self.show_node)
        self.goals.goal_actions.created.connect(self.generation.offer_generation)
        self.database.open_requested.connect(self.open_requested)
        self.database.reloaded.connect(self.reload_everything)

        self._make_window_actions()
        self._make_pane_cycle()
        self._place_actions()
        self.statusBar().showMessage(self.tr("Ready"), 2000)
        # The frame is on screen already: lay the new parts out now, so the canvas opens its goal
        # (readable, at its start) in the size it has, not in a freshly created widget's.
        self.layout().activate()
        self._restore_settings()

    # -- actions: the window's own, and where every panel's shows ------------------------------------

    def _make_window_actions(self) -> None:
        self.quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        self.about_action.triggered.connect(self.show_about)
        self.show_goals_action = QAction(self.tr("&Goals"), self, shortcut=QKeySequence("Ctrl+1"))
        self.show_goals_action.triggered.connect(lambda: self.left_tabs.setCurrentWidget(self.goals))
        self.show_todos_action = QAction(self.tr("&Todos"), self, shortcut=QKeySequence("Ctrl+2"))
        self.show_todos_action.triggered.connect(lambda: self.left_tabs.setCurrentWidget(self.todos_panel))

    def _make_pane_cycle(self) -> None:
        """F6 / Shift+F6: goal list (or Todos) → roadmap or Timeline → milestone details → back."""
        from goals_desktop.ui.panes import Pane, PaneCycle, first_focusable

        def roadmap_shown() -> bool:
            return self.right_tabs.currentWidget() is self.editor

        def details() -> QWidget | None:
            panel = self.editor.details_panel
            if not roadmap_shown():
                return None  # the Timeline has no details pane beside it
            return panel.steps_edit if panel.form.isEnabled() else first_focusable(panel)

        def left() -> QWidget | None:
            if self.left_tabs.currentWidget() is self.goals:
                return self.goals.goal_list if self.goals.goal_list.isVisible() else self.goals.search_field
            return first_focusable(self.left_tabs.currentWidget())

        self.pane_cycle = PaneCycle(self, [
            Pane(lambda: self.left_tabs, left),
            Pane(lambda: self.editor.view if roadmap_shown() else self.timeline,
                 lambda: self.editor.view if roadmap_shown() else self.timeline.view),
            Pane(lambda: self.editor.details_panel, details),
        ])

    def _place_actions(self) -> None:
        """Every action of the window, by place; each list is one section (separators between)."""
        goals, editor, generation, conversions = self.goals, self.editor, self.generation, self.todo_conversions
        menus = {
            self.tr("&File"): [
                [*goals.file_actions, self.database.open_action],
                self.exchange.file_actions,
                [generation.provider_action, *self.local_api.file_actions],
                [*self.calendar_sync.file_actions, *self.reminders.file_actions],
                [self.database.restore_action],
                [self.quit_action],
            ],
            self.tr("&Edit"): [[self.undo_action, self.redo_action], goals.edit_actions],
            self.tr("&Roadmap"): [generation.roadmap_actions, editor.roadmap_actions, editor.layout_actions, conversions.roadmap_actions],
            self.tr("&View"): [editor.view_actions, editor.plan_actions, [self.show_goals_action, self.show_todos_action], self.pane_cycle.actions],
            self.tr("&Help"): [[self.about_action]],
        }
        made = []
        for title, sections in menus.items():
            menu = self.menuBar().addMenu(title)
            for index, section in enumerate(sections):
                if index:
                    menu.addSeparator()
                menu.addActions(section)
            made.append(menu)
        self.file_menu, self.edit_menu, self.roadmap_menu, self.view_menu, self.help_menu = made
        from goals_desktop.ui.language import LanguageMenu

        self.language_menu = LanguageMenu(self.settings, self)
        self.language_menu.chosen.connect(self.show_message)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)

        self.toolbar = QToolBar(self.tr("Main"), objectName="mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        for index, section in enumerate([goals.toolbar_actions, self._toolbar_undo_redo(), editor.toolbar_actions, generation.toolbar_actions]):
            if index:
                self.toolbar.addSeparator()
            self.toolbar.addActions(section)
        # Short words on the buttons where a language runs long (the menus keep the full ones).
        for action, short in (
            (goals.goal_actions.edit_goal_action, self.tr("Edit goal", "toolbar")),
            (goals.goal_actions.delete_goal_action, self.tr("Delete goal", "toolbar")),
            (editor.add_node_action, self.tr("Add milestone", "toolbar")),
            (editor.connect_nodes_action, self.tr("Connect milestones", "toolbar")),
            (generation.regenerate_action, self.tr("Regenerate roadmap", "toolbar")),
        ):
            action.setIconText(short)
        self.addToolBar(self.toolbar)
        # A milestone's context menu: the canvas's own actions, then these (AI, todos).
        editor.set_node_actions([generation.breakdown_action, *conversions.node_actions])

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
            name_signal.connect(
                lambda name, button=button, text=text: button.setToolTip(self.tr("{action} {step}").format(action=text, step=name) if name else text)
            )
            buttons.append(button)
        return buttons

    # -- between panels ------------------------------------------------------------------------------

    def show_node(self, goal_id: str, node_id: str) -> None:
        """A click on a todo's or a Timeline bar's milestone: that goal, that milestone, on the canvas."""
        self.right_tabs.setCurrentWidget(self.editor)
        self.goals.select_goal(goal_id)
        self.editor.select_node(node_id)

    def reload_everything(self) -> None:
        """Data changed outside this window (another copy, the CLI, a restored backup)."""
        self.goals.reload()
        self.editor.reopen()
        self.timeline.reload()
        # Undo steps recorded against the old data could overwrite what the other copy wrote.
        self.undo_stack.clear()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _show_connection(self, text: str, tooltip: str) -> None:
        self.connection_label.setText(text)
        self.connection_label.setToolTip(tooltip)

    def report_storage_problem(self, text: str) -> QMessageBox:
        """What the start-up check found wrong with the open file: one sentence, and the backup."""
        return self.database.report_problem(text)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        box.setText(f"{APP_NAME} {__version__}\n" + self.tr("Goals with AI-drawn roadmaps, kept on your own machine."))
        self.context.open_dialog(box)

    # -- settings and closing ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        # The geometry was restored with the frame (it must be right from the first paint).
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.goals.restore_selection(self.settings.value("window/selectedGoal"))
        # The keyboard starts in the goal list (F6 goes on to the roadmap, see _make_pane_cycle),
        # unless the person is typing a search already (the window was still starting).
        if not (self.goals.search_field.hasFocus() and self.goals.search_field.text()):
            self.goals.goal_list.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.service is None:
            self.settings.sync()
            return  # closed before the data was there: the rest would overwrite the saved layout and goal
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/selectedGoal", self.goals.current_goal_id() or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.service is not None:  # (closed before the data was there: nothing watches it)
            self.database.close()
        super().closeEvent(event)

    async def shutdown(self) -> None:
        """Cancel and await background work (AI generation, the Local API) before the loop stops."""
        if self.service is not None:
            await self.generation.shutdown()
            await self.local_api.shutdown()
            await self.calendar_sync.shutdown()
            await self.reminders.shutdown()
