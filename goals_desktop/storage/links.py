"""Links from todos and subtasks to milestones (and goals), kept right when a roadmap changes.

- a milestone's label is its linked subtasks' title (and the title of a todo made from it);
- a link to a milestone that disappears is cleared (the todo or subtask is kept) and reported as
  a LostLink; the same LostLinks put the links back (undo).

Called by the roadmap and goal functions inside their unit of work, and by the service's
restore_links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain.todos import LostLink

from . import goals
from .completion import Completion, stamp_todo
from .results import TodosChanged
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UnitOfWork


def _link_queries(only_some_nodes: bool) -> tuple[sa.Select, sa.Select]:
    goal_id = sa.bindparam("goal_id")

    def node_filter(table: sa.Table) -> Any:
        return table.c.node_id.in_(sa.bindparam("node_ids", expanding=True)) if only_some_nodes else sa.true()

    todo_links = (
        sa.select(todos_table.c.id, todos_table.c.title, todos_table.c.node_id)
        .where(todos_table.c.node_goal_id == goal_id, node_filter(todos_table))
        .order_by(todos_table.c.seq)
    )
    subtask_links = (
        sa.select(
            subtasks_table.c.id,
            subtasks_table.c.title,
            subtasks_table.c.node_id,
            subtasks_table.c.todo_id,
            todos_table.c.title.label("todo_title"),
        )
        .join(todos_table, todos_table.c.id == subtasks_table.c.todo_id)
        .where(subtasks_table.c.node_goal_id == goal_id, node_filter(subtasks_table))
        .order_by(todos_table.c.seq, subtasks_table.c.seq)
    )
    return todo_links, subtask_links


# Built once: every roadmap replacement asks (see goals._GOAL_UPDATE).
_LINKS_TO_GOAL = _link_queries(only_some_nodes=False)
_LINKS_TO_NODES = _link_queries(only_some_nodes=True)
_NODE_STATES = sa.select(nodes_table.c.id, nodes_table.c.completed, nodes_table.c.label).where(
    nodes_table.c.goal_id == sa.bindparam("goal_id")
)


def todo_links(unit: UnitOfWork, goal_id: str, node_ids: Iterable[str] | None = None) -> list[LostLink]:
    """Every todo/subtask link into the goal's roadmap (optionally only to node_ids)."""
    params: dict[str, Any] = {"goal_id": goal_id}
    if node_ids is None:
        todo_query, subtask_query = _LINKS_TO_GOAL
    else:
        todo_query, subtask_query = _LINKS_TO_NODES
        params["node_ids"] = list(node_ids)
    if node_ids is None:
        # Every roadmap replacement asks, and usually nothing is linked: the light path.
        todo_rows, subtask_rows = unit.rows(todo_query, params), unit.rows(subtask_query, params)
    else:
        todo_rows, subtask_rows = unit.conn.execute(todo_query, params), unit.conn.execute(subtask_query, params)
    links = [LostLink(todo_id, title, goal_id, node_id) for todo_id, title, node_id in todo_rows]
    links += [
        LostLink(todo_id, todo_title, goal_id, node_id, subtask_id, title)
        for subtask_id, title, node_id, todo_id, todo_title in subtask_rows
    ]
    return links


def node_changed(unit: UnitOfWork, goal_id: str, node_id: str, values: Mapping[str, Any]) -> Completion:
    """After a milestone's row was written: its label and completion reach its todos and subtasks."""
    conn = unit.conn
    completion = Completion(unit)
    if "label" in values:
        label = values["label"]
        overwritten = unit.overwritten
        for table, extra in ((subtasks_table, ()), (todos_table, (todos_table.c.kind == "milestone",))):
            is_subtask = table is subtasks_table
            renamed = conn.execute(
                sa.select(table.c.id, table.c.todo_id if is_subtask else table.c.id, table.c.title).where(
                    table.c.node_goal_id == goal_id, table.c.node_id == node_id, table.c.title != label, *extra
                )
            ).all()
            if not renamed:
                continue
            conn.execute(table.update().where(table.c.id.in_([r[0] for r in renamed])).values(title=label))
            for item_id, todo_id, title in renamed:
                # A title typed by hand gives way to the label; the undo gives it back.
                if is_subtask:
                    overwritten.subtask(item_id, todo_id, "title", title)
                else:
                    overwritten.todo(item_id, "title", title)
            changed = list(dict.fromkeys(r[1] for r in renamed))
            for todo_id in changed:
                stamp_todo(unit, todo_id)
            completion.todos_changed.update(changed)
    if "completed" in values:
        # The node row is already written; spreading from it updates its todos and subtasks.
        completion.node(goal_id, node_id, values["completed"], stored=True)
    return completion.run()


def relink_survivors(unit: UnitOfWork, goal_id: str, before: list[LostLink]) -> tuple[list[LostLink], Completion]:
    """After a roadmap was rewritten: restore links to surviving milestones, return the lost ones.

    Rewriting deletes every node row, so ON DELETE SET NULL has cleared all links; a surviving
    link takes the new milestone's state (the roadmap just written is the truth).
    """
    conn = unit.conn
    state, labels = {}, {}
    if before:  # nothing was linked (the usual case): nothing to look up
        for node_id, completed, label in conn.execute(_NODE_STATES, {"goal_id": goal_id}):
            state[node_id], labels[node_id] = completed, label
    lost: list[LostLink] = []
    completion = Completion(unit)
    for link in before:
        if link.node_id not in state:
            lost.append(link)
            if link.subtask_id:
                stamp_todo(unit, link.todo_id)
            continue
        relink = {"node_goal_id": goal_id, "node_id": link.node_id}
        label = labels[link.node_id]
        if link.subtask_id:
            conn.execute(
                subtasks_table.update().where(subtasks_table.c.id == link.subtask_id).values(title=label, **relink)
            )
            if link.subtask_title != label:
                unit.overwritten.subtask(link.subtask_id, link.todo_id, "title", link.subtask_title)
        else:
            conn.execute(todos_table.update().where(todos_table.c.id == link.todo_id).values(**relink))
            retitled = conn.execute(
                todos_table.update()
                .where(todos_table.c.id == link.todo_id, todos_table.c.kind == "milestone")
                .values(title=label)
            ).rowcount
            if retitled and link.todo_title != label:
                unit.overwritten.todo(link.todo_id, "title", link.todo_title)
        completion.node(goal_id, link.node_id, bool(state[link.node_id]))
    completion.todos_changed.update(link.todo_id for link in lost)
    return lost, completion.run()


def relink(unit: UnitOfWork, links: Iterable[LostLink], completion: Completion) -> list[str]:
    """Put back links reported as lost, where todo (and subtask), goal and milestone exist again.

    A relinked item takes the milestone's state (queued on completion, which this runs). Returns
    the ids of the todos touched, in order.
    """
    conn = unit.conn
    touched: dict[str, None] = {}
    for link in links:
        todo_row = conn.execute(sa.select(todos_table).where(todos_table.c.id == link.todo_id)).mappings().first()
        if todo_row is None or not goals.goal_exists(unit, link.goal_id):
            continue
        if todo_row["goal_id"] is None:
            conn.execute(todos_table.update().where(todos_table.c.id == link.todo_id).values(goal_id=link.goal_id))
        elif todo_row["goal_id"] != link.goal_id:
            continue
        touched[link.todo_id] = None
        if link.node_id is None or not goals.node_exists(unit, link.goal_id, link.node_id):
            continue
        values = {"node_goal_id": link.goal_id, "node_id": link.node_id}
        if link.subtask_id:
            conn.execute(
                subtasks_table.update()
                .where(subtasks_table.c.id == link.subtask_id, subtasks_table.c.todo_id == link.todo_id)
                .values(**values)
            )
        else:
            conn.execute(todos_table.update().where(todos_table.c.id == link.todo_id).values(**values))
        completion.node(link.goal_id, link.node_id, goals.node_completed(unit, link.goal_id, link.node_id))
    for todo_id in touched:
        stamp_todo(unit, todo_id)
    completion.run()
    return list(touched)


def goal_deleting(unit: UnitOfWork, goal_id: str, delete_todos: bool) -> TodosChanged:
    """Before a goal's row goes: delete its todos, or report every one kept (and each lost link)."""
    conn = unit.conn
    todo_ids = list(conn.execute(sa.select(todos_table.c.id).where(todos_table.c.goal_id == goal_id)).scalars())
    if delete_todos:
        conn.execute(todos_table.delete().where(todos_table.c.goal_id == goal_id))
        return TodosChanged(deleted_ids=tuple(todo_ids))
    # The goal link itself goes too (ON DELETE SET NULL): report each kept todo once.
    reported = {link.subtask_id or link.todo_id: link for link in todo_links(unit, goal_id)}
    unlinked = list(reported.values())
    linked_todos = {link.todo_id for link in unlinked if link.subtask_id is None}
    for row in conn.execute(
        sa.select(todos_table.c.id, todos_table.c.title).where(todos_table.c.goal_id == goal_id).order_by(todos_table.c.seq)
    ):
        if row.id not in linked_todos:
            unlinked.append(LostLink(row.id, row.title, goal_id, None))
    conn.execute(todos_table.update().where(todos_table.c.goal_id == goal_id).values(updated_at=rules.utc_now()))
    return TodosChanged(todo_ids=tuple(todo_ids), unlinked=tuple(unlinked))
