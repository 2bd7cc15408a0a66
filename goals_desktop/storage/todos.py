"""Todos: their rows, edits, the two conversions from roadmaps, and undo helpers.

Plain functions on a UnitOfWork, called by GoalService (one transaction per call). Completion
follows links through completion.Completion; links to milestones are kept right by links.py.
Arguments are checked by the `check_*` functions before the unit's transaction opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import new_id
from goals_desktop.domain.todos import LostLink, Subtask, Todo

from . import goals, links
from .completion import Completion, stamp_todo
from .results import ChangeKind, TodosChanged
from .schema import goals as goals_table
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UNSET, UnitOfWork

_TODO_ID = sa.bindparam("todo_id")
_TODO_ROW = sa.select(todos_table).where(todos_table.c.id == _TODO_ID)
_TODOS_SEQ_MAX = sa.select(sa.func.coalesce(sa.func.max(todos_table.c.seq), -1))
_SUBTASKS_SEQ_MAX = sa.select(sa.func.coalesce(sa.func.max(subtasks_table.c.seq), -1)).where(
    subtasks_table.c.todo_id == _TODO_ID
)


# -- checking arguments (no transaction needed) --------------------------------------------------


def check_new(
    title: Any, notes: Any = "", due_date: Any = None, goal_id: Any = None, node_id: Any = None, subtasks: Any = None
) -> dict[str, Any]:
    return {
        "title": todo_rules.clean_todo_title(title),
        "notes": todo_rules.clean_notes(notes),
        "due_date": todo_rules.clean_due_date(due_date),
        "goal_id": todo_rules.check_ref(goal_id, "goal"),
        "node_id": todo_rules.check_ref(node_id, "milestone"),
        "subtask_titles": todo_rules.clean_subtask_titles(subtasks),
    }


def check_edit(
    *, title: Any = UNSET, notes: Any = UNSET, due_date: Any = UNSET, goal_id: Any = UNSET, node_id: Any = UNSET
) -> tuple[dict[str, Any], Any, Any]:
    """(column values, new goal id or UNSET, new milestone id or UNSET)."""
    values: dict[str, Any] = {}
    if title is not UNSET:
        values["title"] = todo_rules.clean_todo_title(title)
    if notes is not UNSET:
        values["notes"] = todo_rules.clean_notes(notes)
    if due_date is not UNSET:
        values["due_date"] = todo_rules.clean_due_date(due_date)
    new_goal = todo_rules.check_ref(goal_id, "goal") if goal_id is not UNSET else UNSET
    new_node = todo_rules.check_ref(node_id, "milestone") if node_id is not UNSET else UNSET
    return values, new_goal, new_node


def check_index(index: Any) -> int:
    if isinstance(index, bool) or not isinstance(index, int):
        raise ValidationError("A todo's new place must be a whole number.")
    return index


def check_restore(todo: Todo | Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A deleted todo (from get_todo(...) or its to_dict()) as checked rows: (todo row, subtask rows)."""
    data = todo.to_dict() if isinstance(todo, Todo) else dict(todo)
    todo_id = todo_rules.check_ref(data.get("id"), "todo")
    if todo_id is None:
        raise ValidationError("A todo to restore needs its id.")
    raw_subtasks = data.get("subtasks") or []
    if not isinstance(raw_subtasks, list) or not all(isinstance(x, Mapping) for x in raw_subtasks):
        raise ValidationError("A todo's subtasks must be a list of objects.")
    kind = data.get("kind", "manual")
    if kind not in todo_rules.TODO_KINDS:
        raise ValidationError(f"Unknown todo kind {str(kind)[:40]!r}.")
    order = data.get("order", 0)
    now = rules.utc_now()
    row = {
        "id": todo_id,
        "seq": order if isinstance(order, int) and not isinstance(order, bool) else 0,
        "title": todo_rules.clean_todo_title(data.get("title")),
        "notes": todo_rules.clean_notes(data.get("notes")),
        "completed": todo_rules.check_completed(data.get("completed", False)),
        "due_date": todo_rules.clean_due_date(data.get("due_date")),
        "kind": kind,
        "goal_id": todo_rules.check_ref(data.get("goal_id"), "goal"),
        "node_id": todo_rules.check_ref(data.get("node_id"), "milestone"),
        "created_at": rules.parse_date(data.get("created_at"), "creation date") or now,
        "updated_at": now,
    }
    subtask_rows = [
        {
            "id": todo_rules.check_ref(item.get("id"), "subtask") or new_id("subtask"),
            "todo_id": todo_id,
            "seq": seq,
            "title": todo_rules.clean_subtask_title(item.get("title")),
            "completed": todo_rules.check_completed(item.get("completed", False)),
            "node_id": todo_rules.check_ref(item.get("node_id"), "milestone"),
        }
        for seq, item in enumerate(raw_subtasks)
    ]
    return row, subtask_rows


# -- reading --------------------------------------------------------------------------------------


def require(unit: UnitOfWork, todo_id: str) -> Mapping[str, Any]:
    row = unit.conn.execute(_TODO_ROW, {"todo_id": todo_id}).mappings().first()
    if row is None:
        raise NotFoundError(f"No todo with id {str(todo_id)[:100]!r}.")
    return row


def load(unit: UnitOfWork, todo_id: str) -> Todo:
    require(unit, todo_id)
    return load_many(unit, [todos_table.c.id == todo_id])[0]


def list_todos(unit: UnitOfWork, goal_id: str | None = None, completed: bool | None = None) -> list[Todo]:
    """Todos in their order; goal_id keeps those linked to that goal, completed filters open/done."""
    conditions = []
    if goal_id is not None:
        goals.require_goal(unit, goal_id)
        conditions.append(todos_table.c.goal_id == goal_id)
    if completed is not None:
        conditions.append(todos_table.c.completed == completed)
    return load_many(unit, conditions)


def load_many(unit: UnitOfWork, conditions: list[Any]) -> list[Todo]:
    conn = unit.conn
    todo_node = nodes_table.alias("todo_node")
    rows = conn.execute(
        sa.select(todos_table, goals_table.c.title.label("goal_title"), todo_node.c.label.label("node_label"))
        .outerjoin(goals_table, goals_table.c.id == todos_table.c.goal_id)
        .outerjoin(
            todo_node,
            sa.and_(todo_node.c.goal_id == todos_table.c.node_goal_id, todo_node.c.id == todos_table.c.node_id),
        )
        .where(*conditions)
        .order_by(todos_table.c.seq, todos_table.c.id)
    ).mappings().all()
    todos = {
        r["id"]: Todo(
            id=r["id"],
            title=r["title"],
            notes=r["notes"],
            completed=bool(r["completed"]),
            due_date=r["due_date"],
            goal_id=r["goal_id"],
            node_id=r["node_id"],
            kind=r["kind"],
            order=r["seq"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            goal_title=r["goal_title"],
            node_label=r["node_label"],
        )
        for r in rows
    }
    if todos:
        sub_node = nodes_table.alias("sub_node")
        for r in conn.execute(
            sa.select(subtasks_table, sub_node.c.label.label("node_label"))
            .outerjoin(
                sub_node,
                sa.and_(sub_node.c.goal_id == subtasks_table.c.node_goal_id, sub_node.c.id == subtasks_table.c.node_id),
            )
            .where(subtasks_table.c.todo_id.in_(list(todos)))
            .order_by(subtasks_table.c.todo_id, subtasks_table.c.seq)
        ).mappings():
            todos[r["todo_id"]].subtasks.append(
                Subtask(
                    id=r["id"],
                    todo_id=r["todo_id"],
                    title=r["title"],
                    completed=bool(r["completed"]),
                    node_id=r["node_id"],
                    order=r["seq"],
                    node_label=r["node_label"],
                )
            )
    return list(todos.values())


# -- creating and editing -------------------------------------------------------------------------


def create(
    unit: UnitOfWork,
    title: str,
    notes: str,
    due_date: str | None,
    goal_id: str | None,
    node_id: str | None,
    subtask_titles: list[str],
) -> Todo:
    """A new todo at the end of the list. Linked to a milestone, it takes the milestone's state."""
    _check_link(unit, goal_id, node_id)
    todo_id = _insert(unit, title, notes, due_date, goal_id, node_id, "manual", subtask_titles)
    completion = Completion(unit)
    if node_id is not None:
        completion.node(goal_id, node_id, goals.node_completed(unit, goal_id, node_id))
    completion.run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return todo


def update(unit: UnitOfWork, todo_id: str, values: dict[str, Any], new_goal: Any, new_node: Any) -> Todo:
    """Edit fields and links (from check_edit). A new milestone link takes the milestone's state;
    moving the todo to another goal clears its subtasks' links to the old goal's milestones."""
    conn = unit.conn
    row = require(unit, todo_id)
    old_goal = row["goal_id"]
    target_goal = old_goal if new_goal is UNSET else new_goal
    if new_node is UNSET:
        # Keep the milestone link only if it still belongs to the (possibly new) goal.
        target_node = row["node_id"] if row["node_goal_id"] == target_goal else None
    else:
        target_node = new_node
    _check_link(unit, target_goal, target_node)
    values = dict(
        values,
        goal_id=target_goal,
        node_goal_id=target_goal if target_node else None,
        node_id=target_node,
        updated_at=rules.utc_now(),
    )
    conn.execute(todos_table.update().where(todos_table.c.id == todo_id).values(**values))
    if target_goal != old_goal:
        conn.execute(
            subtasks_table.update().where(subtasks_table.c.todo_id == todo_id).values(node_goal_id=None, node_id=None)
        )
    completion = Completion(unit)
    if target_node is not None and (target_node != row["node_id"] or target_goal != row["node_goal_id"]):
        completion.node(target_goal, target_node, goals.node_completed(unit, target_goal, target_node))
    completion.run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [old_goal, target_goal], completion=completion)
    return todo


def delete(unit: UnitOfWork, todo_id: str) -> None:
    """Delete a todo and its subtasks; milestones are left as they are."""
    row = require(unit, todo_id)
    unit.conn.execute(todos_table.delete().where(todos_table.c.id == todo_id))
    unit.changed(row["goal_id"] or "", ChangeKind.TODOS, TodosChanged(deleted_ids=(todo_id,)))


def move(unit: UnitOfWork, todo_id: str, index: int) -> list[Todo]:
    """Move a todo to a 0-based place in the list (clamped); returns the whole list in order."""
    conn = unit.conn
    row = require(unit, todo_id)
    ordered = conn.execute(sa.select(todos_table.c.id).order_by(todos_table.c.seq, todos_table.c.id))
    ids = [i for i in ordered.scalars() if i != todo_id]
    ids.insert(max(0, min(index, len(ids))), todo_id)
    conn.execute(
        todos_table.update().where(todos_table.c.id == sa.bindparam("tid")).values(seq=sa.bindparam("new_seq")),
        [{"tid": i, "new_seq": seq} for seq, i in enumerate(ids)],
    )
    todos = load_many(unit, [])
    unit.changed(row["goal_id"] or "", ChangeKind.TODOS, TodosChanged(todo_ids=(todo_id,)))
    return todos


def set_completed(unit: UnitOfWork, todo_id: str, completed: bool) -> Todo:
    """Check or uncheck a todo: its subtasks and every linked milestone follow."""
    row = require(unit, todo_id)
    completion = Completion(unit).todo(todo_id, completed).run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [row["goal_id"]], completion=completion)
    return todo


def set_subtasks_completed(unit: UnitOfWork, todo_id: str, states: Mapping[int | str, bool]) -> Todo:
    """Set several subtasks (by 0-based position or id); their milestones and the todo follow."""
    todo = load(unit, todo_id)
    completion = Completion(unit)
    for key, completed in states.items():
        completion.subtask(todo.subtask(key).id, completed)
    completion.run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [todo.goal_id], completion=completion)
    return todo


def add_subtask(unit: UnitOfWork, todo_id: str, title: str, node_id: str | None, index: int | None) -> Todo:
    """Add a subtask (at the end, or at a 0-based index); a milestone link must be in the todo's goal."""
    todo = load(unit, todo_id)
    if len(todo.subtasks) >= todo_rules.SUBTASKS_MAX:
        raise ValidationError(f"A todo can have at most {todo_rules.SUBTASKS_MAX} subtasks.")
    if node_id is not None:
        _check_subtask_link(unit, todo, node_id)
    ids = [s.id for s in todo.subtasks]
    position = len(ids) if index is None else max(0, min(int(index), len(ids)))
    subtask_id = new_id("subtask")
    unit.conn.execute(
        subtasks_table.insert().values(
            id=subtask_id,
            todo_id=todo_id,
            seq=position,
            title=title,
            completed=False,
            node_goal_id=todo.goal_id if node_id else None,
            node_id=node_id,
        )
    )
    ids.insert(position, subtask_id)
    _renumber_subtasks(unit, ids)
    stamp_todo(unit, todo_id)
    completion = Completion(unit)
    if node_id is not None:
        completion.node(todo.goal_id, node_id, goals.node_completed(unit, todo.goal_id, node_id))
    completion.recheck(todo_id).run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [todo.goal_id], completion=completion)
    return todo


def remove_subtask(unit: UnitOfWork, todo_id: str, index_or_id: int | str) -> Todo:
    todo = load(unit, todo_id)
    subtask = todo.subtask(index_or_id)
    unit.conn.execute(subtasks_table.delete().where(subtasks_table.c.id == subtask.id))
    _renumber_subtasks(unit, [s.id for s in todo.subtasks if s.id != subtask.id])
    stamp_todo(unit, todo_id)
    completion = Completion(unit).recheck(todo_id).run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [todo.goal_id], completion=completion)
    return todo


def update_subtask(unit: UnitOfWork, todo_id: str, index_or_id: int | str, title: Any, new_node: Any) -> Todo:
    """Rename a subtask (title checked, or UNSET) or change its milestone link (checked id, None or
    UNSET); a new link takes the milestone's state."""
    values: dict[str, Any] = {} if title is UNSET else {"title": title}
    todo = load(unit, todo_id)
    subtask = todo.subtask(index_or_id)
    completion = Completion(unit)
    if new_node is not UNSET:
        if new_node is not None:
            _check_subtask_link(unit, todo, new_node)
        values.update(node_goal_id=todo.goal_id if new_node else None, node_id=new_node)
    if values:
        unit.conn.execute(subtasks_table.update().where(subtasks_table.c.id == subtask.id).values(**values))
        stamp_todo(unit, todo_id)
    if new_node not in (UNSET, None) and new_node != subtask.node_id:
        completion.node(todo.goal_id, new_node, goals.node_completed(unit, todo.goal_id, new_node))
    completion.run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [todo.goal_id], completion=completion)
    return todo


# -- conversions ----------------------------------------------------------------------------------


def from_node(unit: UnitOfWork, goal_id: str, node_id: str) -> Todo:
    """A todo linked to the milestone, its subtasks the milestone's steps. Again: updates that todo."""
    conn = unit.conn
    goals.require_node(unit, goal_id, node_id)
    node = conn.execute(
        sa.select(nodes_table).where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
    ).mappings().one()
    completed = bool(node["completed"])
    existing = conn.execute(
        sa.select(todos_table.c.id)
        .where(todos_table.c.kind == "milestone", todos_table.c.node_goal_id == goal_id, todos_table.c.node_id == node_id)
        .order_by(todos_table.c.seq)
    ).scalars().first()
    steps = list(node["details"] or [])
    if existing is None:
        todo_id = _insert(unit, node["label"], "", node["due_date"], goal_id, node_id, "milestone", steps, completed)
    else:
        todo_id = existing
        conn.execute(
            todos_table.update()
            .where(todos_table.c.id == todo_id)
            .values(title=node["label"], goal_id=goal_id, updated_at=rules.utc_now())
        )
        have = {s.title for s in load(unit, todo_id).subtasks}
        for step in steps:
            if step not in have:
                _append_subtask(unit, todo_id, step, completed)
    completion = Completion(unit)
    # A new todo takes the milestone's state; an existing one keeps the steps the user ticked.
    if existing is None:
        completion.node(goal_id, node_id, completed)
    completion.recheck(todo_id).run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return todo


def from_roadmap(unit: UnitOfWork, goal_id: str) -> Todo:
    """One todo for the goal, one subtask per milestone in dependency order. Again: updates it.

    Subtasks already linked keep their id; new milestones get new subtasks; subtasks without a
    milestone (added by hand, or whose milestone went away) are kept after them.
    """
    conn = unit.conn
    goal = goals.load(unit, goal_id)
    if goal.roadmap is None or not goal.roadmap.nodes:
        raise ValidationError(f"Goal {goal_id!r} has no milestones to send to todos.")
    roadmap = goal.roadmap
    order = rules.topological_order([n.id for n in roadmap.nodes], [(e.source, e.target) for e in roadmap.edges])
    existing = conn.execute(
        sa.select(todos_table.c.id)
        .where(todos_table.c.kind == "roadmap", todos_table.c.goal_id == goal_id)
        .order_by(todos_table.c.seq)
    ).scalars().first()
    if existing is None:
        todo_id = _insert(unit, goal.title, "", goal.target_date, goal_id, None, "roadmap", [])
        current: list[Subtask] = []
    else:
        todo_id = existing
        conn.execute(
            todos_table.update().where(todos_table.c.id == todo_id).values(title=goal.title, updated_at=rules.utc_now())
        )
        current = load(unit, todo_id).subtasks
    by_node = {s.node_id: s for s in current if s.node_id is not None}
    ids = []
    for node_id in order:
        node = roadmap.node(node_id)
        if node_id in by_node:
            subtask_id = by_node.pop(node_id).id
            conn.execute(
                subtasks_table.update()
                .where(subtasks_table.c.id == subtask_id)
                .values(title=node.label, completed=node.completed)
            )
        else:
            subtask_id = new_id("subtask")
            conn.execute(
                subtasks_table.insert().values(
                    id=subtask_id,
                    todo_id=todo_id,
                    seq=len(ids),
                    title=node.label,
                    completed=node.completed,
                    node_goal_id=goal_id,
                    node_id=node_id,
                )
            )
        ids.append(subtask_id)
    linked = set(ids)
    ids.extend(s.id for s in current if s.id not in linked)
    _renumber_subtasks(unit, ids)
    completion = Completion(unit).recheck(todo_id).run()
    todo = load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return todo


# -- undo support ---------------------------------------------------------------------------------


def follow_goal_title(unit: UnitOfWork, goal_id: str, title: str) -> None:
    """The todo a goal's roadmap was sent to keeps the goal's title (a renamed goal renames it)."""
    rows = unit.conn.execute(
        sa.select(todos_table.c.id, todos_table.c.title).where(
            todos_table.c.kind == "roadmap", todos_table.c.goal_id == goal_id, todos_table.c.title != title
        )
    ).all()
    renamed = [todo_id for todo_id, _ in rows]
    for todo_id, old_title in rows:
        unit.overwritten.todo(todo_id, "title", old_title)  # perhaps typed by hand: the undo gives it back
    if renamed:
        unit.conn.execute(
            todos_table.update().where(todos_table.c.id.in_(renamed)).values(title=title, updated_at=rules.utc_now())
        )
        unit.todos_changed(renamed, [goal_id])


def restore(unit: UnitOfWork, row: dict[str, Any], subtask_rows: list[dict[str, Any]], replace: bool = False) -> Todo:
    """Put back a deleted todo (rows from check_restore) with its ids and order.

    Links to goals/milestones that no longer exist are dropped; a milestone that still exists
    keeps its own state and the restored todo follows it.

    replace (the undo or redo of an edit that made or changed the todo): put it back exactly as
    given even if it exists, replacing the stored one; its ticks are then the truth and linked
    milestones follow them.
    """
    conn = unit.conn
    row, subtask_rows = dict(row), [dict(sub) for sub in subtask_rows]
    todo_id = row["id"]
    if conn.execute(sa.select(todos_table.c.id).where(todos_table.c.id == todo_id)).first():
        if not replace:
            raise ValidationError(f"A todo with id {todo_id!r} already exists.")
        conn.execute(todos_table.delete().where(todos_table.c.id == todo_id))  # its subtasks go with it
    goal_id = row["goal_id"]
    if goal_id and not goals.goal_exists(unit, goal_id):
        goal_id = row["goal_id"] = None
    existing_nodes = (
        set(conn.execute(sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == goal_id)).scalars())
        if goal_id
        else set()
    )
    if row["node_id"] not in existing_nodes:
        row["node_id"] = None
    row["node_goal_id"] = goal_id if row["node_id"] else None
    conn.execute(todos_table.insert().values(**row))
    for sub in subtask_rows:
        if sub["node_id"] not in existing_nodes:
            sub["node_id"] = None
        sub["node_goal_id"] = goal_id if sub["node_id"] else None
    if subtask_rows:
        conn.execute(subtasks_table.insert(), subtask_rows)
    completion = Completion(unit)
    if replace and subtask_rows:
        for sub in subtask_rows:
            completion.subtask(sub["id"], sub["completed"])
    elif replace:
        completion.todo(todo_id, row["completed"])
    else:
        for node_id in [row["node_id"], *(sub["node_id"] for sub in subtask_rows)]:
            if node_id:
                completion.node(goal_id, node_id, goals.node_completed(unit, goal_id, node_id))
    completion.recheck(todo_id).run()
    restored = load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return restored


def restore_links(unit: UnitOfWork, lost: Iterable[LostLink]) -> list[Todo]:
    """Re-link todos/subtasks reported as unlinked (undo of a regenerate, removal or delete).

    A link is restored only where its todo (and subtask), goal and milestone exist again; the
    relinked item takes the milestone's state. Returns the todos touched.
    """
    lost = list(lost)
    completion = Completion(unit)
    touched = links.relink(unit, lost, completion)
    todos = [load(unit, todo_id) for todo_id in touched]
    if touched:
        unit.todos_changed(touched, [link.goal_id for link in lost], completion=completion)
    return todos


# -- internals ------------------------------------------------------------------------------------


def _insert(
    unit: UnitOfWork,
    title: str,
    notes: str,
    due_date: str | None,
    goal_id: str | None,
    node_id: str | None,
    kind: str,
    subtask_titles: list[str],
    subtasks_completed: bool = False,
) -> str:
    conn = unit.conn
    now = rules.utc_now()
    todo_id = new_id("todo")
    seq = conn.execute(_TODOS_SEQ_MAX).scalar_one() + 1
    conn.execute(
        todos_table.insert().values(
            id=todo_id,
            seq=seq,
            title=title,
            notes=notes,
            completed=bool(subtask_titles) and subtasks_completed,
            due_date=due_date,
            kind=kind,
            goal_id=goal_id,
            node_goal_id=goal_id if node_id else None,
            node_id=node_id,
            created_at=now,
            updated_at=now,
        )
    )
    if subtask_titles:
        conn.execute(
            subtasks_table.insert(),
            [
                {
                    "id": new_id("subtask"),
                    "todo_id": todo_id,
                    "seq": seq_,
                    "title": title_,
                    "completed": subtasks_completed,
                    "node_goal_id": None,
                    "node_id": None,
                }
                for seq_, title_ in enumerate(subtask_titles)
            ],
        )
    return todo_id


def _append_subtask(unit: UnitOfWork, todo_id: str, title: str, completed: bool) -> None:
    seq = unit.conn.execute(_SUBTASKS_SEQ_MAX, {"todo_id": todo_id}).scalar_one()
    unit.conn.execute(
        subtasks_table.insert().values(id=new_id("subtask"), todo_id=todo_id, seq=seq + 1, title=title, completed=completed)
    )


def _renumber_subtasks(unit: UnitOfWork, ids: list[str]) -> None:
    if ids:
        unit.conn.execute(
            subtasks_table.update().where(subtasks_table.c.id == sa.bindparam("sid")).values(seq=sa.bindparam("new_seq")),
            [{"sid": subtask_id, "new_seq": seq} for seq, subtask_id in enumerate(ids)],
        )


def _check_link(unit: UnitOfWork, goal_id: str | None, node_id: str | None) -> None:
    todo_rules.check_links(goal_id, node_id)
    if node_id is not None:
        goals.require_node(unit, goal_id, node_id)
    elif goal_id is not None:
        goals.require_goal(unit, goal_id)


def _check_subtask_link(unit: UnitOfWork, todo: Todo, node_id: str) -> None:
    if todo.goal_id is None:
        raise ValidationError("Link the todo to a goal before linking its subtasks to milestones.")
    goals.require_node(unit, todo.goal_id, node_id)
