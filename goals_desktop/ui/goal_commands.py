"""Undo commands for goals themselves (create, edit, delete); each side is one service call."""

from __future__ import annotations

from typing import Any

from goals_desktop.storage import UNSET
from goals_desktop.ui.canvas.commands import ServiceCommand

GOAL_FIELDS = ("title", "description", "target_date", "status")


class CreateGoalCommand(ServiceCommand):
    def __init__(self, service, values: dict[str, Any], report) -> None:
        super().__init__(service, "", f"New goal “{values['title']}”", report)
        self.values = values
        self.created: dict[str, Any] | None = None

    def apply(self) -> None:
        if self.created is None:
            goal = self.service.create_goal(self.values["title"], self.values["description"], self.values["target_date"])
            self.goal_id = goal.id
            self.created = goal.to_dict()
        else:
            # Redo after undo brings back the same goal (same id), so later steps still apply.
            self.service.restore_goal(self.created)

    def revert(self) -> None:
        self.created = self.service.get_goal(self.goal_id).to_dict()
        self.service.delete_goal(self.goal_id)


class EditGoalCommand(ServiceCommand):
    """Only the fields that changed are written, so another copy's edits to the rest survive."""

    def __init__(self, service, goal, values: dict[str, Any], report) -> None:
        super().__init__(service, goal.id, f"Edit goal “{values['title']}”", report)
        before = {name: getattr(goal, name) for name in GOAL_FIELDS}
        self.after = {name: values[name] for name in GOAL_FIELDS if values[name] != before[name]}
        self.before = {name: before[name] for name in self.after}

    def is_empty(self) -> bool:
        return not self.after

    def apply(self) -> None:
        self.service.update_goal(self.goal_id, **{n: self.after.get(n, UNSET) for n in GOAL_FIELDS})

    def revert(self) -> None:
        self.service.update_goal(self.goal_id, **{n: self.before.get(n, UNSET) for n in GOAL_FIELDS})


class DeleteGoalCommand(ServiceCommand):
    """Undo restores the goal with its roadmap and ids, and re-links the todos it had."""

    def __init__(self, service, goal_id: str, delete_todos: bool, report) -> None:
        goal = service.get_goal(goal_id)
        super().__init__(service, goal_id, f"Delete goal “{goal.title}”", report)
        self.snapshot = goal.to_dict()
        self.delete_todos = delete_todos
        self.deleted_todos: list = []
        self.lost_links: list = []

    def apply(self) -> None:
        self.snapshot = self.service.get_goal(self.goal_id).to_dict()
        if self.delete_todos:
            self.deleted_todos = [t.to_dict() for t in self.service.list_todos(goal_id=self.goal_id)]
        self.lost_links = list(self.service.delete_goal(self.goal_id, delete_todos=self.delete_todos).unlinked)

    def revert(self) -> None:
        self.service.restore_goal(self.snapshot)
        for todo in self.deleted_todos:
            self.service.restore_todo(todo)
        if self.lost_links:
            self.service.restore_links(self.lost_links)
