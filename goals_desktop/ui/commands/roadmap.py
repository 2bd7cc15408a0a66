"""Undo steps that change one goal's roadmap (the canvas's edits, the Timeline's due dates), each side
one GoalService call (see goals_desktop.ui.commands.runner)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from goals_desktop.domain.models import Edge, Node, Position, Roadmap
from goals_desktop.ui.commands.runner import RoadmapCommand, unlinked


class MoveNodesCommand(RoadmapCommand):
    """A whole drag (or a tidy layout) as one step: one move_nodes transaction each way."""

    def __init__(self, service, goal_id, before: Mapping[str, Position], after: Mapping[str, Position], text=None):
        count = len(after)
        super().__init__(service, goal_id, text or ("Move milestone" if count == 1 else f"Move {count} milestones"))
        self.before, self.after = dict(before), dict(after)

    def apply(self):
        return self.service.move_nodes(self.goal_id, self.after)

    def revert(self):
        return self.service.move_nodes(self.goal_id, self.before)


class EditNodesCommand(RoadmapCommand):
    """Field changes on one or more nodes (check-off, rename, details): {node_id: {field: value}}."""

    def __init__(self, service, goal_id, before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]], text: str):
        super().__init__(service, goal_id, text)
        self.before, self.after = before, after

    def apply(self):
        return self.service.update_nodes(self.goal_id, self.after)

    def revert(self):
        return self.service.update_nodes(self.goal_id, self.before)


class AddNodeCommand(RoadmapCommand):
    def __init__(self, service, goal_id, node: Node, had_roadmap: bool = True):
        super().__init__(service, goal_id, f"Add milestone “{node.label}”")
        self.node = node
        # The first milestone of a goal without a roadmap: undo gives back "no roadmap" (the
        # window offers Generate again), not an empty one.
        self.had_roadmap = had_roadmap

    def apply(self):
        return self.service.add_node(self.goal_id, self.node)

    def revert(self):
        if self.had_roadmap:
            return self.service.remove_node(self.goal_id, self.node.id)
        return self.service.set_roadmap(self.goal_id, None, expected=Roadmap([self.node]))


class AddEdgeCommand(RoadmapCommand):
    def __init__(self, service, goal_id, edge: Edge):
        super().__init__(service, goal_id, "Connect milestones")
        self.edge = edge

    def apply(self):
        return self.service.add_edge(self.goal_id, self.edge.source, self.edge.target, edge_id=self.edge.id)

    def revert(self):
        return self.service.remove_edge(self.goal_id, self.edge.id)


class RemoveItemsCommand(RoadmapCommand):
    """Delete nodes (with every edge touching them) and edges; undo restores all their fields."""

    def __init__(self, service, goal_id, nodes: list[Node], edges: list[Edge]):
        if nodes and not edges:
            text = "Delete milestone" if len(nodes) == 1 else f"Delete {len(nodes)} milestones"
        elif nodes:
            text = f"Delete {len(nodes)} milestone(s) and {len(edges)} link(s)"
        else:
            text = "Remove link" if len(edges) == 1 else f"Remove {len(edges)} links"
        super().__init__(service, goal_id, text)
        self.nodes, self.edges = nodes, edges
        self.unlinked = ()

    def apply(self):
        result = self.service.remove_nodes(self.goal_id, [n.id for n in self.nodes], [e.id for e in self.edges])
        # Todos that pointed at these milestones were kept, unlinked; undo links them again.
        self.unlinked = unlinked(result)
        return result

    def revert(self):
        return self.service.restore_nodes(self.goal_id, self.nodes, self.edges, links=self.unlinked)


def check_off_command(service, goal_id: str, nodes: list[Node]) -> EditNodesCommand:
    """Check off (or, if all are done, reopen) nodes: one step, whether clicked, pressed on the canvas
    or the Timeline, or asked for by a screen reader. A mixed selection is all checked off first."""
    completed = not all(n.completed for n in nodes)
    before = {n.id: {"completed": n.completed} for n in nodes}
    after = {n.id: {"completed": completed} for n in nodes}
    if len(nodes) == 1:
        text = f"{'Check off' if completed else 'Reopen'} “{nodes[0].label}”"
    else:
        text = f"{'Check off' if completed else 'Reopen'} {len(nodes)} milestones"
    return EditNodesCommand(service, goal_id, before, after, text)


class SetDueDateCommand(EditNodesCommand):
    """The Timeline's one edit, dragging a bar's end (or clearing the date): redo sets the new due
    date, undo puts back the old."""

    def __init__(self, service, goal_id: str, node: Node, due: date | None) -> None:
        value = f"{due.isoformat()}T00:00:00Z" if due is not None else None
        text = f"Set due date of “{node.label}” to {due.isoformat()}" if due is not None else f"Clear due date of “{node.label}”"
        super().__init__(service, goal_id, {node.id: {"due_date": node.due_date}}, {node.id: {"due_date": value}}, text)
