"""Todos in GoalService: storage, the two conversions, and completion sync with roadmap milestones.

GoalService inherits TodoMixin, so todos go through the same one service and every call is one
transaction. The sync rules, applied inside that transaction:

- a todo or subtask linked to a milestone has the milestone's completion, whichever side changes;
- a todo with subtasks is done exactly when all its subtasks are done (checking the todo checks
  them all, unchecking it reopens them all);
- a milestone's label is its linked subtasks' title (and the title of a todo made from it);
- a link to a milestone that disappears is cleared (the todo or subtask is kept) and reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from goals_desktop.domain import rules
from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import new_id
from goals_desktop.domain.todos import LostLink, Subtask, Todo

from .schema import goals as goals_table
from .schema import nodes as nodes_table
from .schema import subtasks as subtasks_table
from .schema import todos as todos_table

UNSET: Any = object()
TODOS_KIND = "todos"


@dataclass(frozen=True, slots=True)
class TodosChanged:
    """The `detail` of a Change of kind 'todos': which todos changed, went away or lost a milestone."""

    todo_ids: tuple[str, ...] = ()
    deleted_ids: tuple[str, ...] = ()
    unlinked: tuple[LostLink, ...] = ()


class _Sync:
    """Spreads one completion change through links inside one transaction.

    Each milestone, todo and subtask is set at most once per call, so the first (the user's)
    change wins and the spreading always ends.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.queue: deque[tuple[str, Any, bool]] = deque()
        self.seen_nodes: set[tuple[str, str]] = set()
        self.seen_todos: set[str] = set()
        self.direct_todos: set[str] = set()  # set by the user's call or a linked milestone, not derived
        self.seen_subtasks: set[str] = set()
        self.parents_to_check: set[str] = set()
        self.goals_changed: set[str] = set()
        self.todos_changed: set[str] = set()

    def node(self, goal_id: str, node_id: str, completed: bool) -> _Sync:
        self.queue.append(("node", (goal_id, node_id), completed))
        return self

    def todo(self, todo_id: str, completed: bool) -> _Sync:
        self.queue.append(("todo", todo_id, completed))
        return self

    def subtask(self, subtask_id: str, completed: bool) -> _Sync:
        self.queue.append(("subtask", subtask_id, completed))
        return self

    def recheck(self, todo_id: str) -> _Sync:
        self.parents_to_check.add(todo_id)
        return self

    def run(self) -> _Sync:
        while self.queue or self.parents_to_check:
            while self.queue:
                what, key, completed = self.queue.popleft()
                getattr(self, f"_{what}")(key, completed)
            for todo_id in sorted(self.parents_to_check):
                self.parents_to_check.discard(todo_id)
                self._derive_todo(todo_id)
        return self

    def _node(self, key: tuple[str, str], completed: bool) -> None:
        if key in self.seen_nodes:
            return
        self.seen_nodes.add(key)
        goal_id, node_id = key
        where = (nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
        current = self.conn.execute(sa.select(nodes_table.c.completed).where(*where)).scalar_one_or_none()
        if current is None:
            return
        if bool(current) != completed:
            self.conn.execute(nodes_table.update().where(*where).values(completed=completed))
            self.goals_changed.add(goal_id)
        for todo_id in self.conn.execute(
            sa.select(todos_table.c.id).where(todos_table.c.node_goal_id == goal_id, todos_table.c.node_id == node_id)
        ).scalars():
            self.todo(todo_id, completed)
        for subtask_id in self.conn.execute(
            sa.select(subtasks_table.c.id).where(
                subtasks_table.c.node_goal_id == goal_id, subtasks_table.c.node_id == node_id
            )
        ).scalars():
            self.subtask(subtask_id, completed)

    def _todo(self, todo_id: str, completed: bool) -> None:
        if todo_id in self.seen_todos:
            return
        self.seen_todos.add(todo_id)
        self.direct_todos.add(todo_id)
        row = self._set_todo(todo_id, completed)
        if row is None:
            return
        for subtask_id in self.conn.execute(
            sa.select(subtasks_table.c.id).where(subtasks_table.c.todo_id == todo_id)
        ).scalars():
            self.subtask(subtask_id, completed)

    def _derive_todo(self, todo_id: str) -> None:
        # A todo already set directly in this call keeps that value; otherwise it follows its subtasks,
        # again each time one of them changes later in the same call (each subtask changes at most once).
        if todo_id in self.direct_todos:
            return
        flags = list(
            self.conn.execute(sa.select(subtasks_table.c.completed).where(subtasks_table.c.todo_id == todo_id)).scalars()
        )
        if flags:
            # Seen from now on, so its milestone's answer does not come back to overwrite its subtasks.
            self.seen_todos.add(todo_id)
            self._set_todo(todo_id, all(flags))

    def _set_todo(self, todo_id: str, completed: bool) -> Mapping[str, Any] | None:
        row = self.conn.execute(sa.select(todos_table).where(todos_table.c.id == todo_id)).mappings().first()
        if row is None:
            return None
        if bool(row["completed"]) != completed:
            self.conn.execute(
                todos_table.update()
                .where(todos_table.c.id == todo_id)
                .values(completed=completed, updated_at=rules.utc_now())
            )
            self.todos_changed.add(todo_id)
        if row["node_id"] is not None:
            self.node(row["node_goal_id"], row["node_id"], completed)
        return row

    def _subtask(self, subtask_id: str, completed: bool) -> None:
        if subtask_id in self.seen_subtasks:
            return
        self.seen_subtasks.add(subtask_id)
        row = self.conn.execute(sa.select(subtasks_table).where(subtasks_table.c.id == subtask_id)).mappings().first()
        if row is None:
            return
        if bool(row["completed"]) != completed:
            self.conn.execute(subtasks_table.update().where(subtasks_table.c.id == subtask_id).values(completed=completed))
            self.conn.execute(
                todos_table.update().where(todos_table.c.id == row["todo_id"]).values(updated_at=rules.utc_now())
            )
            self.todos_changed.add(row["todo_id"])
        if row["node_id"] is not None:
            self.node(row["node_goal_id"], row["node_id"], completed)
        self.parents_to_check.add(row["todo_id"])


class TodoMixin:
    """Todo methods of GoalService. Relies on GoalService's db, _touch, _require_goal, _require_node, _announce."""

    # -- reading ----------------------------------------------------------------------------------

    def list_todos(self, goal_id: str | None = None, completed: bool | None = None) -> list[Todo]:
        """Todos in their order; goal_id keeps those linked to that goal, completed filters open/done."""
        conditions = []
        if goal_id is not None:
            conditions.append(todos_table.c.goal_id == goal_id)
        if completed is not None:
            conditions.append(todos_table.c.completed == todo_rules.check_completed(completed))
        with self.db.read() as conn:
            if goal_id is not None:
                self._require_goal(conn, goal_id)
            return self._load_todos(conn, conditions)

    def get_todo(self, todo_id: str) -> Todo:
        with self.db.read() as conn:
            return self._load_todo(conn, todo_id)

    # -- creating and editing ---------------------------------------------------------------------

    def create_todo(
        self,
        title: Any,
        notes: Any = "",
        due_date: Any = None,
        goal_id: Any = None,
        node_id: Any = None,
        subtasks: Any = None,
    ) -> Todo:
        """A new todo at the end of the list. Linked to a milestone, it takes the milestone's state."""
        title = todo_rules.clean_todo_title(title)
        notes = todo_rules.clean_notes(notes)
        due_date = todo_rules.clean_due_date(due_date)
        goal_id = todo_rules.check_ref(goal_id, "goal")
        node_id = todo_rules.check_ref(node_id, "milestone")
        subtask_titles = todo_rules.clean_subtask_titles(subtasks)
        with self.db.write() as conn:
            self._check_link(conn, goal_id, node_id)
            todo_id = self._insert_todo(conn, title, notes, due_date, goal_id, node_id, "manual", subtask_titles)
            sync = _Sync(conn)
            if node_id is not None:
                sync.node(goal_id, node_id, self._node_completed(conn, goal_id, node_id))
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[goal_id])
        return todo

    def update_todo(
        self,
        todo_id: str,
        *,
        title: Any = UNSET,
        notes: Any = UNSET,
        due_date: Any = UNSET,
        goal_id: Any = UNSET,
        node_id: Any = UNSET,
    ) -> Todo:
        """Edit fields and links. A new milestone link takes the milestone's state; moving the todo
        to another goal clears its subtasks' links to the old goal's milestones."""
        values: dict[str, Any] = {}
        if title is not UNSET:
            values["title"] = todo_rules.clean_todo_title(title)
        if notes is not UNSET:
            values["notes"] = todo_rules.clean_notes(notes)
        if due_date is not UNSET:
            values["due_date"] = todo_rules.clean_due_date(due_date)
        new_goal = todo_rules.check_ref(goal_id, "goal") if goal_id is not UNSET else UNSET
        new_node = todo_rules.check_ref(node_id, "milestone") if node_id is not UNSET else UNSET
        with self.db.write() as conn:
            row = self._require_todo(conn, todo_id)
            old_goal = row["goal_id"]
            target_goal = old_goal if new_goal is UNSET else new_goal
            if new_node is UNSET:
                # Keep the milestone link only if it still belongs to the (possibly new) goal.
                target_node = row["node_id"] if row["node_goal_id"] == target_goal else None
            else:
                target_node = new_node
            self._check_link(conn, target_goal, target_node)
            values.update(
                goal_id=target_goal,
                node_goal_id=target_goal if target_node else None,
                node_id=target_node,
                updated_at=rules.utc_now(),
            )
            conn.execute(todos_table.update().where(todos_table.c.id == todo_id).values(**values))
            if target_goal != old_goal:
                conn.execute(
                    subtasks_table.update()
                    .where(subtasks_table.c.todo_id == todo_id)
                    .values(node_goal_id=None, node_id=None)
                )
            sync = _Sync(conn)
            if target_node is not None and (target_node != row["node_id"] or target_goal != row["node_goal_id"]):
                sync.node(target_goal, target_node, self._node_completed(conn, target_goal, target_node))
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[old_goal, target_goal])
        return todo

    def delete_todo(self, todo_id: str) -> None:
        """Delete a todo and its subtasks; milestones are left as they are."""
        with self.db.write() as conn:
            row = self._require_todo(conn, todo_id)
            conn.execute(todos_table.delete().where(todos_table.c.id == todo_id))
        self._announce(row["goal_id"] or "", TODOS_KIND, TodosChanged(deleted_ids=(todo_id,)))

    def move_todo(self, todo_id: str, index: int) -> list[Todo]:
        """Move a todo to a 0-based place in the list (clamped); returns the whole list in order."""
        if isinstance(index, bool) or not isinstance(index, int):
            raise ValidationError("A todo's new place must be a whole number.")
        with self.db.write() as conn:
            row = self._require_todo(conn, todo_id)
            ordered = conn.execute(sa.select(todos_table.c.id).order_by(todos_table.c.seq, todos_table.c.id))
            ids = [i for i in ordered.scalars() if i != todo_id]
            ids.insert(max(0, min(index, len(ids))), todo_id)
            conn.execute(
                todos_table.update().where(todos_table.c.id == sa.bindparam("tid")).values(seq=sa.bindparam("new_seq")),
                [{"tid": i, "new_seq": seq} for seq, i in enumerate(ids)],
            )
            todos = self._load_todos(conn, [])
        self._announce(row["goal_id"] or "", TODOS_KIND, TodosChanged(todo_ids=(todo_id,)))
        return todos

    def set_todo_completed(self, todo_id: str, completed: Any) -> Todo:
        """Check or uncheck a todo: its subtasks and every linked milestone follow."""
        completed = todo_rules.check_completed(completed)
        with self.db.write() as conn:
            row = self._require_todo(conn, todo_id)
            sync = _Sync(conn).todo(todo_id, completed).run()
            self._finish_sync(conn, sync)
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[row["goal_id"]])
        return todo

    def set_subtask_completed(self, todo_id: str, index_or_id: int | str, completed: Any) -> Todo:
        """Check or uncheck one subtask (0-based position or id); its milestone and todo follow."""
        return self.set_subtasks_completed(todo_id, {index_or_id: completed})

    def set_subtasks_completed(self, todo_id: str, states: Mapping[int | str, Any]) -> Todo:
        """Set several subtasks at once (one transaction), e.g. to undo a check of the whole todo."""
        checked = {key: todo_rules.check_completed(value) for key, value in states.items()}
        with self.db.write() as conn:
            todo = self._load_todo(conn, todo_id)
            sync = _Sync(conn)
            for key, completed in checked.items():
                sync.subtask(todo.subtask(key).id, completed)
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[todo.goal_id])
        return todo

    def add_subtask(self, todo_id: str, title: Any, node_id: Any = None, index: int | None = None) -> Todo:
        """Add a subtask (at the end, or at a 0-based index); a milestone link must be in the todo's goal."""
        title = todo_rules.clean_subtask_title(title)
        node_id = todo_rules.check_ref(node_id, "milestone")
        with self.db.write() as conn:
            todo = self._load_todo(conn, todo_id)
            if len(todo.subtasks) >= todo_rules.SUBTASKS_MAX:
                raise ValidationError(f"A todo can have at most {todo_rules.SUBTASKS_MAX} subtasks.")
            if node_id is not None:
                self._check_subtask_link(conn, todo, node_id)
            ids = [s.id for s in todo.subtasks]
            position = len(ids) if index is None else max(0, min(int(index), len(ids)))
            subtask_id = new_id("subtask")
            conn.execute(
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
            self._renumber_subtasks(conn, ids)
            self._stamp_todo(conn, todo_id)
            sync = _Sync(conn)
            if node_id is not None:
                sync.node(todo.goal_id, node_id, self._node_completed(conn, todo.goal_id, node_id))
            self._finish_sync(conn, sync.recheck(todo_id).run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[todo.goal_id])
        return todo

    def remove_subtask(self, todo_id: str, index_or_id: int | str) -> Todo:
        with self.db.write() as conn:
            todo = self._load_todo(conn, todo_id)
            subtask = todo.subtask(index_or_id)
            conn.execute(subtasks_table.delete().where(subtasks_table.c.id == subtask.id))
            self._renumber_subtasks(conn, [s.id for s in todo.subtasks if s.id != subtask.id])
            self._stamp_todo(conn, todo_id)
            sync = _Sync(conn).recheck(todo_id).run()
            self._finish_sync(conn, sync)
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[todo.goal_id])
        return todo

    def rename_subtask(self, todo_id: str, index_or_id: int | str, title: Any) -> Todo:
        return self.update_subtask(todo_id, index_or_id, title=title)

    def update_subtask(self, todo_id: str, index_or_id: int | str, *, title: Any = UNSET, node_id: Any = UNSET) -> Todo:
        """Rename a subtask or change its milestone link (a new link takes the milestone's state)."""
        values: dict[str, Any] = {}
        if title is not UNSET:
            values["title"] = todo_rules.clean_subtask_title(title)
        new_node = todo_rules.check_ref(node_id, "milestone") if node_id is not UNSET else UNSET
        with self.db.write() as conn:
            todo = self._load_todo(conn, todo_id)
            subtask = todo.subtask(index_or_id)
            sync = _Sync(conn)
            if new_node is not UNSET:
                if new_node is not None:
                    self._check_subtask_link(conn, todo, new_node)
                values.update(node_goal_id=todo.goal_id if new_node else None, node_id=new_node)
            if values:
                conn.execute(subtasks_table.update().where(subtasks_table.c.id == subtask.id).values(**values))
                self._stamp_todo(conn, todo_id)
            if new_node not in (UNSET, None) and new_node != subtask.node_id:
                sync.node(todo.goal_id, new_node, self._node_completed(conn, todo.goal_id, new_node))
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[todo.goal_id])
        return todo

    # -- conversions ----------------------------------------------------------------------------

    def todo_from_node(self, goal_id: str, node_id: str) -> Todo:
        """A todo linked to the milestone, its subtasks the milestone's steps. Again: updates that todo."""
        with self.db.write() as conn:
            self._require_node(conn, goal_id, node_id)
            node = conn.execute(
                sa.select(nodes_table).where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
            ).mappings().one()
            completed = bool(node["completed"])
            existing = conn.execute(
                sa.select(todos_table.c.id)
                .where(
                    todos_table.c.kind == "milestone",
                    todos_table.c.node_goal_id == goal_id,
                    todos_table.c.node_id == node_id,
                )
                .order_by(todos_table.c.seq)
            ).scalars().first()
            steps = list(node["details"] or [])
            if existing is None:
                todo_id = self._insert_todo(
                    conn, node["label"], "", node["due_date"], goal_id, node_id, "milestone", steps, completed
                )
            else:
                todo_id = existing
                conn.execute(
                    todos_table.update()
                    .where(todos_table.c.id == todo_id)
                    .values(title=node["label"], goal_id=goal_id, updated_at=rules.utc_now())
                )
                have = {s.title for s in self._load_todo(conn, todo_id).subtasks}
                for step in steps:
                    if step not in have:
                        self._append_subtask(conn, todo_id, step, completed)
            sync = _Sync(conn)
            # A new todo takes the milestone's state; an existing one keeps the steps the user ticked.
            if existing is None:
                sync.node(goal_id, node_id, completed)
            sync.recheck(todo_id)
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[goal_id])
        return todo

    def todos_from_roadmap(self, goal_id: str) -> Todo:
        """One todo for the goal, one subtask per milestone in dependency order. Again: updates it.

        Subtasks already linked keep their id; new milestones get new subtasks; subtasks without a
        milestone (added by hand, or whose milestone went away) are kept after them.
        """
        with self.db.write() as conn:
            goal = self._load(conn, goal_id)
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
                todo_id = self._insert_todo(conn, goal.title, "", goal.target_date, goal_id, None, "roadmap", [])
                current: list[Subtask] = []
            else:
                todo_id = existing
                conn.execute(
                    todos_table.update()
                    .where(todos_table.c.id == todo_id)
                    .values(title=goal.title, updated_at=rules.utc_now())
                )
                current = self._load_todo(conn, todo_id).subtasks
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
            self._renumber_subtasks(conn, ids)
            sync = _Sync(conn).recheck(todo_id)
            self._finish_sync(conn, sync.run())
            todo = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[goal_id])
        return todo

    # -- undo support -----------------------------------------------------------------------

    def restore_todo(self, todo: Todo | Mapping[str, Any]) -> Todo:
        """Put back a deleted todo (from get_todo(...) or its to_dict()) with its ids and order.

        Links to goals/milestones that no longer exist are dropped; a milestone that still exists
        keeps its own state and the restored todo follows it.
        """
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
        with self.db.write() as conn:
            if conn.execute(sa.select(todos_table.c.id).where(todos_table.c.id == todo_id)).first():
                raise ValidationError(f"A todo with id {todo_id!r} already exists.")
            goal_id = row["goal_id"]
            if goal_id and conn.execute(sa.select(goals_table.c.id).where(goals_table.c.id == goal_id)).first() is None:
                goal_id = row["goal_id"] = None
            existing_nodes = set(
                conn.execute(sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == goal_id)).scalars()
            ) if goal_id else set()
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
            sync = _Sync(conn)
            for node_id in [row["node_id"], *(sub["node_id"] for sub in subtask_rows)]:
                if node_id:
                    sync.node(goal_id, node_id, self._node_completed(conn, goal_id, node_id))
            self._finish_sync(conn, sync.recheck(todo_id).run())
            restored = self._load_todo(conn, todo_id)
        self._announce_todos(sync, todo_ids=[todo_id], goal_ids=[goal_id])
        return restored

    def restore_links(self, links: Iterable[LostLink]) -> list[Todo]:
        """Re-link todos/subtasks reported in last_unlinked (undo of a regenerate, removal or delete).

        A link is restored only where its todo (and subtask), goal and milestone exist again; the
        relinked item takes the milestone's state. Returns the todos touched.
        """
        links = list(links)
        with self.db.write() as conn:
            sync = _Sync(conn)
            touched = self._relink(conn, links, sync)
            todos = [self._load_todo(conn, todo_id) for todo_id in touched]
        if touched:
            self._announce_todos(sync, todo_ids=list(touched), goal_ids=[link.goal_id for link in links])
        return todos

    def _relink(self, conn: sa.Connection, links: list[LostLink], sync: _Sync) -> dict[str, None]:
        """restore_links inside a caller's transaction; returns the todo ids touched."""
        touched: dict[str, None] = {}
        for link in links:
            todo_row = conn.execute(sa.select(todos_table).where(todos_table.c.id == link.todo_id)).mappings().first()
            goal_exists = conn.execute(sa.select(goals_table.c.id).where(goals_table.c.id == link.goal_id)).first()
            if todo_row is None or goal_exists is None:
                continue
            if todo_row["goal_id"] is None:
                conn.execute(todos_table.update().where(todos_table.c.id == link.todo_id).values(goal_id=link.goal_id))
            elif todo_row["goal_id"] != link.goal_id:
                continue
            touched[link.todo_id] = None
            if link.node_id is None:
                continue
            node_exists = conn.execute(
                sa.select(nodes_table.c.id).where(nodes_table.c.goal_id == link.goal_id, nodes_table.c.id == link.node_id)
            ).first()
            if node_exists is None:
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
            sync.node(link.goal_id, link.node_id, self._node_completed(conn, link.goal_id, link.node_id))
        for todo_id in touched:
            self._stamp_todo(conn, todo_id)
        self._finish_sync(conn, sync.run())
        return touched

    # -- hooks called from GoalService's roadmap methods, inside their transactions ------------

    def _todos_node_changed(self, conn: sa.Connection, goal_id: str, node_id: str, values: Mapping[str, Any]) -> _Sync:
        sync = _Sync(conn)
        if "label" in values:
            label = values["label"]
            for table, extra in ((subtasks_table, ()), (todos_table, (todos_table.c.kind == "milestone",))):
                changed = conn.execute(
                    sa.select(table.c.todo_id if table is subtasks_table else table.c.id).where(
                        table.c.node_goal_id == goal_id, table.c.node_id == node_id, table.c.title != label, *extra
                    )
                ).scalars().all()
                conn.execute(
                    table.update()
                    .where(table.c.node_goal_id == goal_id, table.c.node_id == node_id, *extra)
                    .values(title=label)
                )
                for todo_id in changed:
                    self._stamp_todo(conn, todo_id)
                sync.todos_changed.update(changed)
        if "completed" in values:
            # The node row is already written; spreading from it updates its todos and subtasks.
            sync.node(goal_id, node_id, values["completed"])
        self._finish_sync(conn, sync.run())
        return sync

    def _todo_links(self, conn: sa.Connection, goal_id: str, node_ids: Iterable[str] | None = None) -> list[LostLink]:
        """Every todo/subtask link into the goal's roadmap (optionally only to node_ids)."""
        wanted = None if node_ids is None else list(node_ids)

        def node_filter(table: sa.Table) -> Any:
            return sa.true() if wanted is None else table.c.node_id.in_(wanted)

        links = [
            LostLink(r.id, r.title, goal_id, r.node_id)
            for r in conn.execute(
                sa.select(todos_table.c.id, todos_table.c.title, todos_table.c.node_id)
                .where(todos_table.c.node_goal_id == goal_id, node_filter(todos_table))
                .order_by(todos_table.c.seq)
            )
        ]
        links += [
            LostLink(r.todo_id, r.todo_title, goal_id, r.node_id, r.id, r.title)
            for r in conn.execute(
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
        ]
        return links

    def _todos_relink(self, conn: sa.Connection, goal_id: str, before: list[LostLink]) -> tuple[list[LostLink], _Sync]:
        """After a roadmap was rewritten: restore links to surviving milestones, return the lost ones.

        Rewriting deletes every node row, so ON DELETE SET NULL has cleared all links; a surviving
        link takes the new milestone's state (the roadmap just written is the truth).
        """
        state, labels = {}, {}
        for node_id, completed, label in conn.execute(
            sa.select(nodes_table.c.id, nodes_table.c.completed, nodes_table.c.label).where(nodes_table.c.goal_id == goal_id)
        ):
            state[node_id], labels[node_id] = completed, label
        lost, sync = [], _Sync(conn)
        for link in before:
            if link.node_id not in state:
                lost.append(link)
                if link.subtask_id:
                    self._stamp_todo(conn, link.todo_id)
                continue
            relink = {"node_goal_id": goal_id, "node_id": link.node_id}
            if link.subtask_id:
                conn.execute(
                    subtasks_table.update()
                    .where(subtasks_table.c.id == link.subtask_id)
                    .values(title=labels[link.node_id], **relink)
                )
            else:
                conn.execute(todos_table.update().where(todos_table.c.id == link.todo_id).values(**relink))
                conn.execute(
                    todos_table.update()
                    .where(todos_table.c.id == link.todo_id, todos_table.c.kind == "milestone")
                    .values(title=labels[link.node_id])
                )
            sync.node(goal_id, link.node_id, bool(state[link.node_id]))
        sync.todos_changed.update(link.todo_id for link in lost)
        self._finish_sync(conn, sync.run())
        return lost, sync

    def _todos_goal_deleting(self, conn: sa.Connection, goal_id: str, delete_todos: bool) -> TodosChanged:
        todo_ids = list(conn.execute(sa.select(todos_table.c.id).where(todos_table.c.goal_id == goal_id)).scalars())
        if delete_todos:
            conn.execute(todos_table.delete().where(todos_table.c.goal_id == goal_id))
            return TodosChanged(deleted_ids=tuple(todo_ids))
        # The goal link itself goes too (ON DELETE SET NULL): report each kept todo once.
        reported = {link.subtask_id or link.todo_id: link for link in self._todo_links(conn, goal_id)}
        unlinked = list(reported.values())
        linked_todos = {link.todo_id for link in unlinked if link.subtask_id is None}
        for row in conn.execute(
            sa.select(todos_table.c.id, todos_table.c.title).where(todos_table.c.goal_id == goal_id).order_by(todos_table.c.seq)
        ):
            if row.id not in linked_todos:
                unlinked.append(LostLink(row.id, row.title, goal_id, None))
        now = rules.utc_now()
        conn.execute(todos_table.update().where(todos_table.c.goal_id == goal_id).values(updated_at=now))
        return TodosChanged(todo_ids=tuple(todo_ids), unlinked=tuple(unlinked))

    # -- internals ------------------------------------------------------------------------------

    def _finish_sync(self, conn: sa.Connection, sync: _Sync) -> None:
        for goal_id in sorted(sync.goals_changed):
            self._touch(conn, goal_id, recompute=True)

    def _announce_todos(
        self,
        sync: _Sync,
        todo_ids: Iterable[str] = (),
        goal_ids: Iterable[str | None] = (),
        unlinked: Iterable[LostLink] = (),
        roadmap_announced: Iterable[str] = (),
    ) -> None:
        changed = tuple(dict.fromkeys([*todo_ids, *sorted(sync.todos_changed)]))
        unlinked = tuple(unlinked)
        for goal_id in sorted(sync.goals_changed - set(roadmap_announced)):
            self._announce(goal_id, "roadmap")
        goals = [g for g in dict.fromkeys(goal_ids) if g] or [""]
        for goal_id in goals:
            self._announce(goal_id, TODOS_KIND, TodosChanged(todo_ids=changed, unlinked=unlinked))

    def _insert_todo(
        self,
        conn: sa.Connection,
        title: str,
        notes: str,
        due_date: str | None,
        goal_id: str | None,
        node_id: str | None,
        kind: str,
        subtask_titles: list[str],
        subtasks_completed: bool = False,
    ) -> str:
        now = rules.utc_now()
        todo_id = new_id("todo")
        seq = conn.execute(sa.select(sa.func.coalesce(sa.func.max(todos_table.c.seq), -1))).scalar_one() + 1
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

    def _append_subtask(self, conn: sa.Connection, todo_id: str, title: str, completed: bool) -> None:
        seq = conn.execute(
            sa.select(sa.func.coalesce(sa.func.max(subtasks_table.c.seq), -1)).where(subtasks_table.c.todo_id == todo_id)
        ).scalar_one()
        conn.execute(
            subtasks_table.insert().values(
                id=new_id("subtask"), todo_id=todo_id, seq=seq + 1, title=title, completed=completed
            )
        )

    @staticmethod
    def _renumber_subtasks(conn: sa.Connection, ids: list[str]) -> None:
        if ids:
            conn.execute(
                subtasks_table.update().where(subtasks_table.c.id == sa.bindparam("sid")).values(seq=sa.bindparam("new_seq")),
                [{"sid": subtask_id, "new_seq": seq} for seq, subtask_id in enumerate(ids)],
            )

    @staticmethod
    def _stamp_todo(conn: sa.Connection, todo_id: str) -> None:
        conn.execute(todos_table.update().where(todos_table.c.id == todo_id).values(updated_at=rules.utc_now()))

    @staticmethod
    def _node_completed(conn: sa.Connection, goal_id: str, node_id: str) -> bool:
        return bool(
            conn.execute(
                sa.select(nodes_table.c.completed).where(nodes_table.c.goal_id == goal_id, nodes_table.c.id == node_id)
            ).scalar_one()
        )

    def _check_link(self, conn: sa.Connection, goal_id: str | None, node_id: str | None) -> None:
        if node_id is not None and goal_id is None:
            raise ValidationError("A todo linked to a milestone must also name the milestone's goal.")
        if node_id is not None:
            self._require_node(conn, goal_id, node_id)
        elif goal_id is not None:
            self._require_goal(conn, goal_id)

    def _check_subtask_link(self, conn: sa.Connection, todo: Todo, node_id: str) -> None:
        if todo.goal_id is None:
            raise ValidationError("Link the todo to a goal before linking its subtasks to milestones.")
        self._require_node(conn, todo.goal_id, node_id)

    @staticmethod
    def _require_todo(conn: sa.Connection, todo_id: str) -> Mapping[str, Any]:
        row = conn.execute(sa.select(todos_table).where(todos_table.c.id == todo_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"No todo with id {str(todo_id)[:100]!r}.")
        return row

    def _load_todo(self, conn: sa.Connection, todo_id: str) -> Todo:
        self._require_todo(conn, todo_id)
        return self._load_todos(conn, [todos_table.c.id == todo_id])[0]

    @staticmethod
    def _load_todos(conn: sa.Connection, conditions: list[Any]) -> list[Todo]:
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


__all__ = ["TODOS_KIND", "UNSET", "TodoMixin", "TodosChanged"]
