"""F6 / Shift+F6: the keyboard focus moves between the window's panes, as in most desktop apps
(goal list → roadmap or Timeline → details → goal list).

The window says what its panes are, in order, each as a function returning the widget to focus
now (None, or a hidden widget: the pane is skipped, e.g. the details beside the Timeline). A pane
counts as "where the focus is" when the focused widget is inside the pane's `area` widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class Pane:
    area: Callable[[], QWidget | None]  # the widget the pane occupies (focus inside it = in the pane)
    target: Callable[[], QWidget | None]  # what gets the focus when the pane is entered


class PaneCycle(QObject):
    """Two window-wide actions (F6, Shift+F6) cycling the keyboard focus through panes."""

    def __init__(self, window: QWidget, panes: list[Pane]) -> None:
        super().__init__(window)
        self.window = window
        self.panes = panes
        self.next_action = QAction(QCoreApplication.translate("PaneCycle", "Next pane"), window)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next_action.setStatusTip(QCoreApplication.translate("PaneCycle", "Move the keyboard focus to the next part of the window"))
        self.previous_action = QAction(QCoreApplication.translate("PaneCycle", "Previous pane"), window)
        self.previous_action.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F6))
        self.previous_action.setStatusTip(QCoreApplication.translate("PaneCycle", "Move the keyboard focus to the previous part of the window"))
        for action, step in ((self.next_action, 1), (self.previous_action, -1)):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda *_, step=step: self.cycle(step))
            window.addAction(action)
        self.actions = [self.next_action, self.previous_action]

    def current(self) -> int | None:
        focused = QApplication.focusWidget()
        if focused is None:
            return None
        for index, pane in enumerate(self.panes):
            area = pane.area()
            if area is not None and (area is focused or area.isAncestorOf(focused)):
                return index
        return None

    def cycle(self, step: int) -> QWidget | None:
        """Focus the next (step 1) or previous (-1) pane that can take it; the widget focused."""
        start = self.current()
        count = len(self.panes)
        index = start if start is not None else (-1 if step > 0 else 0)
        for _ in range(count):
            index = (index + step) % count
            target = self.panes[index].target()
            if target is not None and target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return target
        return None


def first_focusable(area: QWidget | None) -> QWidget | None:
    """The first widget inside area (or area itself) that Tab would stop at, in focus-chain order."""
    if area is None or not area.isVisible():
        return None
    if area.focusPolicy() & Qt.FocusPolicy.TabFocus and area.isEnabled():
        return area
    widget = area.nextInFocusChain()
    while widget is not None and widget is not area:
        if area.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return widget
        widget = widget.nextInFocusChain()
    return None
