"""What every panel of the window is given: PanelContext (the service, the undo stack, the current
goal, and the three things a panel asks of the window: say something, run an undo step, open a
dialog). A panel builds its own widgets and actions from it and never reaches for the window.

CurrentGoal is the one owner of "which goal": the goal list sets it when the selection moves,
anything else that wants a goal shown (a click on a todo's milestone, an import, a new goal) sets
it too, and every panel follows its `changed` signal (the list selects the row, the canvas and the
Timeline show the goal). Listeners run in the order they connected: the window connects the goal
list and the header before the canvas, so the canvas opens a goal in the height it will have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from goals_desktop.storage import GoalService
from goals_desktop.ui.commands.runner import Pushed, ServiceCommand, push


class CurrentGoal(QObject):
    """The id of the goal the window works on (None: none); `changed` fires only when it changes."""

    changed = Signal(object)  # the new goal id or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._id: str | None = None

    @property
    def id(self) -> str | None:
        return self._id

    def set(self, goal_id: str | None) -> None:
        if goal_id != self._id:
            self._id = goal_id
            self.changed.emit(goal_id)


class PanelContext(QObject):
    """The window as a panel sees it. Made by the window (or a test) and handed to every panel."""

    message_posted = Signal(str)  # the window shows it in the status bar

    def __init__(self, service: GoalService, undo_stack: QUndoStack, dialog_parent: QWidget | None = None) -> None:
        super().__init__(undo_stack)
        self.service = service
        self.undo_stack = undo_stack
        self.current = CurrentGoal(self)
        # Dialogs are made as its children (None: a panel used on its own, e.g. in a test).
        self.dialog_parent = dialog_parent
        self._dialogs: list[QWidget] = []  # open non-modal dialogs, kept alive until closed

    def message(self, text: str) -> None:
        """A one-line report for the person (a refusal, what a step did)."""
        self.message_posted.emit(text)

    def push(self, command: ServiceCommand, already_applied: bool = False) -> Pushed:
        """Run command as one undo step (commands.runner.push); a refusal's reason goes to message()."""
        pushed = push(self.undo_stack, command, already_applied=already_applied)
        if not pushed:
            self.message(pushed.error)
        return pushed

    def open_dialog(self, dialog: QWidget) -> None:
        """Open a dialog non-modally (open(), never exec(): the window runs on qasync), kept alive
        until it finishes."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda *_: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.open()


class _Reloadable(Protocol):
    def load(self) -> None: ...
    def isVisible(self) -> bool: ...


D = TypeVar("D", bound=_Reloadable)


class KeptDialog(Generic[D]):
    """A panel's settings dialog (calendar sync, reminders): made on first use, then kept. Each
    opening reads the settings again (the dialog's load()) and opens it, unless it is open already."""

    def __init__(self, context: PanelContext, make: Callable[[], D]) -> None:
        self._context = context
        self._make = make
        self.dialog: D | None = None

    def open(self) -> D:
        if self.dialog is None:
            self.dialog = self._make()
        self.dialog.load()
        if not self.dialog.isVisible():
            self._context.open_dialog(self.dialog)
        return self.dialog
