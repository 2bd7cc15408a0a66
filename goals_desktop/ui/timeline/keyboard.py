"""The Timeline from the keyboard alone.

One milestone row has the focus (its label cell is highlighted and its bar ringed while the Timeline
has the keyboard focus):

    Up / Down           the previous / next milestone (in dependency order, as the rows are)
    Home / End          the first / last milestone
    Space               checks it off (or reopens it): the canvas's command, one undo step
    + / -               its due date one day later / earlier: the command dragging the bar's end
                        makes (a planned date becomes a date you set)
    Enter               shows it on the canvas
    Menu, Shift+F10     its context menu

Left / Right keep scrolling the chart; moving the focus scrolls its row into view and tells a
screen reader.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QPen

from goals_desktop.ui.item_keyboard import ItemKeyboard

if TYPE_CHECKING:
    from goals_desktop.ui.timeline.view import TimelineView

ROW_MARGIN = 30


class TimelineKeyboard(ItemKeyboard):
    """Keyboard walking and editing of the Timeline; an event filter on its view."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view, view)
        self.view = view

    def milestone_keys(self) -> list[str]:
        return [row.key for row in self.view.rows if row.kind == "milestone"]

    def rows_changed(self) -> None:
        if self.focused is not None and self.focused not in self.milestone_keys():
            self.focused = None

    def focus(self, node_id: str | None) -> None:
        view = self.view
        keys = self.milestone_keys()
        self.focused = node_id if node_id in keys else None
        if self.focused is not None:
            index = next(i for i, row in enumerate(view.rows) if row.key == self.focused and row.kind == "milestone")
            row = view.row_rect(index)
            # The row's top and bottom, clear of the sticky header; the bar's end, clear of the labels.
            view.ensureVisible(QRectF(row.left() + 1, row.top(), 1, row.height()), 0, ROW_MARGIN + view.header_height)
            bar = view.bars.get(self.focused)
            if bar is not None:
                view.ensureVisible(QRectF(bar.handle_x(), row.top(), 1, row.height()), 40 + view.label_width, 0)
        self.show_focus()
        self.announce()

    def show_focus(self) -> None:
        self.view.viewport().update()  # the focused row's label and bar are drawn with the view

    def key_pressed(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        keys = self.milestone_keys()
        if not keys:
            return False
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if self.focused not in keys:
                self.focus(keys[0] if key == Qt.Key.Key_Down else keys[-1])
            else:
                index = keys.index(self.focused) + (1 if key == Qt.Key.Key_Down else -1)
                self.focus(keys[max(0, min(len(keys) - 1, index))])
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.focus(keys[0] if key == Qt.Key.Key_Home else keys[-1])
            return True
        if self.focused is None:
            return False
        if key == Qt.Key.Key_Space:
            self.view.toggle_requested.emit(self.focused)
            return True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.shift_due(1 if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.view.node_activated.emit(self.focused)
            return True
        if key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier:
            return self.open_menu()
        return False

    def shift_due(self, days: int) -> bool:
        """Move the focused milestone's due date by days, as dragging its bar's end would."""
        bar = self.view.bars.get(self.focused or "")
        if bar is None:
            return False  # done: it has no bar and no date to move
        due = bar.plan.planned_due + timedelta(days=days)
        if due < bar.plan.planned_start:
            return False
        self.view.due_requested.emit(bar.node_id, due)
        return True

    def open_menu(self) -> bool:
        view = self.view
        if self.focused is None:
            return False
        index = next((i for i, row in enumerate(view.rows) if row.key == self.focused and row.kind == "milestone"), None)
        if index is None:
            return False
        row = view.row_rect(index)
        scene_point = QPointF(row.left() + view.label_width / 2, row.center().y())
        menu = view.context_menu_for(scene_point)
        if menu is None:
            return False
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(view.viewport().mapToGlobal(QPoint(view.mapFromScene(scene_point))))
        return True


def paint_focused_label(painter: QPainter, view: TimelineView, box: QRectF) -> bool:
    """The focused row's label cell: the palette's highlight, as a list's current row (True if
    painted; the caller then draws the label in HighlightedText)."""
    palette = view.palette()
    painter.fillRect(box, palette.color(QPalette.ColorRole.Highlight))
    return True


def paint_bar_focus(painter: QPainter, view: TimelineView, rect: QRectF) -> None:
    """A ring around the focused milestone's bar, in the highlight colour."""
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(view.palette().color(QPalette.ColorRole.Highlight), 2.5))
    painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 5, 5)
    painter.restore()
