"""Undo steps for goals themselves (create, edit, delete); each side is one service call."""

from __future__ import annotations

from typing import Any

from goals_desktop.storage import UNSET
from goals_desktop.ui.commands.runner import ServiceCommand, unlinked

GOAL_FIELDS = ("title", "description", "target_date", "status")


class CreateGoalCommand(ServiceCommand):
    def __init__(self, service, values: dict[str, Any]) -> None:
        super().__init__(service, f"New goal “{values['title']}”")
        self.values = values
        self.created: dict[str, Any] | None = None

    def apply(self):
        if self.created is None:
            goal = self.service.create_goal(self.values["title"], self.values["description"], self.values["target_date"])
            self.goal_id = goal.id
            self.created = goal.to_dict()
            return goal
        # Redo after undo brings back the same goal (same id), so later steps still apply.
        return self.service.restore_goal(self.created)

    def revert(self):
        return self.service.delete_goal(self.goal_id)


class EditGoalCommand(ServiceCommand):
    """Only the fields that changed are written, so another copy's edits to the rest survive."""

    def __init__(self, service, goal, values: dict[str, Any]) -> None:
        super().__init__(service, f"Edit goal “{values['title']}”", goal.id)
        before = {name: getattr(goal, name) for name in GOAL_FIELDS}
        self.after = {name: values[name] for name in GOAL_FIELDS if values[name] != before[name]}
        self.before = {name: before[name] for name in self.after}

    def is_empty(self) -> bool:
        return not self.after

    def apply(self):
        return self.service.update_goal(self.goal_id, **{n: self.after.get(n, UNSET) for n in GOAL_FIELDS})

    def revert(self):
        return self.service.update_goal(self.goal_id, **{n: self.before.get(n, UNSET) for n in GOAL_FIELDS})


class DeleteGoalCommand(ServiceCommand):
    """Undo restores the goal with its roadmap and ids, the todos deleted with it, and the links
    of the todos kept: one restore_goal call."""

    def __init__(self, service, goal_id: str, delete_todos: bool) -> None:
        goal = service.get_goal(goal_id)
        super().__init__(service, f"Delete goal “{goal.title}”", goal_id)
        # Redo only ever runs on the state this snapshot was taken from (later steps are undone first).
        self.snapshot = goal.to_dict()
        self.delete_todos = delete_todos
        self.deleted_todos = [t.to_dict() for t in service.list_todos(goal_id=goal_id)] if delete_todos else []
        self.lost_links: tuple = ()

    def apply(self):
        result = self.service.delete_goal(self.goal_id, delete_todos=self.delete_todos)
        self.lost_links = unlinked(result)
        return result

    def revert(self):
        return self.service.restore_goal(self.snapshot, deleted_todos=self.deleted_todos, links=self.lost_links)
