"""Roadmaps: nodes and edges as rows, and every edit of them, inside one unit of work.

Each operation writes, keeps the todo links right (links.py), recomputes the goal's progress,
records the changes on the unit and returns the goal as saved (or an Outcome when todos may have
lost their milestone). Arguments are checked by the `check_*`/`*_values` functions before the
unit's transaction opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap, new_id
from goals_desktop.domain.todos import LostLink
from goals_desktop.layout import layout_roadmap

from . import goals, links
from .completion import Completion
from .results import ChangeKind, Outcome, TodosChanged
from .schema import edges as edges_table
from .schema import nodes as nodes_table
from .unit import UNSET, UnitOfWork

NODE_FIELDS = ("label", "completed", "position", "details", "estimated_time", "resources", "due_date", "notes")

_NODE_UPDATE_WHERE = (nodes_table.c.goal_id == sa.bindparam("in_goal"), nodes_table.c.id == sa.bindparam("node"))
# Column values go in the parameters: one compiled statement per set of columns (see goals._GOAL_UPDATE).
_NODE_UPDATE = nodes_table.update().where(*_NODE_UPDATE_WHERE)
_NODES_DELETE = nodes_table.delete().where(nodes_table.c.goal_id == sa.bindparam("goal_id"))
_EDGES_DELETE = edges_table.delete().where(edges_table.c.goal_id == sa.bindparam("goal_id"))
_NODES_INSERT = nodes_table.insert()
_EDGES_INSERT = edges_table.insert()
_NODE_SEQ_MAX = sa.select(sa.func.coalesce(sa.func.max(nodes_table.c.seq), -1)).where(
    nodes_table.c.goal_id == sa.bindparam("goal_id")
)
_EDGE_SEQ_MAX = sa.select(sa.func.coalesce(sa.func.max(edges_table.c.seq), -1)).where(
    edges_table.c.goal_id == sa.bindparam("goal_id")
)
_NODE_ORDER = sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == sa.bindparam("goal_id")).order_by(nodes_table.c.seq)
_EDGE_ORDER = (
    sa.select(edges_table.c.id, edges_table.c.source, edges_table.c.target)
    .where(edges_table.c.goal_id == sa.bindparam("goal_id"))
    .order_by(edges_table.c.seq)
)


# -- checking arguments (no transaction needed) --------------------------------------------------


def check_roadmap(roadmap: Roadmap | Mapping[str, Any] | None) -> Roadmap | None:
    if roadmap is not None and not isinstance(roadmap, Roadmap):
        return rules.roadmap_from_dict(roadmap)
    if roadmap is not None:
        rules.validate_roadmap(roadmap)
    return roadmap


def check_node(node: Node | Mapping[str, Any]) -> Node:
    return node if isinstance(node, Node) else rules.node_from_dict(node)


def check_positions(positions: Mapping[str, Position | Mapping[str, float]]) -> dict[str, Position | None]:
    return {node_id: rules.check_position(p) for node_id, p in positions.items()}


def node_changes(changes: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """{node_id: {field: value}} checked and turned into column values."""
    checked = {}
    for node_id, fields in changes.items():
        unknown = set(fields) - set(NODE_FIELDS)
        if unknown:
            raise ValidationError(f"Unknown node field {sorted(unknown)[0]!r}.")
        checked[node_id] = _node_values(fields)
    return checked


def _node_values(changes: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "label":
            values["label"] = rules.clean_title(value, "milestone label", rules.LABEL_MAX)
        elif name == "completed":
            if not isinstance(value, bool):
                raise ValidationError("A node's 'completed' must be true or false.")
            values["completed"] = value
        elif name == "position":
            position = rules.check_position(value)
            values["x"], values["y"] = (position.x, position.y) if position else (None, None)
        elif name in ("details", "resources"):
            values[name] = rules.clean_text_list(value, "milestone steps" if name == "details" else "resources")
        elif name == "estimated_time":
            values[name] = rules.clean_text(value, "estimated time", rules.SHORT_TEXT_MAX).strip()
        elif name == "due_date":
            values[name] = rules.parse_date(value, "due date")
        elif name == "notes":
            values[name] = rules.clean_text(value, "notes")
    return values


# -- rows -----------------------------------------------------------------------------------------


def node_row(goal_id: str, seq: int, node: Node, fallback: Position | None = None) -> dict[str, Any]:
    position = node.position or fallback
    return {
        "goal_id": goal_id,
        "id": node.id,
        "seq": seq,
        "label": node.label,
        "completed": node.completed,
        "x": position.x if position else None,
        "y": position.y if position else None,
        "details": list(node.details),
        "estimated_time": node.estimated_time,
        "resources": list(node.resources),
        "due_date": node.due_date,
        "notes": node.notes,
    }


def write(unit: UnitOfWork, goal_id: str, roadmap: Roadmap | None, keep_status: bool = False) -> None:
    """Replace the goal's rows with this roadmap (nodes without a position get a layered layout)."""
    unit.run(_EDGES_DELETE, {"goal_id": goal_id})
    unit.run(_NODES_DELETE, {"goal_id": goal_id})
    if roadmap is not None:
        placed = layout_roadmap(roadmap, only_unplaced=True) if any(n.position is None for n in roadmap.nodes) else {}
        unit.run_many(_NODES_INSERT, [node_row(goal_id, seq, node, placed.get(node.id)) for seq, node in enumerate(roadmap.nodes)])
        unit.run_many(
            _EDGES_INSERT, [{"goal_id": goal_id, "seq": seq, **edge.to_dict()} for seq, edge in enumerate(roadmap.edges)]
        )
    goals.touch(unit, goal_id, recompute=True, keep_status=keep_status, has_roadmap=roadmap is not None)


# -- operations -----------------------------------------------------------------------------------


def _content(roadmap: Roadmap | None) -> tuple[dict, dict] | None:
    """A roadmap's nodes and edges by id: restore_nodes without the deletion's record puts nodes
    back at the end, which changes their order but not the roadmap, and must not make a later undo
    look like a conflict."""
    if roadmap is None:
        return None
    return {n.id: n.to_dict() for n in roadmap.nodes}, {e.id: e.to_dict() for e in roadmap.edges}


def replace(
    unit: UnitOfWork, goal_id: str, roadmap: Roadmap | None, expected: Any = UNSET, relink: Iterable[LostLink] = ()
) -> Outcome:
    """Replace the whole roadmap; links to milestones that survive (same id) are kept.

    With `expected` (a checked roadmap, or None), refuse with ConflictError if the stored one differs.
    `relink` (an earlier Outcome's unlinked) puts those links back where their milestone now exists.
    """
    goals.require_goal(unit, goal_id)
    if expected is not UNSET:
        current = goals.load(unit, goal_id).roadmap
        if _content(current) != _content(expected):
            raise ConflictError(
                "This roadmap was changed elsewhere (another window or the command line); reload it and try again."
            )
    before = links.todo_links(unit, goal_id)
    write(unit, goal_id, roadmap)
    lost, completion = links.relink_survivors(unit, goal_id, before)
    touched = [link.todo_id for link in before]
    relink = list(relink)
    if relink:
        relinking = Completion(unit)
        touched += links.relink(unit, relink, relinking)
        completion.merge(relinking)
    goal = goals.load(unit, goal_id)
    unit.changed(goal_id, ChangeKind.ROADMAP)
    if touched:
        unit.todos_changed(touched, [goal_id], lost, completion=completion, roadmap_recorded=[goal_id])
    return Outcome(goal, tuple(lost), unit.overwritten)


def update_nodes(unit: UnitOfWork, goal_id: str, checked: Mapping[str, Mapping[str, Any]]) -> Goal:
    """Write checked node_changes(); linked todos (and through them other milestones) follow.

    The goal (returned, as saved) is read first and kept up to date in memory, and a value a node
    already has is not written again: a check-off that changes nothing writes nothing — no commit
    to wait for, nothing for other copies to reload, updated_at kept."""
    goal = goals.load(unit, goal_id)
    nodes = goal.roadmap.nodes if goal.roadmap is not None else []
    where = {node.id: index for index, node in enumerate(nodes)}
    written = completion_moved = False
    for node_id, values in checked.items():
        if node_id not in where:
            raise NotFoundError(f"No node with id {str(node_id)[:100]!r} in goal {goal_id!r}.")
        row = node_row(goal_id, 0, nodes[where[node_id]])
        changed = {name: value for name, value in values.items() if row[name] != value}
        if changed:
            unit.run(_NODE_UPDATE, {**changed, "in_goal": goal_id, "node": node_id})
            row.update(changed)
            nodes[where[node_id]] = goals.node_from_row([row[column.key] for column in goals.NODE_COLUMNS])
            written = True
            completion_moved = completion_moved or "completed" in changed
    spread = [links.node_changed(unit, goal_id, node_id, values) for node_id, values in checked.items()]
    merged = spread[0] if spread else None
    for other in spread[1:]:
        merged.merge(other)
    if merged is not None and goal_id in merged.goals_changed:
        # Linked todos ticked other milestones of this goal: read it again.
        goal = goals.load(unit, goal_id)
        written = completion_moved = True
    if written:
        goals.touch_loaded(unit, goal, recompute=completion_moved)
    unit.changed(goal_id, ChangeKind.ROADMAP)
    if merged is not None and merged.todos_changed:
        unit.todos_changed(goal_ids=[goal_id], completion=merged, roadmap_recorded=[goal_id])
    return goal


def move_nodes(unit: UnitOfWork, goal_id: str, positions: Mapping[str, Position | None]) -> Goal:
    """Save where several nodes now stand (checked by check_positions)."""
    for node_id, position in positions.items():
        values = {"x": position.x if position else None, "y": position.y if position else None}
        if unit.run(_NODE_UPDATE, {**values, "in_goal": goal_id, "node": node_id}) == 0:
            goals.require_node(unit, goal_id, node_id)
    return _saved(unit, goal_id, recompute=False)


def add_node(unit: UnitOfWork, goal_id: str, node: Node) -> Goal:
    """Add one node; an empty (null) roadmap becomes a roadmap with this node."""
    goals.require_goal(unit, goal_id)
    if goals.node_exists(unit, goal_id, node.id):
        raise ValidationError(f"The roadmap already has a node with id {node.id!r}.")
    seq = unit.conn.execute(_NODE_SEQ_MAX, {"goal_id": goal_id}).scalar_one()
    unit.conn.execute(nodes_table.insert().values(node_row(goal_id, seq + 1, node)))
    return _saved(unit, goal_id, recompute=True, has_roadmap=True)


def remove_nodes(unit: UnitOfWork, goal_id: str, node_ids: list[str], edge_ids: list[str]) -> Outcome:
    """Remove nodes (with every edge touching them) and edges; linked todos are kept, unlinked."""
    conn = unit.conn
    for node_id in node_ids:
        goals.require_node(unit, goal_id, node_id)
    lost = links.todo_links(unit, goal_id, node_ids) if node_ids else []
    _note_places(unit, goal_id, node_ids, edge_ids)
    if node_ids:
        conn.execute(
            edges_table.delete().where(
                edges_table.c.goal_id == goal_id,
                sa.or_(edges_table.c.source.in_(node_ids), edges_table.c.target.in_(node_ids)),
            )
        )
        conn.execute(nodes_table.delete().where(nodes_table.c.goal_id == goal_id, nodes_table.c.id.in_(node_ids)))
    if edge_ids:
        conn.execute(edges_table.delete().where(edges_table.c.goal_id == goal_id, edges_table.c.id.in_(edge_ids)))
    goal = _saved(unit, goal_id, recompute=True)
    if lost:
        todo_ids = tuple(dict.fromkeys(link.todo_id for link in lost))
        unit.changed(goal_id, ChangeKind.TODOS, TodosChanged(todo_ids=todo_ids, unlinked=tuple(lost)))
    return Outcome(goal, tuple(lost), unit.overwritten)


def _note_places(unit: UnitOfWork, goal_id: str, node_ids: list[str], edge_ids: list[str]) -> None:
    """Note where the nodes and edges about to be removed stand in the roadmap's order (their
    index), so that their undo puts them back there rather than at the end. An index, not the
    row's seq: a later step and its undo may write the roadmap anew, which renumbers the rows."""
    conn, overwritten = unit.conn, unit.overwritten
    removed_nodes = set(node_ids)
    if removed_nodes:
        ordered = conn.execute(_NODE_ORDER, {"goal_id": goal_id}).scalars()
        for index, node_id in enumerate(ordered):
            if node_id in removed_nodes:
                overwritten.node_places.setdefault((goal_id, node_id), index)
    removed_edges = set(edge_ids)
    if removed_nodes or removed_edges:
        for index, (edge_id, source, target) in enumerate(conn.execute(_EDGE_ORDER, {"goal_id": goal_id})):
            if edge_id in removed_edges or source in removed_nodes or target in removed_nodes:
                overwritten.edge_places.setdefault((goal_id, edge_id), index)


def _in_places(current: list[str], restored: list[str], places: Mapping[str, int]) -> list[str]:
    """The order with the restored ids back at their noted index (the rest after the current ones)."""
    order = list(current)
    for item_id in sorted((i for i in restored if i in places), key=lambda i: places[i]):
        order.insert(min(places[item_id], len(order)), item_id)
    return order + [i for i in restored if i not in places]


def _renumber(unit: UnitOfWork, table: sa.Table, goal_id: str, order: list[str], skip: set[str]) -> None:
    """Give the goal's rows (but those in skip, about to be inserted) the seq of their place in order."""
    seqs = dict(unit.conn.execute(sa.select(table.c.id, table.c.seq).where(table.c.goal_id == goal_id)).all())
    moved = [{"in_goal": goal_id, "row": i, "new_seq": n} for n, i in enumerate(order) if i not in skip and seqs.get(i) != n]
    if moved:
        unit.conn.execute(
            table.update()
            .where(table.c.goal_id == sa.bindparam("in_goal"), table.c.id == sa.bindparam("row"))
            .values(seq=sa.bindparam("new_seq")),
            moved,
        )


def restore_nodes(
    unit: UnitOfWork, goal_id: str, nodes: list[Node], edges: list[Edge], lost: list[LostLink]
) -> Goal:
    """Put back removed nodes (all their fields) and edges, and re-link the todos in `lost`.

    As the undo of remove_nodes (unit.restoring holds its Overwritten) each goes back to the place
    in the order it had; otherwise they are added at the end."""
    conn = unit.conn
    current = goals.load(unit, goal_id).roadmap or Roadmap()
    rules.validate_roadmap(Roadmap([*current.nodes, *nodes], [*current.edges, *edges]))
    restoring = unit.restoring
    node_places = {n: i for (g, n), i in restoring.node_places.items() if g == goal_id} if restoring else {}
    edge_places = {e: i for (g, e), i in restoring.edge_places.items() if g == goal_id} if restoring else {}
    if node_places or edge_places:
        node_order = _in_places([n.id for n in current.nodes], [n.id for n in nodes], node_places)
        edge_order = _in_places([e.id for e in current.edges], [e.id for e in edges], edge_places)
        _renumber(unit, nodes_table, goal_id, node_order, {n.id for n in nodes})
        _renumber(unit, edges_table, goal_id, edge_order, {e.id for e in edges})
        node_seq = {node_id: n for n, node_id in enumerate(node_order)}
        edge_seq = {edge_id: n for n, edge_id in enumerate(edge_order)}
    else:
        after_nodes = conn.execute(_NODE_SEQ_MAX, {"goal_id": goal_id}).scalar_one() + 1
        after_edges = conn.execute(_EDGE_SEQ_MAX, {"goal_id": goal_id}).scalar_one() + 1
        node_seq = {n.id: after_nodes + i for i, n in enumerate(nodes)}
        edge_seq = {e.id: after_edges + i for i, e in enumerate(edges)}
    if nodes:
        conn.execute(nodes_table.insert(), [node_row(goal_id, node_seq[node.id], node) for node in nodes])
    if edges:
        conn.execute(
            edges_table.insert(), [{"goal_id": goal_id, "seq": edge_seq[e.id], **e.to_dict()} for e in edges]
        )
    goals.set_has_roadmap(unit, goal_id, True)
    completion, relinked = None, []
    if lost:
        completion = Completion(unit)
        relinked = links.relink(unit, lost, completion)
    goal = _saved(unit, goal_id, recompute=True)
    if relinked:
        unit.todos_changed(relinked, [goal_id], completion=completion, roadmap_recorded=[goal_id])
    return goal


def add_edge(unit: UnitOfWork, goal_id: str, source: str, target: str, edge_id: str | None = None) -> Goal:
    """Link source -> target (target depends on source); refuses self-loops, repeats and cycles."""
    roadmap = goals.load(unit, goal_id).roadmap or Roadmap()
    edge = Edge(edge_id or new_id("edge"), source, target)
    rules.validate_roadmap(Roadmap(roadmap.nodes, [*roadmap.edges, edge]))
    # After the last one: seqs have gaps where edges were removed, so their count may be taken.
    seq = unit.conn.execute(_EDGE_SEQ_MAX, {"goal_id": goal_id}).scalar_one() + 1
    unit.conn.execute(edges_table.insert().values(goal_id=goal_id, seq=seq, **edge.to_dict()))
    return _saved(unit, goal_id, recompute=False)


def remove_edge(unit: UnitOfWork, goal_id: str, edge_id: str) -> Goal:
    goals.require_goal(unit, goal_id)
    deleted = unit.conn.execute(
        edges_table.delete().where(edges_table.c.goal_id == goal_id, edges_table.c.id == edge_id)
    ).rowcount
    if not deleted:
        raise NotFoundError(f"No edge with id {edge_id!r} in goal {goal_id!r}.")
    return _saved(unit, goal_id, recompute=False)


def _saved(unit: UnitOfWork, goal_id: str, **touch: Any) -> Goal:
    """The goal as this change left it (stamped, progress and status recomputed if asked), with its
    ROADMAP change recorded."""
    goals.touch(unit, goal_id, **touch)
    goal = goals.load(unit, goal_id)
    unit.changed(goal_id, ChangeKind.ROADMAP)
    return goal
