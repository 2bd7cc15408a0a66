"""The window's one way to change data: undo commands over GoalService, and `push` to run them.

Every change the window makes (canvas, goals, todos, timeline, imports, a generated roadmap) is
a ServiceCommand whose apply() and revert() each make ONE GoalService call that writes, so each
step is one transaction and the database is only ever at a step boundary. (A step may read a
snapshot before it where the write cannot hand back what it removes: the undo of an import.)
The views follow the service's Change announcements, never the commands.

Undo gives back exactly what was there: apply()'s call records what the service's rules changed
besides what it asked (subtasks a check-off ticked, titles typed by hand that gave way to a label,
a derived status, where removed milestones stood), and revert()'s call, made as that step's undo,
puts all of it back in its own transaction (GoalService.undoable). Subclasses need not know: the
base hands apply() and revert() a `service` scoped that way.

`push(stack, command)` is how every part of the window runs one. It applies the command first
and records it on the undo stack only if the service accepted it: a refusal (the service raised
a GoalsError) never reaches the stack, so it cannot cost the redo steps, and the caller gets
the one-line reason in the result. Undo and redo the stack runs later report through the
stack's CommandEvents (`events(stack)`): a refused undo/redo (the data changed elsewhere since)
drops that step and says why; a replayed one says which command ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.todos import LostLink
from goals_desktop.storage import GoalService
from goals_desktop.storage.results import Overwritten


def unlinked(result: Any) -> tuple[LostLink, ...]:
    """The todo links that set_roadmap/remove_nodes/delete_goal (their Outcome) left without
    their milestone or goal: what the step's undo links again. The one place that reads them."""
    return tuple(result.unlinked)


class CommandEvents(QObject):
    """What happened to a stack's commands when the stack itself ran them (undo, redo)."""

    refused = Signal(str)  # one-line reason; the step was dropped from the stack
    replayed = Signal(object)  # the ServiceCommand an undo or redo ran


def events(stack: QUndoStack) -> CommandEvents:
    """The stack's CommandEvents, made on first use (a child of the stack, so it lives as long)."""
    found = stack.findChild(CommandEvents, "commandEvents")
    if found is None:
        found = CommandEvents(stack)
        found.setObjectName("commandEvents")
    return found


class ServiceCommand(QUndoCommand):
    """One undo step: apply() and revert() each make one GoalService call and return its result."""

    def __init__(self, service: GoalService, text: str, goal_id: str = "", overwritten: Overwritten | None = None) -> None:
        super().__init__(text)
        self._service = service
        self._scoped: GoalService | None = None
        self.goal_id = goal_id
        self.error: str | None = None  # why the last apply/revert was refused
        # What the last apply()'s call changed besides what it asked for: its undo gives it back.
        # Given when the change was made before the command (push(..., already_applied=True));
        # None when that is not known, and then the undo's own rules decide what it leaves.
        self.overwritten = overwritten
        self._applied_by_push = False
        self._events: CommandEvents | None = None

    @property
    def service(self) -> GoalService:
        """The service; inside apply() and revert(), scoped to record or give back (see the module)."""
        return self._scoped if self._scoped is not None else self._service

    def apply(self) -> Any:
        raise NotImplementedError

    def revert(self) -> Any:
        raise NotImplementedError

    def run_apply(self) -> Any:
        """apply(), recording what its call's rules changed besides (for the undo)."""
        record = Overwritten()
        self._scoped = self._service.undoable(record=record)
        try:
            value = self.apply()
        finally:
            self._scoped = None
        self.overwritten = record
        return value

    def run_revert(self) -> Any:
        """revert(), as the undo of the last apply(): its call gives back all that apply() changed."""
        if self.overwritten is None:
            return self.revert()
        self._scoped = self._service.undoable(restore=self.overwritten)
        try:
            return self.revert()
        finally:
            self._scoped = None

    def redo(self) -> None:
        if self._applied_by_push:
            self._applied_by_push = False  # QUndoStack.push calls redo(); push() already applied
            return
        self._replay(self.run_apply)

    def undo(self) -> None:
        self._replay(self.run_revert)

    def _replay(self, call) -> None:
        try:
            call()
        except GoalsError as error:
            # The data changed elsewhere since (another copy, the command line): nothing was
            # written, and this step can no longer be replayed, so the stack drops it.
            self.error = str(error)
            self.setObsolete(True)
            if self._events is not None:
                self._events.refused.emit(self.error)
            return
        self.error = None
        if self._events is not None:
            self._events.replayed.emit(self)


class RoadmapCommand(ServiceCommand):
    """A step that changes one goal's roadmap (the canvas follows; the window may show that goal)."""

    def __init__(self, service: GoalService, goal_id: str, text: str, overwritten: Overwritten | None = None) -> None:
        super().__init__(service, text, goal_id, overwritten)


@dataclass(frozen=True)
class Pushed:
    """What push() did: `applied` (then `value` is what apply() returned) or refused with `error`."""

    command: ServiceCommand
    error: str | None = None
    value: Any = None

    @property
    def applied(self) -> bool:
        return self.error is None

    def __bool__(self) -> bool:
        return self.applied


def push(stack: QUndoStack, command: ServiceCommand, already_applied: bool = False) -> Pushed:
    """Apply command and, if the service accepted it, record it on stack as one undo step.

    already_applied records a change that was made before (a generated roadmap is saved the
    moment it is complete); its first redo then does nothing.
    """
    command._events = events(stack)
    value = None
    if not already_applied:
        try:
            value = command.run_apply()
        except GoalsError as error:
            command.error = str(error)
            return Pushed(command, command.error)
    command.error = None
    command._applied_by_push = True
    stack.push(command)
    return Pushed(command, None, value)
