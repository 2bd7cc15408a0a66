"""The Timeline's one edit: a milestone's due date, as one undo step through the service."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from goals_desktop.domain.models import Node
from goals_desktop.ui.canvas.commands import EditNodesCommand
from goals_desktop.ui.words import date_text


class SetDueDateCommand(EditNodesCommand):
    """Dragging a bar's end (or clearing the date): redo sets the new due date, undo puts back the old."""

    def __init__(self, service, goal_id: str, node: Node, due: date | None) -> None:
        value = f"{due.isoformat()}T00:00:00Z" if due is not None else None
        if due is not None:
            text = QCoreApplication.translate("RoadmapCommands", "Set due date of “{label}” to {date}").format(label=node.label, date=date_text(due))
        else:
            text = QCoreApplication.translate("RoadmapCommands", "Clear due date of “{label}”").format(label=node.label)
        super().__init__(service, goal_id, {node.id: {"due_date": node.due_date}}, {node.id: {"due_date": value}}, text)
