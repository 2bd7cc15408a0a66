"""Todos: checking their arguments, reading them, creating and editing todos and subtasks.

The two conversions from roadmaps live in todo_conversions.py, putting todos back (undo) in
todo_restore.py; both build on the rows written here (insert, append_subtask, renumber_subtasks).

Plain functions on a UnitOfWork, called by GoalService (one transaction per call). Completion
follows links through completion.Completion; links to milestones are kept right by links.py.
Arguments are checked by the `check_*` functions before the unit's transaction opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import new_id
from goals_desktop.domain.todos import Subtask, Todo

from . import goals
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
    rows = conn.execute(_TODO_ROWS.where(*conditions)).mappings().all()
    todos = {
        r["id"]: _from_row(Todo, r, "notes", "due_date", "goal_id", "kind", "created_at", "updated_at", "goal_title")
        for r in rows
    }
    if todos:
        for r in conn.execute(_SUBTASK_ROWS.where(subtasks_table.c.todo_id.in_(list(todos)))).mappings():
            todos[r["todo_id"]].subtasks.append(_from_row(Subtask, r, "todo_id"))
    return list(todos.values())


def _from_row(cls: type, row: Mapping[str, Any], *own_fields: str) -> Any:
    """A Todo or Subtask from its row (read with _with_node_label): the fields both have, and its own."""
    return cls(
        id=row["id"],
        title=row["title"],
        completed=bool(row["completed"]),
        node_id=row["node_id"],
        order=row["seq"],
        node_label=row["node_label"],
        **{name: row[name] for name in own_fields},
    )


def _with_node_label(table: sa.Table, *columns: Any) -> sa.Select:
    """table's rows (todos or subtasks) with the label of the milestone each is linked to, or None."""
    node = nodes_table.alias(f"{table.name}_node")
    return sa.select(table, *columns, node.c.label.label("node_label")).outerjoin(
        node, sa.and_(node.c.goal_id == table.c.node_goal_id, node.c.id == table.c.node_id)
    )


# Built once: the milestone alias and the joins cost more to compose than the query to run, and
# every refresh of the window's todo list reads through here. Each call adds only its conditions.
_TODO_ROWS = (
    _with_node_label(todos_table, goals_table.c.title.label("goal_title"))
    .outerjoin(goals_table, goals_table.c.id == todos_table.c.goal_id)
    .order_by(todos_table.c.seq, todos_table.c.id)
)
_SUBTASK_ROWS = _with_node_label(subtasks_table).order_by(subtasks_table.c.todo_id, subtasks_table.c.seq)


# -- creating and editing -------------------------------------------------------------------------


def create(unit: UnitOfWork, checked: Mapping[str, Any]) -> Todo:
    """A new todo (fields from check_new) at the end of the list. Linked to a milestone, it takes
    the milestone's state."""
    goal_id, node_id = checked["goal_id"], checked["node_id"]
    _check_link(unit, goal_id, node_id)
    todo_id = insert(
        unit, checked["title"], checked["notes"], checked["due_date"], goal_id, node_id, "manual", checked["subtask_titles"]
    )
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
    renumber_subtasks(unit, ids)
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
    renumber_subtasks(unit, [s.id for s in todo.subtasks if s.id != subtask.id])
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


# -- rows shared with todo_conversions and todo_restore ----------------------------------------


def insert(
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


def append_subtask(unit: UnitOfWork, todo_id: str, title: str, completed: bool) -> None:
    seq = unit.conn.execute(_SUBTASKS_SEQ_MAX, {"todo_id": todo_id}).scalar_one()
    unit.conn.execute(
        subtasks_table.insert().values(id=new_id("subtask"), todo_id=todo_id, seq=seq + 1, title=title, completed=completed)
    )


def renumber_subtasks(unit: UnitOfWork, ids: list[str]) -> None:
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
