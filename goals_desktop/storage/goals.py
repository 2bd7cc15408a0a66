"""Goals: their rows, loading a goal with its roadmap, and progress/status bookkeeping.

Plain functions on a UnitOfWork; every other storage module builds on these. Nothing here knows
about todos.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles

from goals_desktop.domain import rules
from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap, new_id

from .rows import goal_from_row as _goal_from_row
from .schema import edges as edges_table
from .schema import goals as goals_table
from .schema import nodes as nodes_table
from .unit import UNSET, UnitOfWork


class _InsertionOrder(sa.sql.expression.ColumnElement):
    """Tie-break for goals created in the same second (timestamps have the API's one-second resolution).

    SQLite keeps insertion order in its rowid; PostgreSQL's schema carries it explicitly (the
    creation_seq identity column, made by migration 0001 on PostgreSQL only); any other dialect
    falls back to the id.
    """

    type = sa.Integer()
    inherit_cache = True


@compiles(_InsertionOrder)
def _insertion_order(element: _InsertionOrder, compiler: Any, **kw: Any) -> str:
    return compiler.process(goals_table.c.id, **kw)


@compiles(_InsertionOrder, "sqlite")
def _insertion_order_sqlite(element: _InsertionOrder, compiler: Any, **kw: Any) -> str:
    return "goals.rowid"


@compiles(_InsertionOrder, "postgresql")
def _insertion_order_postgresql(element: _InsertionOrder, compiler: Any, **kw: Any) -> str:
    return "goals.creation_seq"


INSERTION_ORDER = _InsertionOrder()
CREATION_ORDER = (goals_table.c.created_at, INSERTION_ORDER)

# Hot-path statements built once: composing SQLAlchemy expressions costs more than running them.
_GOAL_ID = sa.bindparam("goal_id")
_GOAL_EXISTS = sa.select(goals_table.c.id).where(goals_table.c.id == _GOAL_ID)
_NODE_EXISTS = sa.select(nodes_table.c.id).where(
    nodes_table.c.goal_id == _GOAL_ID, nodes_table.c.id == sa.bindparam("node_id")
)
_NODE_COMPLETED = sa.select(nodes_table.c.completed).where(
    nodes_table.c.goal_id == _GOAL_ID, nodes_table.c.id == sa.bindparam("node_id")
)
_GOAL_ROW = sa.select(goals_table).where(goals_table.c.id == _GOAL_ID)
# The columns a Node and an Edge are made of, in node_from_row's and edge_from_row's order (a
# goal's own rows need neither their goal_id nor their seq: fewer values to fetch on every load).
NODE_COLUMNS = tuple(
    nodes_table.c[name]
    for name in ("id", "label", "completed", "x", "y", "details", "estimated_time", "resources", "due_date", "notes")
)
EDGE_COLUMNS = (edges_table.c.id, edges_table.c.source, edges_table.c.target)
_NODE_ROWS = sa.select(*NODE_COLUMNS).where(nodes_table.c.goal_id == _GOAL_ID).order_by(nodes_table.c.seq)
_EDGE_ROWS = sa.select(*EDGE_COLUMNS).where(edges_table.c.goal_id == _GOAL_ID).order_by(edges_table.c.seq)
_GOAL_ROW_KEYS = tuple(_GOAL_ROW.selected_columns.keys())
# Every goal at once (an export of the whole database): three statements however many goals there are.
_ALL_GOAL_ROWS = sa.select(goals_table).order_by(*CREATION_ORDER)
_ALL_NODE_ROWS = sa.select(nodes_table.c.goal_id, *NODE_COLUMNS).order_by(nodes_table.c.goal_id, nodes_table.c.seq)
_ALL_EDGE_ROWS = sa.select(edges_table.c.goal_id, *EDGE_COLUMNS).order_by(edges_table.c.goal_id, edges_table.c.seq)
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
# Column values go in the parameters ({"goal_id": ..., "title": ...}): one compiled statement per
# set of columns, where .values(...) would build and key a new statement on every call.
_GOAL_UPDATE = goals_table.update().where(goals_table.c.id == sa.bindparam("goal_id"))
_GOAL_INSERT = goals_table.insert()
_GOAL_DELETE = goals_table.delete().where(goals_table.c.id == _GOAL_ID)


# -- reading ------------------------------------------------------------------------------------


def require_goal(unit: UnitOfWork, goal_id: str) -> None:
    if not unit.rows(_GOAL_EXISTS, {"goal_id": goal_id}):
        raise NotFoundError(f"No goal with id {str(goal_id)[:100]!r}.")


def goal_exists(unit: UnitOfWork, goal_id: str) -> bool:
    return bool(unit.rows(_GOAL_EXISTS, {"goal_id": goal_id}))


def require_node(unit: UnitOfWork, goal_id: str, node_id: str) -> None:
    if not unit.rows(_NODE_EXISTS, {"goal_id": goal_id, "node_id": node_id}):
        require_goal(unit, goal_id)
        raise NotFoundError(f"No node with id {str(node_id)[:100]!r} in goal {goal_id!r}.")


def node_exists(unit: UnitOfWork, goal_id: str, node_id: str) -> bool:
    return bool(unit.rows(_NODE_EXISTS, {"goal_id": goal_id, "node_id": node_id}))


def node_completed(unit: UnitOfWork, goal_id: str, node_id: str) -> bool:
    (completed,) = unit.rows(_NODE_COMPLETED, {"goal_id": goal_id, "node_id": node_id})[0]
    return bool(completed)


def load(unit: UnitOfWork, goal_id: str) -> Goal:
    """The goal with its roadmap; NotFoundError if there is none."""
    params = {"goal_id": goal_id}
    found = unit.rows(_GOAL_ROW, params)
    if not found:
        raise NotFoundError(f"No goal with id {str(goal_id)[:100]!r}.")
    row = dict(zip(_GOAL_ROW_KEYS, found[0]))
    roadmap = None
    if row["has_roadmap"]:
        nodes = [node_from_row(n) for n in unit.rows(_NODE_ROWS, params)]
        roadmap = Roadmap(nodes, [edge_from_row(e) for e in unit.rows(_EDGE_ROWS, params)])
    return _goal_from_row(row, roadmap)


def node_from_row(n: Sequence[Any]) -> Node:
    """A node from a row of NODE_COLUMNS."""
    node_id, label, completed, x, y, details, estimated_time, resources, due_date, notes = n
    # Positional (Node's field order): keywords cost a goal's load a microsecond or two.
    return Node(
        node_id,
        label,
        bool(completed),
        Position(x, y) if x is not None else None,
        list(details or []),
        estimated_time,
        list(resources or []),
        due_date,
        notes,
    )


def edge_from_row(e: Sequence[Any]) -> Edge:
    """An edge from a row of EDGE_COLUMNS."""
    edge_id, source, target = e
    return Edge(edge_id, source, target)


# Well under SQLite's bound-parameter limit on every version.
_ROADMAPS_CHUNK = 500


def load_roadmaps(unit: UnitOfWork, goal_ids: Iterable[str]) -> dict[str, Roadmap | None]:
    """{goal id: its roadmap, or None if it has none}, three queries per 500 goals; unknown ids left out.

    The goal list's on-track signals need every listed goal's roadmap at once.
    """
    conn = unit.conn
    ids = list(dict.fromkeys(goal_ids))
    result: dict[str, Roadmap | None] = {}
    for at in range(0, len(ids), _ROADMAPS_CHUNK):
        chunk = ids[at : at + _ROADMAPS_CHUNK]
        rows = conn.execute(sa.select(goals_table.c.id, goals_table.c.has_roadmap).where(goals_table.c.id.in_(chunk)))
        for goal_id, has_roadmap in rows:
            result[goal_id] = Roadmap() if has_roadmap else None
        for table, columns, from_row, part in (
            (nodes_table, NODE_COLUMNS, node_from_row, "nodes"),
            (edges_table, EDGE_COLUMNS, edge_from_row, "edges"),
        ):
            part_rows = conn.execute(
                sa.select(table.c.goal_id, *columns).where(table.c.goal_id.in_(chunk)).order_by(table.c.goal_id, table.c.seq)
            )
            for goal_id, *values in part_rows:
                roadmap = result.get(goal_id)
                if roadmap is not None:
                    getattr(roadmap, part).append(from_row(values))
    return result


# A listed Goal's columns in Goal's own order (without its roadmap, which comes between).
_LISTED = tuple(goals_table.c[name] for name in ("id", "title", "description", "target_date", "progress", "status", "created_at", "updated_at"))
_MATCHES = sa.or_(
    goals_table.c.title.ilike(sa.bindparam("pattern"), escape="\\"),
    goals_table.c.description.ilike(sa.bindparam("pattern"), escape="\\"),
)
_OF_STATUS = goals_table.c.status == sa.bindparam("status")
# Built once, so they run prepared (a listing is thousands of rows: SQLAlchemy's per-row result
# machinery cost more than the query).
_LISTINGS = {
    (False, False): sa.select(*_LISTED).order_by(*CREATION_ORDER),
    (True, False): sa.select(*_LISTED).where(_OF_STATUS).order_by(*CREATION_ORDER),
    (False, True): sa.select(*_LISTED).where(_MATCHES).order_by(*CREATION_ORDER),
    (True, True): sa.select(*_LISTED).where(_OF_STATUS, _MATCHES).order_by(*CREATION_ORDER),
}


def list_goals(unit: UnitOfWork, status: str | None = None, search: str | None = None) -> list[Goal]:
    """Goals without their roadmaps, oldest first; search matches title or description."""
    params: dict[str, Any] = {}
    if status:
        params["status"] = rules.check_status(status)
    if search and search.strip():
        params["pattern"] = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = unit.rows(_LISTINGS[("status" in params, "pattern" in params)], params)
    return [Goal(i, title, description, target, None, progress, state, created, updated) for i, title, description, target, progress, state, created, updated in rows]


def export(unit: UnitOfWork, goal_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    if goal_ids is not None:
        return [load(unit, goal_id).to_dict() for goal_id in goal_ids]
    # Every goal: three statements however many goals there are, not three a goal (an export of a
    # few hundred small goals was a thousand round trips on a server). Each goal is made and turned
    # into its dict in turn, as load() would give it, so few objects are alive at once (the
    # collector's passes over thousands of live milestones cost more than the queries saved).
    goal_rows = [dict(zip(_GOAL_ROW_KEYS, found)) for found in unit.rows(_ALL_GOAL_ROWS)]
    nodes: dict[str, list[Sequence[Any]]] = {row["id"]: [] for row in goal_rows if row["has_roadmap"]}
    edges: dict[str, list[Sequence[Any]]] = {goal_id: [] for goal_id in nodes}
    for statement, parts in ((_ALL_NODE_ROWS, nodes), (_ALL_EDGE_ROWS, edges)):
        if parts:
            for found in unit.rows(statement):
                into = parts.get(found[0])
                if into is not None:
                    into.append(found)
    exported = []
    for row in goal_rows:
        roadmap = None
        if row["has_roadmap"]:
            roadmap = Roadmap([node_from_row(n[1:]) for n in nodes.pop(row["id"])],
                              [edge_from_row(e[1:]) for e in edges.pop(row["id"])])
        exported.append(_goal_from_row(row, roadmap).to_dict())
    return exported


def all_ids(unit: UnitOfWork) -> set[str]:
    return set(unit.conn.execute(sa.select(goals_table.c.id)).scalars())


# -- writing ------------------------------------------------------------------------------------


def new_goal_row(title: Any, description: Any = None, target_date: Any = None) -> dict[str, Any]:
    """A checked row for a fresh goal (validation happens before any transaction opens)."""
    now = rules.utc_now()
    return {
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


def goal_values(*, title: Any = UNSET, description: Any = UNSET, target_date: Any = UNSET, status: Any = UNSET) -> dict[str, Any]:
    """The checked column values of the fields given (UNSET: leave as is)."""
    values: dict[str, Any] = {}
    if title is not UNSET:
        values["title"] = rules.clean_title(title)
    if description is not UNSET:
        values["description"] = rules.clean_optional_text(description, "description")
    if target_date is not UNSET:
        values["target_date"] = rules.parse_date(target_date, "target date")
    if status is not UNSET:
        values["status"] = rules.check_status(status)
    return values


def goal_from_import(index: int, item: Any) -> tuple[dict[str, Any], Roadmap | None]:
    """A checked goal row and roadmap from one item of an import (the seed's JSON shape)."""
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


def insert(unit: UnitOfWork, row: Mapping[str, Any]) -> Goal:
    """Insert a checked goal row; the goal as saved (without a roadmap: has_roadmap is false)."""
    unit.run(_GOAL_INSERT, row)
    return _goal_from_row(row, None)


def update(unit: UnitOfWork, goal_id: str, values: Mapping[str, Any]) -> None:
    require_goal(unit, goal_id)
    unit.run(_GOAL_UPDATE, {**values, "updated_at": rules.utc_now(), "goal_id": goal_id})


def delete(unit: UnitOfWork, goal_id: str) -> None:
    """Delete the goal row; nodes and edges go with it (ON DELETE CASCADE), todo links are cleared."""
    unit.run(_GOAL_DELETE, {"goal_id": goal_id})


def set_updated_at(unit: UnitOfWork, goal_id: str, stamp: str) -> None:
    unit.run(_GOAL_UPDATE, {"goal_id": goal_id, "updated_at": stamp})


def set_has_roadmap(unit: UnitOfWork, goal_id: str, has_roadmap: bool) -> None:
    unit.run(_GOAL_UPDATE, {"goal_id": goal_id, "has_roadmap": has_roadmap})


def _completion_values(
    unit: UnitOfWork, goal_id: str, values: dict[str, Any], status: str, total: int, done: int, keep_status: bool
) -> None:
    values["progress"] = rules.compute_progress([True] * done + [False] * (total - done))
    new_status = rules.derive_status(status, total, done)
    # Written only when it changes: setting an indexed column rewrites its index entry even to
    # the same value, so a check-off that leaves the status alone would dirty a page (and cost
    # the commit a WAL write and an fsync) for nothing.
    if not keep_status and new_status != status:
        values["status"] = new_status
        unit.overwritten.status(goal_id, status)


def touch(unit: UnitOfWork, goal_id: str, recompute: bool, keep_status: bool = False, **columns: Any) -> None:
    """Stamp updated_at and, when completion may have changed, recompute progress and status
    (columns: other values for the goal's row, written in the same statement)."""
    values: dict[str, Any] = {**columns, "updated_at": rules.utc_now()}
    if recompute:
        status, total, done = unit.rows(_COMPLETION_QUERY, {"goal_id": goal_id})[0]
        _completion_values(unit, goal_id, values, status, total, done, keep_status)
    unit.run(_GOAL_UPDATE, {"goal_id": goal_id, **values})


def touch_loaded(unit: UnitOfWork, goal: Goal, recompute: bool) -> Goal:
    """touch() for a goal loaded in this unit and kept up to date in memory: progress and status
    come from its nodes, so a check-off needs no completion query. Updates the goal in place."""
    values: dict[str, Any] = {"updated_at": rules.utc_now()}
    if recompute:
        nodes = goal.roadmap.nodes if goal.roadmap is not None else []
        _completion_values(unit, goal.id, values, goal.status, len(nodes), sum(node.completed for node in nodes), keep_status=False)
    unit.run(_GOAL_UPDATE, {"goal_id": goal.id, **values})
    for name, value in values.items():
        setattr(goal, name, value)
    return goal
