"""The roadmap canvas from the keyboard alone.

The canvas has one focused milestone (drawn with a ring while the canvas has the keyboard focus, and
selected, so the canvas's actions — Space, F2, Delete — act on it):

    Tab / Shift+Tab     the next / previous milestone in roadmap order (what a milestone waits for
                        comes before it); past the last (first) one the focus leaves the canvas
    arrow keys          the nearest milestone in that direction
    Home / End          the first / last milestone in roadmap order
    Enter               its details (the focus moves into the details panel)
    Menu, Shift+F10     its context menu (check off, rename, break down, make a todo, delete)
    Ctrl+arrow          moves it (Ctrl+Shift+arrow: a small step); one undo step per move, the
                        same command a drag makes

Moving the focus scrolls the view to keep the milestone visible and tells a screen reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent

from goals_desktop.domain.models import Goal, Position
from goals_desktop.domain.rules import topological_order
from goals_desktop.ui.item_keyboard import ItemKeyboard

if TYPE_CHECKING:
    from goals_desktop.ui.canvas.editor import RoadmapEditor
    from goals_desktop.ui.canvas.items import NodeItem

MOVE_STEP = 40.0
FINE_MOVE_STEP = 8.0
REVEAL_MARGIN = 40

_DIRECTIONS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def roadmap_order(goal: Goal | None) -> list[str]:
    """The milestones as a roadmap reads: each after what it waits for, otherwise as stored (a
    milestone caught in a cycle, which the rules refuse but old data may hold, comes last)."""
    roadmap = goal.roadmap if goal is not None else None
    if roadmap is None:
        return []
    ids = [n.id for n in roadmap.nodes]
    order = topological_order(ids, [(e.source, e.target) for e in roadmap.edges])
    placed = set(order)
    return order + [i for i in ids if i not in placed]


def nearest_in_direction(origin: QPointF, candidates: dict[str, QPointF], dx: int, dy: int) -> str | None:
    """The candidate nearest origin in direction (dx, dy): within a 45° cone either side if any
    is, else anywhere on that side; distance across the direction counts double."""
    best: tuple[bool, float, str] | None = None
    for item_id, point in candidates.items():
        along = (point.x() - origin.x()) * dx + (point.y() - origin.y()) * dy
        across = abs((point.x() - origin.x()) * dy + (point.y() - origin.y()) * dx)
        if along <= 0.5:
            continue
        score = (across > along, along + 2 * across, item_id)
        if best is None or score < best:
            best = score
    return best[2] if best is not None else None


class CanvasKeyboard(ItemKeyboard):
    """Keyboard walking and editing of the canvas; an event filter on the editor's view."""

    def __init__(self, editor: RoadmapEditor) -> None:
        super().__init__(editor, editor.view)
        self.editor = editor
        self._order: list[str] = []
        self._order_of: Goal | None = None
        self._ringed: NodeItem | None = None
        editor.scene.selectionChanged.connect(self._follow_selection)

    # -- the focused milestone ------------------------------------------------------------------

    def order(self) -> list[str]:
        goal = self.editor.shown_goal()
        if goal is not self._order_of:
            self._order_of, self._order = goal, [i for i in roadmap_order(goal)]
        return [i for i in self._order if i in self.editor.scene.nodes]

    def roadmap_changed(self) -> None:
        """After the editor showed a (new state of the) goal: the focus stays on its milestone if
        it is still there."""
        if self.focused is not None and self.focused not in self.editor.scene.nodes:
            self.focused = None
        self.show_focus()

    def focus(self, node_id: str | None, reveal: bool = True) -> None:
        """Put the keyboard focus on node_id (selected alone), scroll it into view, tell a reader."""
        editor = self.editor
        item = editor.scene.nodes.get(node_id) if node_id is not None else None
        self.focused = node_id if item is not None else None
        if item is not None:
            if editor.scene.selected_node_ids() != [node_id] or editor.scene.selected_edge_ids():
                editor.scene.clearSelection()
                item.setSelected(True)
            if reveal:
                editor.view.ensureVisible(item, REVEAL_MARGIN, REVEAL_MARGIN)
        self.show_focus()
        self.announce()

    def _follow_selection(self) -> None:
        # A click selects one milestone: the keyboard carries on from there.
        if not shiboken6.isValid(self.editor.scene):
            return  # the scene goes first when the editor is closed
        selected = self.editor.scene.selected_node_ids()
        if len(selected) == 1 and selected[0] != self.focused:
            self.focused = selected[0]
            self.show_focus()
            self.announce()

    def show_focus(self) -> None:
        # Only the ringed item and the one to ring are touched: a refresh of thousands of milestones
        # costs nothing here.
        wanted = self.editor.scene.nodes.get(self.focused or "") if self.editor.view.hasFocus() else None
        if self._ringed is not wanted:
            if self._ringed is not None and shiboken6.isValid(self._ringed):
                self._ringed.keyboard_focus = False
                self._ringed.update()
            if wanted is not None:
                wanted.keyboard_focus = True
                wanted.update()
            self._ringed = wanted

    # -- keys -----------------------------------------------------------------------------------

    def key_pressed(self, event: QKeyEvent) -> bool:
        if self.editor.is_previewing() or self.editor.goal_id() is None:
            return False
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
            return self.step(-1 if key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier else 1)
        if key in _DIRECTIONS and ctrl:
            fine = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self.move(*_DIRECTIONS[key], step=FINE_MOVE_STEP if fine else MOVE_STEP)
            return True
        if key in _DIRECTIONS and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.go(*_DIRECTIONS[key])
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not ctrl:
            order = self.order()
            if order:
                self.focus(order[0] if key == Qt.Key.Key_Home else order[-1])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focused is not None:
            self.editor.open_details(self.focused)
            return True
        if key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier:
            return self.open_menu()
        return False

    def step(self, delta: int) -> bool:
        """Tab / Shift+Tab: True if the focus stayed on the canvas."""
        order = self.order()
        if not order:
            return False
        if self.focused not in order:
            self.focus(order[0] if delta > 0 else order[-1])
            return True
        index = order.index(self.focused) + delta
        if not 0 <= index < len(order):
            return False  # leave the canvas, as Tab does everywhere else
        self.focus(order[index])
        return True

    def go(self, dx: int, dy: int) -> None:
        nodes = self.editor.scene.nodes
        if self.focused not in nodes:
            order = self.order()
            if order:
                self.focus(order[0])
            return
        origin = nodes[self.focused].box_centre()[0]
        others = {i: item.box_centre()[0] for i, item in nodes.items() if i != self.focused}
        target = nearest_in_direction(origin, others, dx, dy)
        if target is not None:
            self.focus(target)

    def move(self, dx: int, dy: int, step: float = MOVE_STEP) -> None:
        """Move the focused milestone one step: one undo step, the command a drag makes."""
        item = self.editor.scene.nodes.get(self.focused or "")
        if item is None:
            return
        before = Position(item.pos().x(), item.pos().y())
        after = Position(before.x + dx * step, before.y + dy * step)
        self.editor.scene.move_finished.emit({item.node_id: before}, {item.node_id: after})
        if self.focused in self.editor.scene.nodes:
            self.editor.view.ensureVisible(self.editor.scene.nodes[self.focused], REVEAL_MARGIN, REVEAL_MARGIN)

    def open_menu(self) -> bool:
        """The focused milestone's context menu, beside it (Menu key, Shift+F10)."""
        editor = self.editor
        item = editor.scene.nodes.get(self.focused or "")
        if item is None:
            return False
        self.focus(item.node_id)
        corner = item.mapToScene(item.RECT.bottomLeft() + QPointF(12, -4))
        at = editor.view.viewport().mapToGlobal(editor.view.mapFromScene(corner))
        menu = editor.context_menu(item, item.pos())
        menu.popup(QPoint(at))
        return True
