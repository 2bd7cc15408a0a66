"""Undo commands for todos. Each redo()/undo() calls GoalService; views follow its Change announcements.

A command the service refuses marks itself obsolete (QUndoStack drops it) and reports the one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable

from goals_desktop.domain.errors import NotFoundError
from goals_desktop.domain.todos import Todo
from goals_desktop.storage import GoalService
from goals_desktop.ui.canvas.commands import ServiceCommand


class TodoCommand(ServiceCommand):
    """A todo edit: not tied to one goal (a todo may have none)."""

    def __init__(self, service: GoalService, text: str, report: Callable[[str], None]) -> None:
        super().__init__(service, "", text, report)


class CreateTodoCommand(TodoCommand):
    def __init__(self, service, title: str, report, goal_id: str | None = None) -> None:
        super().__init__(service, f"New todo “{title}”", report)
        self.title, self.goal_id = title, goal_id
        self.snapshot: Todo | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.snapshot = self.service.create_todo(self.title, goal_id=self.goal_id)
        else:
            # Redo puts back the same todo (same id), so later commands that name it still work.
            self.service.restore_todo(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.service.get_todo(self.snapshot.id)
        self.service.delete_todo(self.snapshot.id)


class DeleteTodoCommand(TodoCommand):
    def __init__(self, service, todo: Todo, report) -> None:
        super().__init__(service, f"Delete todo “{todo.title}”", report)
        self.todo_id = todo.id
        self.snapshot = todo

    def apply(self) -> None:
        self.snapshot = self.service.get_todo(self.todo_id)
        self.service.delete_todo(self.todo_id)

    def revert(self) -> None:
        self.service.restore_todo(self.snapshot)


class SetTodoCompletedCommand(TodoCommand):
    """Check or reopen a todo; undo gives each subtask back the state it had (not all the same)."""

    def __init__(self, service, todo: Todo, completed: bool, report) -> None:
        super().__init__(service, f"{'Check off' if completed else 'Reopen'} todo “{todo.title}”", report)
        self.todo_id, self.completed = todo.id, completed
        self.before = todo

    def apply(self) -> None:
        self.before = self.service.get_todo(self.todo_id)
        self.service.set_todo_completed(self.todo_id, self.completed)

    def revert(self) -> None:
        if self.before.subtasks:
            self.service.set_subtasks_completed(self.todo_id, {s.id: s.completed for s in self.before.subtasks})
        else:
            self.service.set_todo_completed(self.todo_id, self.before.completed)


class SetSubtaskCompletedCommand(TodoCommand):
    def __init__(self, service, todo_id: str, subtask_id: str, title: str, completed: bool, report) -> None:
        super().__init__(service, f"{'Check off' if completed else 'Reopen'} “{title}”", report)
        self.todo_id, self.subtask_id, self.completed = todo_id, subtask_id, completed

    def apply(self) -> None:
        self.service.set_subtask_completed(self.todo_id, self.subtask_id, self.completed)

    def revert(self) -> None:
        self.service.set_subtask_completed(self.todo_id, self.subtask_id, not self.completed)


class RenameCommand(TodoCommand):
    """Rename a todo (subtask_id None) or one of its subtasks."""

    def __init__(self, service, todo_id: str, subtask_id: str | None, old: str, new: str, report) -> None:
        super().__init__(service, f"Rename “{old}” to “{new}”", report)
        self.todo_id, self.subtask_id, self.old, self.new = todo_id, subtask_id, old, new

    def _set(self, title: str) -> None:
        if self.subtask_id is None:
            self.service.update_todo(self.todo_id, title=title)
        else:
            self.service.rename_subtask(self.todo_id, self.subtask_id, title)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class AddSubtaskCommand(TodoCommand):
    def __init__(self, service, todo_id: str, title: str, report) -> None:
        super().__init__(service, f"Add subtask “{title}”", report)
        self.todo_id, self.title = todo_id, title
        self.subtask_id: str | None = None
        self.todo_completed_before: bool | None = None

    def apply(self) -> None:
        before = self.service.get_todo(self.todo_id)
        self.todo_completed_before = before.completed
        known = {s.id for s in before.subtasks}
        after = self.service.add_subtask(self.todo_id, self.title)
        self.subtask_id = next(s.id for s in after.subtasks if s.id not in known)

    def revert(self) -> None:
        todo = self.service.remove_subtask(self.todo_id, self.subtask_id)
        if not todo.subtasks and todo.completed != self.todo_completed_before:
            self.service.set_todo_completed(self.todo_id, self.todo_completed_before)


class ConvertCommand(TodoCommand):
    """A conversion (milestone -> todo, roadmap -> todo): creates the todo or updates the existing one.

    Undo deletes a todo it created, or puts back the earlier version of the one it updated.
    """

    def __init__(self, service, text: str, convert: Callable[[], Todo], find_existing: Callable[[], Todo | None], report) -> None:
        super().__init__(service, text, report)
        self._convert, self._find_existing = convert, find_existing
        self.before: Todo | None = None
        self.result: Todo | None = None
        self.created = False

    def apply(self) -> None:
        self.before = self._find_existing()
        self.result = self._convert()
        self.created = self.before is None

    def revert(self) -> None:
        try:
            self.service.delete_todo(self.result.id)
        except NotFoundError:
            pass
        if self.before is not None:
            self.service.restore_todo(self.before)
