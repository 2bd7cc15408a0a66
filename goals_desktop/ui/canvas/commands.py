"""Undo commands of the roadmap canvas. Each redo() and undo() is one GoalService call, so the
database always matches the canvas; the canvas then follows the service's Change announcement.

If the service refuses (a cycle, a blank label, ...), the command marks itself obsolete so
QUndoStack drops it, and the one-line reason goes to report()."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Edge, Node, Position
from goals_desktop.storage import GoalService


class ServiceCommand(QUndoCommand):
    def __init__(self, service: GoalService, goal_id: str, text: str, report: Callable[[str], None]) -> None:
        super().__init__(text)
        self.service = service
        self.goal_id = goal_id
        self._report = report
        self.on_applied: Callable[[str], None] | None = None  # told the goal id after each redo/undo
        self.failed = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, call: Callable[[], None]) -> None:
        try:
            call()
        except GoalsError as error:
            # Refused by the service (or the goal changed elsewhere): nothing was written.
            self.failed = True
            self.setObsolete(True)
            self._report(str(error))
            return
        if self.on_applied is not None:
            self.on_applied(self.goal_id)


class MoveNodesCommand(ServiceCommand):
    """A whole drag (or a tidy layout) as one step: one move_nodes transaction each way."""

    def __init__(self, service, goal_id, before: Mapping[str, Position], after: Mapping[str, Position], report, text=None):
        count = len(after)
        super().__init__(service, goal_id, text or ("Move milestone" if count == 1 else f"Move {count} milestones"), report)
        self.before, self.after = dict(before), dict(after)

    def apply(self) -> None:
        self.service.move_nodes(self.goal_id, self.after)

    def revert(self) -> None:
        self.service.move_nodes(self.goal_id, self.before)


class EditNodesCommand(ServiceCommand):
    """Field changes on one or more nodes (check-off, rename, details): {node_id: {field: value}}."""

    def __init__(self, service, goal_id, before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]], text: str, report):
        super().__init__(service, goal_id, text, report)
        self.before, self.after = before, after

    def apply(self) -> None:
        self.service.update_nodes(self.goal_id, self.after)

    def revert(self) -> None:
        self.service.update_nodes(self.goal_id, self.before)


class AddNodeCommand(ServiceCommand):
    def __init__(self, service, goal_id, node: Node, report):
        super().__init__(service, goal_id, f"Add milestone “{node.label}”", report)
        self.node = node

    def apply(self) -> None:
        self.service.add_node(self.goal_id, self.node)

    def revert(self) -> None:
        self.service.remove_node(self.goal_id, self.node.id)


class AddEdgeCommand(ServiceCommand):
    def __init__(self, service, goal_id, edge: Edge, report):
        super().__init__(service, goal_id, "Connect milestones", report)
        self.edge = edge

    def apply(self) -> None:
        self.service.add_edge(self.goal_id, self.edge.source, self.edge.target, edge_id=self.edge.id)

    def revert(self) -> None:
        self.service.remove_edge(self.goal_id, self.edge.id)


class RemoveItemsCommand(ServiceCommand):
    """Delete nodes (with every edge touching them) and edges; undo restores all their fields."""

    def __init__(self, service, goal_id, nodes: list[Node], edges: list[Edge], report):
        if nodes and not edges:
            text = "Delete milestone" if len(nodes) == 1 else f"Delete {len(nodes)} milestones"
        elif nodes:
            text = f"Delete {len(nodes)} milestone(s) and {len(edges)} link(s)"
        else:
            text = "Remove link" if len(edges) == 1 else f"Remove {len(edges)} links"
        super().__init__(service, goal_id, text, report)
        self.nodes, self.edges = nodes, edges
        self.unlinked: tuple = ()

    def apply(self) -> None:
        outcome = self.service.remove_nodes(self.goal_id, [n.id for n in self.nodes], [e.id for e in self.edges])
        # Todos that pointed at these milestones were kept, unlinked; undo links them again.
        self.unlinked = outcome.unlinked

    def revert(self) -> None:
        self.service.restore_nodes(self.goal_id, self.nodes, self.edges, links=self.unlinked)
