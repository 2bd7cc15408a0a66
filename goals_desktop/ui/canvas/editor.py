"""RoadmapEditor: the roadmap panel (view + details panel + its actions and menu sections).

It shows the context's current goal. Every user edit becomes one undo command (commands.roadmap)
pushed through the context; the editor re-syncs from the service's Change announcements, so
changes from anywhere (undo, CLI-style calls, AI generation, todo sync) show at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSplitter, QVBoxLayout, QWidget

from goals_desktop.domain.errors import NotFoundError
from goals_desktop.domain.models import Edge, Goal, Node, Position, new_id
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.schedule import Schedule, schedule_or_none
from goals_desktop.layout import layered_positions
from goals_desktop.storage import Change
from goals_desktop.ui.commands.roadmap import AddEdgeCommand, AddNodeCommand, EditNodesCommand, MoveNodesCommand, RemoveItemsCommand, check_off_command
from goals_desktop.ui.commands.runner import Pushed, RoadmapCommand, events
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.canvas.accessible import CanvasAccessibility
from goals_desktop.ui.canvas.details import NodeDetailsPanel
from goals_desktop.ui.canvas.items import EdgeItem, NodeItem
from goals_desktop.ui.canvas.keyboard import CanvasKeyboard
from goals_desktop.ui.canvas.rename import LabelRename
from goals_desktop.ui.canvas.scene import RoadmapScene
from goals_desktop.ui.canvas.view import RoadmapView

READABLE_ZOOM = 0.55
EMPTY_ROADMAP_MESSAGE = QT_TRANSLATE_NOOP("RoadmapEditor", "Add a milestone or generate a roadmap")
NO_GOAL_MESSAGE = QT_TRANSLATE_NOOP("RoadmapEditor", "Select or create a goal to see its roadmap")
FIELD_NAMES = {
    "details": QT_TRANSLATE_NOOP("RoadmapEditor", "steps"),
    "estimated_time": QT_TRANSLATE_NOOP("RoadmapEditor", "estimated time"),
    "resources": QT_TRANSLATE_NOOP("RoadmapEditor", "resources"),
    "due_date": QT_TRANSLATE_NOOP("RoadmapEditor", "due date"),
    "notes": QT_TRANSLATE_NOOP("RoadmapEditor", "notes"),
    "label": QT_TRANSLATE_NOOP("RoadmapEditor", "label"),
}


def _schedule_of(goal: Goal | None) -> Schedule | None:
    return schedule_or_none(goal, local_today()) if goal is not None else None


class RoadmapEditor(QWidget):
    # An undo/redo changed the roadmap of a goal that is not the one shown (the person switched
    # goals since): the window may select that goal so the change is seen.
    other_goal_edited = Signal(str)
    goal_shown = Signal(object)  # the goal id now shown (None: none), after every show_goal
    nodes_selected = Signal(int)  # how many milestones are selected now

    def __init__(self, context: PanelContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = context.service
        self.undo_stack = context.undo_stack
        self._goal: Goal | None = None
        self.schedule: Schedule | None = None  # the shown goal's plan, worked out on every change
        self._previewing = False
        self._planned: tuple[Goal, Any] | None = None  # plan_saved's (goal, schedule), for the next _refresh
        # Other panels' actions the window places in a milestone's context menu (AI, todos).
        self._node_actions: list[QAction] = []

        self.scene = RoadmapScene(self.palette(), self)
        self.view = RoadmapView(self.scene)
        self.details_panel = NodeDetailsPanel()
        self.details_panel.setMinimumWidth(240)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([700, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.rename = LabelRename(self)
        self._label_editor = self.rename.box

        self._make_actions()
        self.keyboard = CanvasKeyboard(self)
        self.accessibility = CanvasAccessibility(self)
        self.scene.toggle_requested.connect(self._toggle_nodes)
        self.scene.move_finished.connect(self._nodes_moved)
        self.scene.connect_requested.connect(self.connect_nodes)
        self.scene.rename_requested.connect(self.rename.start)
        self.scene.add_requested.connect(lambda pos: self.add_node(pos))
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view.context_menu_requested.connect(self._context_menu)
        self.details_panel.edit_requested.connect(self._details_edited)
        self.details_panel.overview.node_activated.connect(self.select_node)

        events(self.undo_stack).replayed.connect(self._replayed)
        context.current.changed.connect(lambda _goal_id: self._show_current())
        unsubscribe = self.service.subscribe(self._on_change)
        # The service outlives this widget; stop listening when the widget goes.
        self.destroyed.connect(lambda *_: unsubscribe())
        self._refresh()

    # -- actions ---------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                # Only while the canvas has focus: Space/Delete/F2 must still type in text fields.
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(lambda *_: slot())
            self.view.addAction(act)
            return act

        self.add_node_action = action(self.tr("Add milestone"), self.add_node, "Ctrl+Shift+N", self.tr("Add a milestone at the centre of the canvas"))
        self.rename_node_action = action(self.tr("Rename milestone"), self.rename_selected, Qt.Key.Key_F2)
        self.delete_selection_action = action(self.tr("Delete selection"), self.delete_selection, QKeySequence.StandardKey.Delete)
        self.connect_nodes_action = action(
            self.tr("Connect milestones"), self.connect_selected, "Ctrl+L", self.tr("Make the second selected milestone depend on the first")
        )
        self.toggle_node_action = action(self.tr("Check off / reopen"), self.toggle_selected, Qt.Key.Key_Space)
        self.tidy_layout_action = action(self.tr("Tidy layout"), self.tidy_layout, "Ctrl+Shift+L")
        self.fit_view_action = action(self.tr("Fit to view"), self.fit_view, "Ctrl+0")
        self.zoom_selection_action = action(self.tr("Zoom to selection"), self.zoom_to_selection, "Ctrl+Shift+0")
        self.zoom_in_action = action(self.tr("Zoom in"), self.view.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = action(self.tr("Zoom out"), self.view.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.critical_path_action = QAction(self.tr("Critical path"), self, checkable=True)
        self.critical_path_action.setStatusTip(self.tr("Highlight the milestones that decide when the goal is done"))
        self.critical_path_action.toggled.connect(lambda on: self.scene.set_schedule(self.schedule, on))
        # Its sections, as the window places them (main_window._place_actions).
        self.roadmap_actions = [
            self.add_node_action, self.rename_node_action, self.toggle_node_action, self.connect_nodes_action, self.delete_selection_action,
        ]
        self.layout_actions = [self.tidy_layout_action]
        self.view_actions = [self.fit_view_action, self.zoom_selection_action, self.zoom_in_action, self.zoom_out_action]
        self.plan_actions = [self.critical_path_action]
        self.toolbar_actions = [
            self.add_node_action, self.connect_nodes_action, self.tidy_layout_action, self.fit_view_action, self.critical_path_action,
        ]

    def set_node_actions(self, actions: list[QAction]) -> None:
        """Other panels' actions for a milestone's context menu, after the canvas's own."""
        self._node_actions = list(actions)

    def _update_actions(self) -> None:
        has_goal = self._goal is not None and not self._previewing
        nodes = self.scene.selected_node_ids()
        edges = self.scene.selected_edge_ids()
        self.add_node_action.setEnabled(has_goal)
        self.rename_node_action.setEnabled(has_goal and len(nodes) == 1)
        self.delete_selection_action.setEnabled(has_goal and bool(nodes or edges))
        self.connect_nodes_action.setEnabled(has_goal and len(nodes) == 2)
        self.toggle_node_action.setEnabled(has_goal and bool(nodes))
        self.tidy_layout_action.setEnabled(has_goal and bool(self.scene.nodes))
        self.zoom_selection_action.setEnabled(bool(nodes))

    # -- showing a goal --------------------------------------------------------------------

    def shown_goal(self) -> Goal | None:
        """The goal as last loaded for the canvas (reloaded on every change to it, except while a
        generation previews: then it is the goal before the generation)."""
        return self._goal

    def goal_id(self) -> str | None:
        """The id of the goal on the canvas (None: none, or the current goal is gone)."""
        return self._goal.id if self._goal is not None else None

    def show_goal(self, goal_id: str | None) -> None:
        """Make goal_id the current goal (None: none) and show its roadmap, fitted to the view."""
        if goal_id == self.context.current.id:
            self._show_current()
        else:
            self.context.current.set(goal_id)  # the canvas follows in _show_current

    def reopen(self) -> None:
        """Show the current goal again as if just opened (its data changed outside this window)."""
        self._show_current()

    def _show_current(self) -> None:
        self.rename.cancel()
        if self.context.current.id != self.goal_id():
            self.scene.clearSelection()
        self._refresh()
        self.initial_view()
        self.goal_shown.emit(self.goal_id())

    def initial_view(self) -> None:
        """Fit the roadmap; if that would make labels unreadable, show its start readable instead."""
        self.fit_view()
        rect = self.scene.content_rect()
        if not rect.isNull() and self.view.zoom() < READABLE_ZOOM:
            self.view.set_zoom(READABLE_ZOOM)
            visible = self.view.viewport().height() / READABLE_ZOOM
            self.view.centerOn(rect.center().x(), rect.top() - 40 + visible / 2)

    def _refresh(self, loaded: Goal | None = None) -> None:
        """Show the goal again: loaded (the goal as a save just returned it) or read anew."""
        goal = None
        if loaded is not None and loaded.id == self.context.current.id:
            goal = loaded
        elif self.context.current.id is not None:
            try:
                goal = self.service.get_goal(self.context.current.id)
            except NotFoundError:
                pass  # gone (deleted here or elsewhere): an empty canvas until it comes back or another is current
        self._goal = goal
        self.scene.sync(goal)
        planned, self._planned = self._planned, None
        if planned is not None and planned[0] is goal:
            self.schedule = planned[1]
        else:
            self.schedule = _schedule_of(goal)
        self.scene.set_schedule(self.schedule, self.critical_path_action.isChecked())
        if goal is None:
            self.view.set_empty_message(QCoreApplication.translate("RoadmapEditor", NO_GOAL_MESSAGE))
        elif not self.scene.nodes and not self.scene.preview_nodes:
            self.view.set_empty_message(QCoreApplication.translate("RoadmapEditor", EMPTY_ROADMAP_MESSAGE))
        else:
            self.view.set_empty_message("")
        self._selection_changed()
        self.keyboard.roadmap_changed()
        self.accessibility.refresh()

    def _on_change(self, change: Change) -> None:
        if change.goal_id == self.context.current.id and not self._previewing:
            if self._goal is None:
                self._show_current()  # the goal is back (its delete undone): open it as when chosen
            else:
                self._refresh()

    def node(self, node_id: str) -> Node | None:
        if self._goal is None or self._goal.roadmap is None:
            return None
        return self._goal.roadmap.node(node_id)

    def select_node(self, node_id: str, reveal: bool = True) -> None:
        """Select one milestone; reveal: centre the view on it."""
        item = self.scene.nodes.get(node_id)
        if item is None:
            return
        self.scene.clearSelection()
        item.setSelected(True)
        if reveal:
            self.view.centerOn(item)

    def open_details(self, node_id: str) -> None:
        """Show node_id's details and put the keyboard focus in them (Enter on the canvas)."""
        self.select_node(node_id, reveal=False)
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] == 0:
            self.splitter.setSizes([max(1, sizes[0] - 280), 280])
        self.details_panel.steps_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _selection_changed(self) -> None:
        nodes = self.scene.selected_node_ids()
        node = self.node(nodes[0]) if len(nodes) == 1 else None
        plan = self.schedule.milestones.get(node.id) if node is not None and self.schedule is not None else None
        self.details_panel.set_node(node, selected=len(nodes), plan=plan)
        self.details_panel.set_overview(self._goal if not nodes and not self._previewing else None, self.schedule)
        self._update_actions()
        self.nodes_selected.emit(len(nodes))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.scene.apply_palette(self.palette())
        super().changeEvent(event)

    # -- commands --------------------------------------------------------------------------

    def _push(self, command: RoadmapCommand) -> Pushed:
        pushed = self.context.push(command)
        if not pushed:
            # Nothing was saved: put back anything the gesture already changed on screen (a drag).
            self._refresh()
        return pushed

    def _replayed(self, command) -> None:
        # An undo/redo changed a roadmap the person is not looking at (they switched goals since).
        if isinstance(command, RoadmapCommand) and command.goal_id != self.goal_id():
            self.other_goal_edited.emit(command.goal_id)

    def _nodes_moved(self, before: dict, after: dict) -> None:
        if self.goal_id() is None:
            return
        self._push(MoveNodesCommand(self.service, self.goal_id(), before, after))

    def _toggle_nodes(self, node_ids: list[str]) -> None:
        nodes = [n for n in (self.node(i) for i in node_ids) if n is not None]
        if not nodes or self.goal_id() is None:
            return
        self._push(check_off_command(self.service, self.goal_id(), nodes))

    def toggle_selected(self) -> None:
        self._toggle_nodes(self.scene.selected_node_ids())

    def add_node(self, scene_pos: QPointF | None = None, label: str | None = None) -> str | None:
        """Add a milestone at scene_pos (default: the view's centre); returns its id."""
        label = label or self.tr("New milestone")
        if self.goal_id() is None:
            self.context.message(self.tr("Select a goal first."))
            return None
        if scene_pos is None:
            scene_pos = self.view.mapToScene(self.view.viewport().rect().center())
        node = Node(id=new_id("node"), label=label, position=Position(round(scene_pos.x()), round(scene_pos.y())))
        had_roadmap = self._goal is not None and self._goal.roadmap is not None
        self._push(AddNodeCommand(self.service, self.goal_id(), node, had_roadmap))
        if node.id in self.scene.nodes:
            # It is where the person double-clicked (or the view's centre): the view stays still.
            self.select_node(node.id, reveal=False)
        return node.id

    def delete_selection(self) -> None:
        if self._goal is None or self._goal.roadmap is None:
            return
        node_ids = set(self.scene.selected_node_ids())
        edge_ids = set(self.scene.selected_edge_ids())
        if not node_ids and not edge_ids:
            return
        nodes = [n for n in self._goal.roadmap.nodes if n.id in node_ids]
        edges = [e for e in self._goal.roadmap.edges if e.id in edge_ids or e.source in node_ids or e.target in node_ids]
        self._push(RemoveItemsCommand(self.service, self._goal.id, nodes, edges))

    def remove_edge(self, edge_id: str) -> None:
        if self._goal is None or self._goal.roadmap is None:
            return
        edges = [e for e in self._goal.roadmap.edges if e.id == edge_id]
        if edges:
            self._push(RemoveItemsCommand(self.service, self._goal.id, [], edges))

    def connect_nodes(self, source_id: str, target_id: str) -> None:
        """Make target depend on source; a cycle or repeat is refused with a one-line message."""
        if self.goal_id() is None:
            return
        self._push(AddEdgeCommand(self.service, self.goal_id(), Edge(new_id("edge"), source_id, target_id)))

    def connect_selected(self) -> None:
        """Connect two selected milestones, upper (or left) one first, as a roadmap reads."""
        items = [self.scene.nodes[i] for i in self.scene.selected_node_ids()]
        if len(items) != 2:
            self.context.message(self.tr("Select exactly two milestones to connect them."))
            return
        first, second = sorted(items, key=lambda item: (item.pos().y(), item.pos().x()))
        self.connect_nodes(first.node_id, second.node_id)

    def tidy_layout(self) -> None:
        if self._goal is None or self._goal.roadmap is None or not self._goal.roadmap.nodes:
            return
        roadmap = self._goal.roadmap
        origin = self.scene.nodes[roadmap.nodes[0].id].pos() if roadmap.nodes[0].id in self.scene.nodes else QPointF()
        layout = layered_positions([n.id for n in roadmap.nodes], [(e.source, e.target) for e in roadmap.edges], Position(0.0, 0.0))
        # Keep the laid-out roadmap roughly where it was, so tidying does not jump the view away.
        top = min(p.y for p in layout.values())
        shift = Position(origin.x(), origin.y() - top) if roadmap.nodes[0].position else Position(0.0, 0.0)
        after = {i: Position(p.x + shift.x, p.y + shift.y) for i, p in layout.items()}
        before = {n.id: Position(self.scene.nodes[n.id].pos().x(), self.scene.nodes[n.id].pos().y()) for n in roadmap.nodes}
        if all(before[i] == after[i] for i in after):
            self.context.message(self.tr("The layout is already tidy."))
            return
        self._push(MoveNodesCommand(self.service, self._goal.id, before, after, text=self.tr("Tidy layout")))
        self.fit_view()

    def _details_edited(self, node_id: str, name: str, value: Any) -> None:
        node = self.node(node_id)
        if node is None or self.goal_id() is None:
            return
        field = QCoreApplication.translate("RoadmapEditor", FIELD_NAMES.get(name, name))
        text = self.tr("Edit {field} of “{label}”").format(field=field, label=node.label)
        before = {node_id: {name: getattr(node, name)}}
        pushed = self._push(EditNodesCommand(self.service, self.goal_id(), before, {node_id: {name: value}}, text))
        # A refused edit stays in its field with the reason beside it; nothing was written.
        self.details_panel.show_error(pushed.error or "")

    def rename_selected(self) -> None:
        nodes = self.scene.selected_node_ids()
        if len(nodes) == 1:
            self.rename.start(nodes[0])

    def start_rename(self, node_id: str) -> None:
        self.rename.start(node_id)

    def rename_node(self, node_id: str, label: str) -> None:
        """Rename a milestone (label already checked) as one undo step."""
        node = self.node(node_id)
        if node is not None and self.goal_id() is not None and label != node.label:
            self._push(
                EditNodesCommand(
                    self.service, self.goal_id(), {node_id: {"label": node.label}}, {node_id: {"label": label}},
                    self.tr("Rename “{old}” to “{new}”").format(old=node.label, new=label),
                )
            )

    # -- view ------------------------------------------------------------------------------

    def fit_view(self) -> None:
        self.view.fit_content(self.scene.content_rect())

    def zoom_to_selection(self) -> None:
        self.view.fit_items(self.scene.selectedItems())

    # -- context menus ---------------------------------------------------------------------

    def _context_menu(self, item, scene_pos: QPointF, global_pos) -> None:
        self.context_menu(item, scene_pos).popup(global_pos)

    def context_menu(self, item, scene_pos: QPointF) -> QMenu:
        """The menu for a node, an edge, or (item None) the background at scene_pos."""
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)
        if isinstance(item, NodeItem) and not item.preview:
            if not item.isSelected():
                self.scene.clearSelection()
                item.setSelected(True)
            menu.addAction(self.toggle_node_action)
            menu.addAction(self.rename_node_action)
            menu.addAction(self.connect_nodes_action)
            if self._node_actions:
                menu.addSeparator()
                menu.addActions(self._node_actions)
            menu.addSeparator()
            menu.addAction(self.delete_selection_action)
        elif isinstance(item, EdgeItem) and not item.preview:
            remove = menu.addAction(self.tr("Remove link"))
            remove.triggered.connect(lambda: self.remove_edge(item.edge_id))
        else:
            add_here = menu.addAction(self.tr("Add milestone here"))
            add_here.setEnabled(self._goal is not None)
            add_here.triggered.connect(lambda: self.add_node(scene_pos))
            menu.addSeparator()
            for act in (self.tidy_layout_action, self.fit_view_action, self.zoom_in_action, self.zoom_out_action):
                menu.addAction(act)
        return menu

    # -- streaming preview (AI generation) -------------------------------------------------

    def begin_preview(self, keep_roadmap: bool = False) -> None:
        """Start showing a roadmap being generated for the shown goal.

        The saved roadmap is hidden (unless keep_roadmap: a milestone's breakdown streams in next
        to it) and service changes are held back until end_preview(), so a half-streamed roadmap
        never mixes with stored nodes. Editing actions are disabled meanwhile.
        """
        self.rename.cancel()
        self._previewing = True
        self.scene.clear_preview()
        if not keep_roadmap:
            self.scene.sync(None)
            self.view.set_empty_message(self.tr("Generating roadmap…"))
        self._update_actions()

    def preview_add_node(self, node: Node, depends_on: list[str], beside: str | None = None) -> None:
        """Show one freshly generated node at once, dashed and marked "generating…".

        depends_on lists ids of earlier preview nodes; an arrow is drawn from each (unknown ids
        are ignored). The partial graph is re-laid out on every arrival; with beside (a milestone's
        id) it goes where the breakdown will be saved, in the flow before that milestone.
        """
        if not self._previewing:
            self.begin_preview(keep_roadmap=beside is not None)
        item = self.scene.add_preview_node(node, depends_on, beside=beside)
        self.view.set_empty_message("")
        if beside is None:
            self.view.follow_growing(self.scene.content_rect(), item, READABLE_ZOOM)
        else:
            self.view.ensureVisible(item, 40, 40)

    def show_saved(self, saved: Goal) -> None:
        """The preview's items become the saved roadmap's, which the canvas now shows (a save's redraw
        is short steps of the loop: this, plan_saved, show_plan_saved, end_preview, initial_view)."""
        if self._previewing and saved.id == self.context.current.id:
            self.scene.adopt_preview(saved)
            self._previewing, self._goal = False, saved

    def plan_saved(self, saved: Goal) -> None:
        """The saved roadmap's plan worked out, for show_plan_saved to show and end_preview to keep."""
        if saved is self._goal:
            self._planned = (saved, _schedule_of(saved))

    def show_plan_saved(self, saved: Goal) -> None:
        if saved is self._goal and self._planned is not None and self._planned[0] is saved:
            self.scene.set_schedule(self._planned[1], self.critical_path_action.isChecked())

    def end_preview(self, saved: Goal | None = None, fit: bool = True) -> None:
        """Drop the preview items and show what the service holds for the goal again.

        Call it after the generated roadmap was saved (set_roadmap; saved: the goal it returned,
        so it need not be read again) or when generation failed or was cancelled; either way the
        canvas then shows the stored roadmap. fit=False: the caller fits it (initial_view) a step later.
        """
        self._previewing = False
        self.scene.clear_preview()
        self._refresh(saved)
        if fit:
            self.initial_view()  # like opening the goal: readable, never a wall of empty boxes

    def is_previewing(self) -> bool:
        return self._previewing
