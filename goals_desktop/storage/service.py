"""GoalService: the one place every change to a goal or roadmap goes through.

The window, the CLI, the AI generator and the tests all call it. Each public method is one
transaction: it happens entirely or not at all. After a commit, subscribers hear what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap, new_id
from goals_desktop.domain.todos import LostLink
from goals_desktop.layout import layout_roadmap

from . import goal_todos
from .db import Database
from .schema import edges as edges_table
from .schema import goals as goals_table
from .schema import nodes as nodes_table
from .todos import UNSET, TodoMixin, TodosChanged, _Sync

# Timestamps have one-second resolution (the API's shape); rowid keeps same-second goals in insertion order.
CREATION_ORDER = (goals_table.c.created_at, sa.literal_column("goals.rowid"))
# Hot-path statements built once: composing SQLAlchemy expressions costs more than running them.
_GOAL_ID = sa.bindparam("goal_id")
_GOAL_EXISTS = sa.select(goals_table.c.id).where(goals_table.c.id == _GOAL_ID)
_NODE_EXISTS = sa.select(nodes_table.c.id).where(
    nodes_table.c.goal_id == _GOAL_ID, nodes_table.c.id == sa.bindparam("node_id")
)
_GOAL_ROW = sa.select(goals_table).where(goals_table.c.id == _GOAL_ID)
_NODE_ROWS = sa.select(nodes_table).where(nodes_table.c.goal_id == _GOAL_ID).order_by(nodes_table.c.seq)
_EDGE_ROWS = sa.select(edges_table).where(edges_table.c.goal_id == _GOAL_ID).order_by(edges_table.c.seq)
_COMPLETION_QUERY = (
    sa.select(
        goals_table.c.status,
        sa.func.count(nodes_table.c.id),
        sa.func.coalesce(sa.func.sum(sa.cast(nodes_table.c.completed, sa.Integer)), 0),
    )
    .select_from(goals_table.outerjoin(nodes_table, nodes_table.c.goal_id == goals_table.c.id))
    .where(goals_table.c.id == _GOAL_ID)
    .group_by(goals_table.c.id)
)
_GOAL_UPDATE = goals_table.update().where(goals_table.c.id == sa.bindparam("goal_id"))
NODE_FIELDS = ("label", "completed", "position", "details", "estimated_time", "resources", "due_date", "notes")


@dataclass(frozen=True, slots=True)
class Change:
    """What a committed call changed: kind is 'created', 'updated', 'deleted', 'roadmap' or 'todos'.

    detail carries extra facts for some kinds (for 'todos': a TodosChanged, saying which todos
    changed and which lost their milestone); goal_id is "" for todos not linked to a goal.
    """

    goal_id: str
    kind: str
    detail: Any = field(default=None, compare=False)


class GoalService(TodoMixin):
    def __init__(self, database: Database) -> None:
        self.db = database
        self._subscribers: list[Callable[[Change], None]] = []
        # Todos/subtasks whose milestone (or goal) the last set_roadmap/remove_node/delete_goal removed.
        self.last_unlinked: list[LostLink] = []

    # -- change notification -----------------------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    def _announce(self, goal_id: str, kind: str, detail: Any = None) -> None:
        for callback in list(self._subscribers):
            callback(Change(goal_id, kind, detail))

    # -- goals --------------------------------------------------------------------------------

    def create_goal(self, title: Any, description: Any = None, target_date: Any = None) -> Goal:
        now = rules.utc_now()
        row = {
            "id": new_id("goal"),
            "title": rules.clean_title(title),
            "description": rules.clean_optional_text(description, "description"),
            "target_date": rules.parse_date(target_date, "target date"),
            "status": "active",
            "progress": 0,
            "has_roadmap": False,
            "created_at": now,
            "updated_at": now,
        }
        with self.db.write() as conn:
            conn.execute(goals_table.insert().values(**row))
            goal = self._load(conn, row["id"])
        self._announce(goal.id, "created")
        return goal

    def list_goals(self, status: str | None = None, search: str | None = None) -> list[Goal]:
        """Goals without their roadmaps, oldest first; search matches title or description."""
        query = sa.select(goals_table).order_by(*CREATION_ORDER)
        if status:
            query = query.where(goals_table.c.status == rules.check_status(status))
        if search and search.strip():
            pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(
                sa.or_(
                    goals_table.c.title.ilike(pattern, escape="\\"),
                    goals_table.c.description.ilike(pattern, escape="\\"),
                )
            )
        with self.db.read() as conn:
            return [self._goal_from_row(row, None) for row in conn.execute(query).mappings()]

    def get_goal(self, goal_id: str) -> Goal:
        with self.db.read() as conn:
            return self._load(conn, goal_id)

    def update_goal(
        self,
        goal_id: str,
        *,
        title: Any = UNSET,
        description: Any = UNSET,
        target_date: Any = UNSET,
        status: Any = UNSET,
    ) -> Goal:
        values: dict[str, Any] = {}
        if title is not UNSET:
            values["title"] = rules.clean_title(title)
        if description is not UNSET:
            values["description"] = rules.clean_optional_text(description, "description")
        if target_date is not UNSET:
            values["target_date"] = rules.parse_date(target_date, "target date")
        if status is not UNSET:
            values["status"] = rules.check_status(status)
        with self.db.write() as conn:
            self._require_goal(conn, goal_id)
            values["updated_at"] = rules.utc_now()
            conn.execute(goals_table.update().where(goals_table.c.id == goal_id).values(**values))
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "updated")
        return goal

    def delete_goal(self, goal_id: str, delete_todos: bool = False) -> None:
        """Delete a goal; its todos are deleted too or (default) kept, unlinked (see last_unlinked)."""
        with self.db.write() as conn:
            self._require_goal(conn, goal_id)
            todos_changed = self._todos_goal_deleting(conn, goal_id, delete_todos)
            conn.execute(goals_table.delete().where(goals_table.c.id == goal_id))
        self.last_unlinked = list(todos_changed.unlinked)
        self._announce(goal_id, "deleted")
        if todos_changed.todo_ids or todos_changed.deleted_ids:
            self._announce(goal_id, "todos", todos_changed)

    # -- roadmaps -----------------------------------------------------------------------------

    def set_roadmap(
        self, goal_id: str, roadmap: Roadmap | Mapping[str, Any] | None, expected: Any = UNSET
    ) -> Goal:
        """Replace the whole roadmap atomically. Nodes without a position get a layered layout.

        With `expected` (the roadmap the caller last saw), refuse with ConflictError if the stored
        one differs: replacing a whole roadmap is the one call that writes a full object, so an
        undo in one window must not wipe what another window checked off since.
        """
        roadmap = self._checked_roadmap(roadmap)
        if expected is not UNSET:
            expected = self._checked_roadmap(expected)
        with self.db.write() as conn:
            self._require_goal(conn, goal_id)
            if expected is not UNSET:
                current = self._load(conn, goal_id).roadmap
                if (current.to_dict() if current else None) != (expected.to_dict() if expected else None):
                    raise ConflictError(
                        "This roadmap was changed elsewhere (another window or the command line); reload it and try again."
                    )
            links = self._todo_links(conn, goal_id)
            self._write_roadmap(conn, goal_id, roadmap)
            lost, sync = self._todos_relink(conn, goal_id, links)
            goal = self._load(conn, goal_id)
        self.last_unlinked = lost
        self._announce(goal_id, "roadmap")
        if links:
            self._announce_todos(sync, [link.todo_id for link in links], [goal_id], lost, roadmap_announced=[goal_id])
        return goal

    @staticmethod
    def _checked_roadmap(roadmap: Roadmap | Mapping[str, Any] | None) -> Roadmap | None:
        if roadmap is not None and not isinstance(roadmap, Roadmap):
            return rules.roadmap_from_dict(roadmap)
        if roadmap is not None:
            rules.validate_roadmap(roadmap)
        return roadmap

    def update_node(self, goal_id: str, node_id: str, **changes: Any) -> Goal:
        """Change one node's fields (completed, position, label, details, ...): one row updated."""
        return self.update_nodes(goal_id, {node_id: changes})

    def move_nodes(self, goal_id: str, positions: Mapping[str, Position | Mapping[str, float]]) -> Goal:
        """Save where several nodes now stand (one drag of a selection), in one transaction."""
        checked = {node_id: rules.check_position(p) for node_id, p in positions.items()}
        with self.db.write() as conn:
            for node_id, position in checked.items():
                self._require_node(conn, goal_id, node_id)
                conn.execute(
                    nodes_table.update()
                    .where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
                    .values(x=position.x if position else None, y=position.y if position else None)
                )
            self._touch(conn, goal_id, recompute=False)
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        return goal

    def add_node(self, goal_id: str, node: Node | Mapping[str, Any]) -> Goal:
        """Add one node; an empty (null) roadmap becomes a roadmap with this node."""
        if not isinstance(node, Node):
            node = rules.node_from_dict(node)
        with self.db.write() as conn:
            self._require_goal(conn, goal_id)
            exists = conn.execute(
                sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node.id)
            ).first()
            if exists:
                raise ValidationError(f"The roadmap already has a node with id {node.id!r}.")
            seq = conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(nodes_table.c.seq), -1)).where(nodes_table.c.goal_id == goal_id)
            ).scalar_one()
            conn.execute(nodes_table.insert().values(self._node_row(goal_id, seq + 1, node)))
            conn.execute(goals_table.update().where(goals_table.c.id == goal_id).values(has_roadmap=True))
            self._touch(conn, goal_id, recompute=True)
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        return goal

    def remove_node(self, goal_id: str, node_id: str) -> Goal:
        """Remove a node and every edge touching it."""
        return self.remove_nodes(goal_id, [node_id])

    def add_edge(self, goal_id: str, source: str, target: str, edge_id: str | None = None) -> Goal:
        """Link source -> target (target depends on source); refuses self-loops, repeats and cycles."""
        with self.db.write() as conn:
            roadmap = self._load(conn, goal_id).roadmap or Roadmap()
            edge = Edge(edge_id or new_id("edge"), source, target)
            rules.validate_roadmap(Roadmap(roadmap.nodes, [*roadmap.edges, edge]))
            seq = len(roadmap.edges)
            conn.execute(edges_table.insert().values(goal_id=goal_id, seq=seq, **edge.to_dict()))
            self._touch(conn, goal_id, recompute=False)
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        return goal

    def remove_edge(self, goal_id: str, edge_id: str) -> Goal:
        with self.db.write() as conn:
            self._require_goal(conn, goal_id)
            deleted = conn.execute(
                edges_table.delete().where(edges_table.c.goal_id == goal_id, edges_table.c.id == edge_id)
            ).rowcount
            if not deleted:
                raise NotFoundError(f"No edge with id {edge_id!r} in goal {goal_id!r}.")
            self._touch(conn, goal_id, recompute=False)
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        return goal

    # -- import / export ----------------------------------------------------------------------

    def export_goals(self, goal_ids: Iterable[str] | None = None, include_todos: bool = False) -> list[dict[str, Any]]:
        """Goals in the Get Goal shape; include_todos adds each goal's "todos" (the export file)."""
        with self.db.read() as conn:
            if goal_ids is None:
                goal_ids = list(
                    conn.execute(sa.select(goals_table.c.id).order_by(*CREATION_ORDER)).scalars()
                )
            exported = [self._load(conn, goal_id).to_dict() for goal_id in goal_ids]
            if include_todos:
                for goal in exported:
                    goal["todos"] = goal_todos.export_todos(conn, goal["id"])
            return exported

    def import_goals(self, data: Any) -> list[Goal]:
        """Import a JSON list of goals in the seed's shape, all or nothing.

        A goal keeps its id unless that id is taken, in which case it gets a fresh one (so
        importing the same file twice makes copies instead of overwriting anything). A goal's
        "todos" (as export_goals(include_todos=True) writes them) come with it, linked to the
        same milestones.
        """
        if isinstance(data, Mapping):
            data = [data]
        if not isinstance(data, list):
            raise ValidationError("An import file must hold a JSON list of goals.")
        parsed = [self._goal_from_import(index, item) for index, item in enumerate(data, start=1)]
        todos = [self._todos_from_import(index, item) for index, item in enumerate(data, start=1)]
        imported_ids, todo_ids = [], []
        with self.db.write() as conn:
            taken = set(conn.execute(sa.select(goals_table.c.id)).scalars())
            for (row, roadmap), goal_todo_list in zip(parsed, todos):
                if row["id"] in taken:
                    row["id"] = new_id("goal")
                taken.add(row["id"])
                conn.execute(goals_table.insert().values(**row))
                self._write_roadmap(conn, row["id"], roadmap, keep_status=True)
                todo_ids.append(goal_todos.import_todos(conn, row["id"], goal_todo_list))
                # A moved goal arrives whole: writing its roadmap must not stamp it as changed now.
                conn.execute(_GOAL_UPDATE, {"goal_id": row["id"], "updated_at": row["updated_at"]})
                imported_ids.append(row["id"])
            goals = [self._load(conn, goal_id) for goal_id in imported_ids]
        for goal, ids in zip(goals, todo_ids):
            self._announce(goal.id, "created")
            if ids:
                self._announce(goal.id, "todos", TodosChanged(todo_ids=tuple(ids)))
        return goals

    @staticmethod
    def _todos_from_import(index: int, item: Any) -> list[dict[str, Any]]:
        try:
            return goal_todos.parse_todos(item.get("todos")) if isinstance(item, Mapping) else []
        except ValidationError as error:
            raise ValidationError(f"Goal #{index} in the import: {error}") from None

    def _goal_from_import(self, index: int, item: Any) -> tuple[dict[str, Any], Roadmap | None]:
        try:
            if not isinstance(item, Mapping):
                raise ValidationError("it is not a JSON object.")
            now = rules.utc_now()
            goal_id = item.get("id")
            if goal_id is not None and (not isinstance(goal_id, str) or not goal_id.strip() or len(goal_id) > 100):
                raise ValidationError("its id must be non-empty text of at most 100 characters.")
            if goal_id is not None:
                rules._check_id(goal_id, "goal")  # no control characters, like node and edge ids
            row = {
                "id": goal_id or new_id("goal"),
                "title": rules.clean_title(item.get("title")),
                "description": rules.clean_optional_text(item.get("description"), "description"),
                "target_date": rules.parse_date(item.get("target_date"), "target date"),
                "status": rules.check_status(item.get("status", "active")),
                "progress": 0,
                "has_roadmap": False,
                "created_at": rules.parse_date(item.get("created_at"), "creation date") or now,
                "updated_at": rules.parse_date(item.get("updated_at"), "update date") or now,
            }
            return row, rules.roadmap_from_dict(item.get("roadmap"))
        except ValidationError as error:
            message = str(error)
            message = message[0].lower() + message[1:]
            raise ValidationError(f"Goal #{index} in the import: {message}") from None

    # -- internals ----------------------------------------------------------------------------

    def _write_roadmap(self, conn: sa.Connection, goal_id: str, roadmap: Roadmap | None, keep_status: bool = False) -> None:
        conn.execute(edges_table.delete().where(edges_table.c.goal_id == goal_id))
        conn.execute(nodes_table.delete().where(nodes_table.c.goal_id == goal_id))
        conn.execute(goals_table.update().where(goals_table.c.id == goal_id).values(has_roadmap=roadmap is not None))
        if roadmap is not None:
            placed = layout_roadmap(roadmap, only_unplaced=True) if any(n.position is None for n in roadmap.nodes) else {}
            if roadmap.nodes:
                conn.execute(
                    nodes_table.insert(),
                    [
                        self._node_row(goal_id, seq, node, placed.get(node.id))
                        for seq, node in enumerate(roadmap.nodes)
                    ],
                )
            if roadmap.edges:
                conn.execute(
                    edges_table.insert(),
                    [{"goal_id": goal_id, "seq": seq, **edge.to_dict()} for seq, edge in enumerate(roadmap.edges)],
                )
        self._touch(conn, goal_id, recompute=True, keep_status=keep_status)

    @staticmethod
    def _node_row(goal_id: str, seq: int, node: Node, fallback: Position | None = None) -> dict[str, Any]:
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

    @staticmethod
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

    def _touch(self, conn: sa.Connection, goal_id: str, recompute: bool, keep_status: bool = False) -> None:
        """Stamp updated_at and, when completion may have changed, recompute progress and status."""
        values: dict[str, Any] = {"updated_at": rules.utc_now()}
        if recompute:
            status, total, done = conn.execute(_COMPLETION_QUERY, {"goal_id": goal_id}).one()
            values["progress"] = rules.compute_progress([True] * done + [False] * (total - done))
            if not keep_status:
                values["status"] = rules.derive_status(status, total, done)
        conn.execute(_GOAL_UPDATE, {"goal_id": goal_id, **values})

    @staticmethod
    def _require_goal(conn: sa.Connection, goal_id: str) -> None:
        if conn.execute(_GOAL_EXISTS, {"goal_id": goal_id}).first() is None:
            raise NotFoundError(f"No goal with id {str(goal_id)[:100]!r}.")

    def _require_node(self, conn: sa.Connection, goal_id: str, node_id: str) -> None:
        if conn.execute(_NODE_EXISTS, {"goal_id": goal_id, "node_id": node_id}).first() is None:
            self._require_goal(conn, goal_id)
            raise NotFoundError(f"No node with id {str(node_id)[:100]!r} in goal {goal_id!r}.")

    def _load(self, conn: sa.Connection, goal_id: str) -> Goal:
        row = conn.execute(_GOAL_ROW, {"goal_id": goal_id}).mappings().first()
        if row is None:
            raise NotFoundError(f"No goal with id {str(goal_id)[:100]!r}.")
        roadmap = None
        if row["has_roadmap"]:
            node_rows = conn.execute(_NODE_ROWS, {"goal_id": goal_id}).mappings()
            edge_rows = conn.execute(_EDGE_ROWS, {"goal_id": goal_id}).mappings()
            roadmap = Roadmap(
                [
                    Node(
                        id=n["id"],
                        label=n["label"],
                        completed=bool(n["completed"]),
                        position=Position(n["x"], n["y"]) if n["x"] is not None else None,
                        details=list(n["details"] or []),
                        estimated_time=n["estimated_time"],
                        resources=list(n["resources"] or []),
                        due_date=n["due_date"],
                        notes=n["notes"],
                    )
                    for n in node_rows
                ],
                [Edge(e["id"], e["source"], e["target"]) for e in edge_rows],
            )
        return self._goal_from_row(row, roadmap)

    @staticmethod
    def _goal_from_row(row: Mapping[str, Any], roadmap: Roadmap | None) -> Goal:
        return Goal(
            id=row["id"],
            title=row["title"],
            description=row["description"],
            target_date=row["target_date"],
            roadmap=roadmap,
            progress=row["progress"],
            status=row["status"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    # -- roadmap canvas: batch edits and undo of deletions (one transaction each) --------------

    def update_nodes(self, goal_id: str, changes: Mapping[str, Mapping[str, Any]]) -> Goal:
        """Change several nodes' fields at once (e.g. check off a selection): one transaction."""
        checked = {}
        for node_id, fields in changes.items():
            unknown = set(fields) - set(NODE_FIELDS)
            if unknown:
                raise ValidationError(f"Unknown node field {sorted(unknown)[0]!r}.")
            checked[node_id] = self._node_values(fields)
        with self.db.write() as conn:
            for node_id, values in checked.items():
                self._require_node(conn, goal_id, node_id)
                if values:
                    conn.execute(
                        nodes_table.update()
                        .where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
                        .values(**values)
                    )
            # Linked todos (and, through them, other milestones) follow in this same transaction.
            syncs = [self._todos_node_changed(conn, goal_id, node_id, values) for node_id, values in checked.items()]
            self._touch(conn, goal_id, recompute=any("completed" in v for v in checked.values()))
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        merged = syncs[0] if syncs else None
        for sync in syncs[1:]:
            merged.todos_changed |= sync.todos_changed
            merged.goals_changed |= sync.goals_changed
        if merged is not None and merged.todos_changed:
            self._announce_todos(merged, goal_ids=[goal_id], roadmap_announced=[goal_id])
        return goal

    def remove_nodes(self, goal_id: str, node_ids: Iterable[str], edge_ids: Iterable[str] = ()) -> Goal:
        """Remove several nodes (with every edge touching them) and edges, in one transaction."""
        node_ids, edge_ids = list(node_ids), list(edge_ids)
        with self.db.write() as conn:
            for node_id in node_ids:
                self._require_node(conn, goal_id, node_id)
            lost = self._todo_links(conn, goal_id, node_ids) if node_ids else []
            if node_ids:
                conn.execute(
                    edges_table.delete().where(
                        edges_table.c.goal_id == goal_id,
                        sa.or_(edges_table.c.source.in_(node_ids), edges_table.c.target.in_(node_ids)),
                    )
                )
                conn.execute(
                    nodes_table.delete().where(nodes_table.c.goal_id == goal_id, nodes_table.c.id.in_(node_ids))
                )
            if edge_ids:
                conn.execute(
                    edges_table.delete().where(edges_table.c.goal_id == goal_id, edges_table.c.id.in_(edge_ids))
                )
            self._touch(conn, goal_id, recompute=True)
            goal = self._load(conn, goal_id)
        self.last_unlinked = lost
        self._announce(goal_id, "roadmap")
        if lost:
            todo_ids = tuple(dict.fromkeys(link.todo_id for link in lost))
            self._announce(goal_id, "todos", TodosChanged(todo_ids=todo_ids, unlinked=tuple(lost)))
        return goal

    def restore_nodes(
        self, goal_id: str, nodes: Iterable[Node], edges: Iterable[Edge] = (), links: Iterable[LostLink] = ()
    ) -> Goal:
        """Put back removed nodes (all their fields) and edges at once: the undo of remove_nodes.

        links (remove_nodes' last_unlinked) re-links the todos that pointed at them, in the same transaction.
        """
        nodes, edges, links = list(nodes), list(edges), list(links)
        sync = None
        with self.db.write() as conn:
            current = self._load(conn, goal_id).roadmap or Roadmap()
            rules.validate_roadmap(Roadmap([*current.nodes, *nodes], [*current.edges, *edges]))
            node_seq = conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(nodes_table.c.seq), -1)).where(nodes_table.c.goal_id == goal_id)
            ).scalar_one()
            edge_seq = conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(edges_table.c.seq), -1)).where(edges_table.c.goal_id == goal_id)
            ).scalar_one()
            if nodes:
                conn.execute(
                    nodes_table.insert(),
                    [self._node_row(goal_id, node_seq + 1 + i, node) for i, node in enumerate(nodes)],
                )
            if edges:
                conn.execute(
                    edges_table.insert(),
                    [{"goal_id": goal_id, "seq": edge_seq + 1 + i, **e.to_dict()} for i, e in enumerate(edges)],
                )
            conn.execute(goals_table.update().where(goals_table.c.id == goal_id).values(has_roadmap=True))
            if links:
                sync = _Sync(conn)
                relinked = self._relink(conn, links, sync)
            self._touch(conn, goal_id, recompute=True)
            goal = self._load(conn, goal_id)
        self._announce(goal_id, "roadmap")
        if sync is not None and relinked:
            self._announce_todos(sync, todo_ids=list(relinked), goal_ids=[goal_id], roadmap_announced=[goal_id])
        return goal

    # -- safe alongside another copy of the app ---------------------------------------------------

    def set_roadmap_if_unchanged(
        self, goal_id: str, expected: Roadmap | Mapping[str, Any] | None, roadmap: Roadmap | Mapping[str, Any] | None
    ) -> Goal:
        """set_roadmap, but only if the stored roadmap still equals `expected`; else ConflictError."""
        return self.set_roadmap(goal_id, roadmap, expected=expected)

    # -- window: undo of a goal deletion ----------------------------------------------------------

    def restore_goal(self, data: Mapping[str, Any]) -> Goal:
        """Put back a deleted goal exactly (same id, roadmap, status, timestamps): one transaction."""
        row, roadmap = self._goal_from_import(1, data)
        with self.db.write() as conn:
            if conn.execute(_GOAL_EXISTS, {"goal_id": row["id"]}).first() is not None:
                raise ValidationError(f"A goal with id {row['id']!r} already exists.")
            conn.execute(goals_table.insert().values(**row))
            self._write_roadmap(conn, row["id"], roadmap, keep_status=True)
            conn.execute(_GOAL_UPDATE, {"goal_id": row["id"], "updated_at": row["updated_at"]})
            goal = self._load(conn, row["id"])
        self._announce(goal.id, "created")
        return goal
