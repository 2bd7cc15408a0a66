"""The undo step of File ▸ Import…: goals read from a file, added in one service call."""

from __future__ import annotations

from typing import Any

from goals_desktop.domain.models import Goal
from goals_desktop.ui.commands.runner import ServiceCommand


class ImportGoalsCommand(ServiceCommand):
    """Goals read from a file, added in one service call; undo deletes them and their todos."""

    def __init__(self, service, goals: list[Any], text: str) -> None:
        super().__init__(service, text)
        self.data = goals
        self.goal_ids: list[str] = []
        self.imported: list[Goal] = []

    def apply(self):
        self.imported = self.service.import_goals(self.data)
        self.goal_ids = [goal.id for goal in self.imported]
        self.goal_id = self.goal_ids[-1] if self.goal_ids else ""
        return self.imported

    def revert(self):
        # Redo puts back exactly this (same ids, todos, ticks made since the import).
        self.data = self.service.export_goals(self.goal_ids, include_todos=True)
        return self.service.delete_goals(self.goal_ids, delete_todos=True)
