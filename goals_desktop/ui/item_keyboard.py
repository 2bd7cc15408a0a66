"""What the canvas's and the Timeline's keyboards share (canvas/keyboard.py, timeline/keyboard.py).

A view that paints items (milestones) has one item with the keyboard focus, by id. The focus is
drawn only while the view itself has the keyboard focus, a screen reader is told where it is each
time the view gets the focus back, and the Menu key opens that item's context menu: both views
follow the same rules, so they live here once. The keys themselves differ per view.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QWidget


class _FocusListener(Protocol):
    def focus_moved(self, item_id: str | None) -> None: ...


class _Owner(Protocol):
    accessibility: _FocusListener  # made after the keyboard: read only when used


class ItemKeyboard(QObject):
    """An event filter on `view`; `focused` is the id of the item with the keyboard focus (None: none)."""

    def __init__(self, owner: _Owner, view: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self.focused: str | None = None
        view.installEventFilter(self)

    def announce(self) -> None:
        """Tell a screen reader which item has the focus now."""
        self._owner.accessibility.focus_moved(self.focused)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self.key_pressed(event)
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.show_focus()
            if kind == QEvent.Type.FocusIn and self.focused is not None:
                self.announce()
        elif kind == QEvent.Type.ContextMenu and event.reason() == QContextMenuEvent.Reason.Keyboard:
            return self.open_menu()
        return False

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Act on a key; True if it was used."""
        raise NotImplementedError

    def show_focus(self) -> None:
        """Draw (or stop drawing) the focus, as the view has or lost the keyboard focus."""
        raise NotImplementedError

    def open_menu(self) -> bool:
        """The focused item's context menu; False if there is none."""
        raise NotImplementedError
