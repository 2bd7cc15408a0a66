"""Undo steps for todos, each side one GoalService call (see goals_desktop.ui.commands.runner).

Steps that make new ids (a new subtask, a conversion) are redone by putting back the todo they
made, with the same ids, so the steps after them on the stack still find what they name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from goals_desktop.domain.todos import Todo
from goals_desktop.ui.commands.runner import ServiceCommand


class CreateTodoCommand(ServiceCommand):
    def __init__(self, service, title: str, goal_id: str | None = None) -> None:
        super().__init__(service, f"New todo “{title}”")
        self.title, self.todo_goal_id = title, goal_id
        self.snapshot: Todo | None = None

    def apply(self):
        if self.snapshot is None:
            self.snapshot = self.service.create_todo(self.title, goal_id=self.todo_goal_id)
            return self.snapshot
        return self.service.restore_todo(self.snapshot)

    def revert(self):
        return self.service.delete_todo(self.snapshot.id)


class DeleteTodoCommand(ServiceCommand):
    def __init__(self, service, todo: Todo) -> None:
        super().__init__(service, f"Delete todo “{todo.title}”")
        self.snapshot = todo

    def apply(self):
        return self.service.delete_todo(self.snapshot.id)

    def revert(self):
        return self.service.restore_todo(self.snapshot)


class SetTodoCompletedCommand(ServiceCommand):
    """Check or reopen a todo; undo gives each subtask back the state it had (not all the same)."""

    def __init__(self, service, todo: Todo, completed: bool) -> None:
        super().__init__(service, f"{'Check off' if completed else 'Reopen'} todo “{todo.title}”")
        self.completed, self.before = completed, todo

    def apply(self):
        return self.service.set_todo_completed(self.before.id, self.completed)

    def revert(self):
        if self.before.subtasks:
            return self.service.set_subtasks_completed(self.before.id, {s.id: s.completed for s in self.before.subtasks})
        return self.service.set_todo_completed(self.before.id, self.before.completed)


class SetSubtaskCompletedCommand(ServiceCommand):
    def __init__(self, service, todo_id: str, subtask_id: str, title: str, completed: bool) -> None:
        super().__init__(service, f"{'Check off' if completed else 'Reopen'} “{title}”")
        self.todo_id, self.subtask_id, self.completed = todo_id, subtask_id, completed

    def apply(self):
        return self.service.set_subtask_completed(self.todo_id, self.subtask_id, self.completed)

    def revert(self):
        return self.service.set_subtask_completed(self.todo_id, self.subtask_id, not self.completed)


class RenameCommand(ServiceCommand):
    """Rename a todo (subtask_id None) or one of its subtasks."""

    def __init__(self, service, todo_id: str, subtask_id: str | None, old: str, new: str) -> None:
        super().__init__(service, f"Rename “{old}” to “{new}”")
        self.todo_id, self.subtask_id, self.old, self.new = todo_id, subtask_id, old, new

    def _set(self, title: str):
        if self.subtask_id is None:
            return self.service.update_todo(self.todo_id, title=title)
        return self.service.rename_subtask(self.todo_id, self.subtask_id, title)

    def apply(self):
        return self._set(self.new)

    def revert(self):
        return self._set(self.old)


class AddSubtaskCommand(ServiceCommand):
    """Undo puts the todo back as it was: with no subtasks left, a todo keeps whatever tick the new
    subtask gave it, so removing the subtask alone would not give back a checked todo."""

    def __init__(self, service, todo: Todo, title: str) -> None:
        super().__init__(service, f"Add subtask “{title}”")
        self.before, self.title = todo, title
        self.after: Todo | None = None
        self.subtask_id: str | None = None

    def apply(self):
        if self.after is None:
            self.after = self.service.add_subtask(self.before.id, self.title)
            known = {s.id for s in self.before.subtasks}
            self.subtask_id = next(s.id for s in self.after.subtasks if s.id not in known)
            return self.after
        return self.service.restore_todo(self.after, replace=True)

    def revert(self):
        return self.service.restore_todo(self.before, replace=True)


class ConvertCommand(ServiceCommand):
    """A conversion (milestone -> todo, roadmap -> todo): creates the todo or updates the existing one.

    `existing` is the todo the conversion will update (None: it makes one). Undo deletes a todo it
    made, or puts back the earlier version of the one it updated.
    """

    def __init__(self, service, text: str, convert: Callable[[], Todo], existing: Todo | None) -> None:
        super().__init__(service, text)
        self._convert, self.before = convert, existing
        self.result: Todo | None = None

    @property
    def created(self) -> bool:
        return self.before is None

    def apply(self):
        if self.result is None:
            self.result = self._convert()
            return self.result
        return self.service.restore_todo(self.result, replace=True)

    def revert(self):
        if self.before is None:
            return self.service.delete_todo(self.result.id)
        return self.service.restore_todo(self.before, replace=True)


class EditTodoCommand(ServiceCommand):
    """Change a todo's due date and/or notes: {field: value} before and after."""

    def __init__(self, service, todo: Todo, before: dict[str, Any], after: dict[str, Any]) -> None:
        what = " and ".join("due date" if name == "due_date" else name for name in after)
        super().__init__(service, f"Edit {what} of todo “{todo.title}”")
        self.todo_id, self.before, self.after = todo.id, before, after

    def apply(self):
        return self.service.update_todo(self.todo_id, **self.after)

    def revert(self):
        return self.service.update_todo(self.todo_id, **self.before)
