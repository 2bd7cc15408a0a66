"""Todos made from a roadmap: a milestone as a todo, a goal's roadmap as one todo (a subtask per
milestone), and the todo's title following the goal's. Converting again updates the same todo.

Plain functions on a UnitOfWork, called by GoalService (one transaction per call).
"""

from __future__ import annotations

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import new_id
from goals_desktop.domain.todos import Subtask, Todo

from . import goals, todos
from .completion import Completion
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table
from .unit import UnitOfWork


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
        todo_id = todos.insert(unit, node["label"], "", node["due_date"], goal_id, node_id, "milestone", steps, completed)
    else:
        todo_id = existing
        conn.execute(
            todos_table.update()
            .where(todos_table.c.id == todo_id)
            .values(title=node["label"], goal_id=goal_id, updated_at=rules.utc_now())
        )
        have = {s.title for s in todos.load(unit, todo_id).subtasks}
        for step in steps:
            if step not in have:
                todos.append_subtask(unit, todo_id, step, completed)
    completion = Completion(unit)
    # A new todo takes the milestone's state; an existing one keeps the steps the user ticked.
    if existing is None:
        completion.node(goal_id, node_id, completed)
    completion.recheck(todo_id).run()
    todo = todos.load(unit, todo_id)
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
        todo_id = todos.insert(unit, goal.title, "", goal.target_date, goal_id, None, "roadmap", [])
        current: list[Subtask] = []
    else:
        todo_id = existing
        conn.execute(
            todos_table.update().where(todos_table.c.id == todo_id).values(title=goal.title, updated_at=rules.utc_now())
        )
        current = todos.load(unit, todo_id).subtasks
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
    todos.renumber_subtasks(unit, ids)
    completion = Completion(unit).recheck(todo_id).run()
    todo = todos.load(unit, todo_id)
    unit.todos_changed([todo_id], [goal_id], completion=completion)
    return todo


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
