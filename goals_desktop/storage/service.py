"""GoalService: the one door every change to goals, roadmaps and todos goes through.

The window, the CLI, the AI generator and the tests all call it. It is a thin façade: each public
method checks its arguments, opens one transaction as a UnitOfWork, hands it to the plain
modules (goals, roadmaps, todos; links and completion keep todos in step with milestones) and
returns their result. The call happens entirely or not at all; after the commit, subscribers
hear the changes the unit collected.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from goals_desktop.domain import todos as todo_rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap, new_id
from goals_desktop.domain.todos import LostLink, Todo

from . import goal_todos, goals, roadmaps, todo_conversions, todo_restore, todos
from .db import Database
from .links import goal_deleting
from .prepared import plans_for, prepared
from .results import Change, ChangeKind, Outcome, Overwritten
from .undo import put_back
from .unit import UNSET, UnitOfWork


class GoalService:
    # Set only on the copies undoable() hands out.
    _record: Overwritten | None = None
    _restore: Overwritten | None = None
    # Set only on the copies announcing_through() hands out.
    _dispatch: Callable[..., Any] | None = None
    # Set only on the copies along_with() hands out.
    _along: Callable[[UnitOfWork], None] | None = None

    def __init__(self, database: Database) -> None:
        self.db = database
        self._subscribers: list[Callable[[Change], None]] = []

    @property
    def database(self) -> Database:
        """The database itself, for the faces whose subject it is rather than goals and todos: open
        and close it, say where it is, follow other copies' commits, back it up and restore it."""
        return self.db

    def change_token(self) -> Any:
        """Database.change_token: differs once anything committed since it was taken; None when it
        cannot tell. Taken *before* a read, it is a safe key for what that read returns."""
        return self.db.change_token()

    def undoable(self, record: Overwritten | None = None, restore: Overwritten | None = None) -> GoalService:
        """This service for one undo step's call (the window's commands make each side one call).

        With `record`, a call that commits adds to it what its rules changed besides what was
        asked (completion spread through links, titles that follow a label, a derived status,
        the places of removed rows). With `restore` (what the step being undone recorded), the
        call is that step's undo: in the same transaction, after its own change, it gives back
        those values and undoes whatever else its own rules changed (storage/undo.py), so the
        undo returns exactly the state before the step. (Such a call still returns what its own
        change left; what it gave back is in the database and in the changes it announces.)
        """
        scoped = copy.copy(self)  # the same database and subscribers
        scoped._record, scoped._restore = record, restore
        return scoped

    def announcing_through(self, dispatch: Callable[..., Any]) -> GoalService:
        """This service for calls made in another thread: after a commit, `dispatch(fn, *args)`
        (e.g. `loop.call_soon_threadsafe`) runs the announcement where the subscribers live, so a
        window hears an API change on its own thread, as it hears its own."""
        scoped = copy.copy(self)  # the same database and subscribers
        scoped._dispatch = dispatch
        return scoped

    def along_with(self, step: Callable[[UnitOfWork], None]) -> GoalService:
        """This service, each write call of which also runs step(unit) last, in its transaction.

        For bookkeeping that must commit or roll back with the change it records: the CalDAV sync
        notes what it agreed with the server in the same transaction as the change it applies."""
        scoped = copy.copy(self)  # the same database and subscribers
        scoped._along = step
        return scoped

    # -- units of work and change notification ---------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    @contextmanager
    def _write(self) -> Iterator[UnitOfWork]:
        """One write transaction; its changes are announced once it has committed."""
        with self.db.write() as conn:
            unit = UnitOfWork(conn, self._restore)
            yield unit
            if self._restore is not None:
                put_back(unit, self._restore)
            if self._along is not None:
                self._along(unit)
        if self._record is not None:
            self._record.update(unit.overwritten, win=False)  # the first value it had is the one before
        if not self._subscribers:
            return  # nobody to tell; a dispatch would still wake the subscribers' thread for nothing
        if self._dispatch is not None:
            self._dispatch(_announce, list(unit.changes), list(self._subscribers))
        else:
            _announce(unit.changes, self._subscribers)

    @contextmanager
    def _read(self) -> Iterator[UnitOfWork]:
        with self.db.read() as conn:
            yield UnitOfWork(conn)

    # -- goals --------------------------------------------------------------------------------

    def create_goal(self, title: Any, description: Any = None, target_date: Any = None) -> Goal:
        row = goals.new_goal_row(title, description, target_date)
        with self._write() as unit:
            # The row as written is the goal: no need to read it back.
            goal = goals.insert(unit, row)
            unit.changed(goal.id, ChangeKind.CREATED)
        return goal

    def list_goals(self, status: str | None = None, search: str | None = None) -> list[Goal]:
        """Goals without their roadmaps, oldest first; search matches title or description."""
        with self._read() as unit:
            return goals.list_goals(unit, status, search)

    def get_goal(self, goal_id: str) -> Goal:
        with self._read() as unit:
            return goals.load(unit, goal_id)

    def update_goal(
        self,
        goal_id: str,
        *,
        title: Any = UNSET,
        description: Any = UNSET,
        target_date: Any = UNSET,
        status: Any = UNSET,
    ) -> Goal:
        values = goals.goal_values(title=title, description=description, target_date=target_date, status=status)
        with self._write() as unit:
            goals.update(unit, goal_id, values)
            unit.changed(goal_id, ChangeKind.UPDATED)
            if "title" in values:
                todo_conversions.follow_goal_title(unit, goal_id, values["title"])
            goal = goals.load(unit, goal_id)
        return goal

    def delete_goal(self, goal_id: str, delete_todos: bool = False) -> Outcome:
        """Delete a goal; its todos are deleted too or (default) kept, unlinked: the Outcome's
        `unlinked` names each kept todo (and each subtask that lost its milestone)."""
        return self.delete_goals([goal_id], delete_todos)

    def delete_goals(self, goal_ids: Iterable[str], delete_todos: bool = False) -> Outcome:
        """delete_goal for several goals in one transaction (the undo of an import)."""
        unlinked: list[LostLink] = []
        with self._write() as unit:
            for goal_id in goal_ids:
                goals.require_goal(unit, goal_id)
                todos_changed = goal_deleting(unit, goal_id, delete_todos)
                goals.delete(unit, goal_id)
                unit.changed(goal_id, ChangeKind.DELETED)
                if todos_changed.todo_ids or todos_changed.deleted_ids:
                    unit.changed(goal_id, ChangeKind.TODOS, todos_changed)
                unlinked += todos_changed.unlinked
        return Outcome(None, tuple(unlinked), unit.overwritten)

    def restore_goal(
        self, data: Mapping[str, Any], deleted_todos: Iterable[Any] = (), links: Iterable[LostLink] = ()
    ) -> Goal:
        """Put back a deleted goal exactly (same id, roadmap, status, timestamps): the window's undo.

        In the same transaction, `deleted_todos` (snapshots of the todos deleted with it) come back
        and `links` (delete_goal's Outcome.unlinked) link the kept todos to it again."""
        row, roadmap = goals.goal_from_import(1, data)
        todo_rows = [todo_restore.check_restore(todo) for todo in deleted_todos]
        links = list(links)
        with self._write() as unit:
            if goals.goal_exists(unit, row["id"]):
                raise ValidationError(f"A goal with id {row['id']!r} already exists.")
            goals.insert(unit, row)
            roadmaps.write(unit, row["id"], roadmap, keep_status=True)
            unit.changed(row["id"], ChangeKind.CREATED)
            for todo_row, subtask_rows in todo_rows:
                todo_restore.restore(unit, todo_row, subtask_rows)
            if links:
                todo_restore.restore_links(unit, links)
            # Writing the roadmap stamped the goal; an undo puts back the stamp it had.
            goals.set_updated_at(unit, row["id"], row["updated_at"])
            goal = goals.load(unit, row["id"])
        return goal

    # -- import / export ----------------------------------------------------------------------

    def export_goals(self, goal_ids: Iterable[str] | None = None, include_todos: bool = False) -> list[dict[str, Any]]:
        """Goals in the Get Goal shape; include_todos adds each goal's "todos" (the export file)."""
        with self._read() as unit:
            exported = goals.export(unit, goal_ids)
            if include_todos:
                for goal in exported:
                    goal["todos"] = goal_todos.export_todos(unit, goal["id"])
            return exported

    def import_goals(self, data: Any) -> list[Goal]:
        """Import a JSON list of goals in the seed's shape, all or nothing.

        A goal keeps its id unless that id is taken, in which case it gets a fresh one (so
        importing the same file twice makes copies instead of overwriting anything). A goal's
        "todos" (as export_goals(include_todos=True) writes them) come with it, linked to the
        same milestones, in the same transaction. A goal keeps the file's timestamps.
        """
        if isinstance(data, Mapping):
            data = [data]
        if not isinstance(data, list):
            raise ValidationError("An import file must hold a JSON list of goals.")
        parsed = [goals.goal_from_import(index, item) for index, item in enumerate(data, start=1)]
        todo_lists = [goal_todos.todos_from_import(index, item) for index, item in enumerate(data, start=1)]
        with self._write() as unit:
            taken = goals.all_ids(unit)
            imported_ids = []
            for (row, roadmap), todo_list in zip(parsed, todo_lists):
                if row["id"] in taken:
                    row["id"] = new_id("goal")
                taken.add(row["id"])
                goals.insert(unit, row)
                roadmaps.write(unit, row["id"], roadmap, keep_status=True)
                # Announced before its todos, so a subscriber knows the goal when they arrive.
                unit.changed(row["id"], ChangeKind.CREATED)
                goal_todos.import_todos(unit, row["id"], todo_list)
                # A moved goal arrives whole: writing its roadmap must not stamp it as changed now.
                goals.set_updated_at(unit, row["id"], row["updated_at"])
                imported_ids.append(row["id"])
            imported = [goals.load(unit, goal_id) for goal_id in imported_ids]
        return imported

    # -- roadmaps -----------------------------------------------------------------------------

    def set_roadmap(
        self,
        goal_id: str,
        roadmap: Roadmap | Mapping[str, Any] | None,
        expected: Any = UNSET,
        relink: Iterable[LostLink] = (),
    ) -> Outcome:
        """Replace the whole roadmap atomically. Nodes without a position get a layered layout.

        Links from todos to milestones that survive (same node id) are kept; the Outcome's
        `unlinked` names those whose milestone is gone. With `expected` (the roadmap the caller
        last saw), refuse with ConflictError if the stored one differs: replacing a whole roadmap
        is the one call that writes a full object, so an undo in one window must not wipe what
        another window checked off since. `relink` (the Outcome.unlinked of the call being undone)
        puts those todo links back in the same transaction.
        """
        roadmap = roadmaps.check_roadmap(roadmap)
        if expected is not UNSET:
            expected = roadmaps.check_roadmap(expected)
        relink = list(relink)
        with self._write() as unit:
            return roadmaps.replace(unit, goal_id, roadmap, expected, relink)

    def warm_up_roadmap_save(self) -> Iterator[None]:
        """Compile what saving a whole roadmap (set_roadmap) runs, one statement per step (a step is
        one next()): a window spreads them over its event loop while a roadmap streams in, so the
        save itself compiles nothing. Statements compiled already cost nothing."""
        dialect = self.db.write_dialect
        plans = plans_for(dialect)
        for statement, columns in roadmaps.save_statements():
            prepared(plans, dialect, statement, dict.fromkeys(columns))
            yield

    def update_node(self, goal_id: str, node_id: str, **changes: Any) -> Goal:
        """Change one node's fields (completed, position, label, details, ...): one row updated."""
        return self.update_nodes(goal_id, {node_id: changes})

    def update_nodes(self, goal_id: str, changes: Mapping[str, Mapping[str, Any]]) -> Goal:
        """Change several nodes' fields at once (e.g. check off a selection): one transaction."""
        checked = roadmaps.node_changes(changes)
        with self._write() as unit:
            return roadmaps.update_nodes(unit, goal_id, checked)

    def move_nodes(self, goal_id: str, positions: Mapping[str, Position | Mapping[str, float]]) -> Goal:
        """Save where several nodes now stand (one drag of a selection), in one transaction."""
        checked = roadmaps.check_positions(positions)
        with self._write() as unit:
            return roadmaps.move_nodes(unit, goal_id, checked)

    def add_node(self, goal_id: str, node: Node | Mapping[str, Any]) -> Goal:
        """Add one node; an empty (null) roadmap becomes a roadmap with this node."""
        node = roadmaps.check_node(node)
        with self._write() as unit:
            return roadmaps.add_node(unit, goal_id, node)

    def remove_node(self, goal_id: str, node_id: str) -> Outcome:
        """Remove a node and every edge touching it (see remove_nodes)."""
        return self.remove_nodes(goal_id, [node_id])

    def remove_nodes(self, goal_id: str, node_ids: Iterable[str], edge_ids: Iterable[str] = ()) -> Outcome:
        """Remove several nodes (with every edge touching them) and edges, in one transaction.

        Todos and subtasks linked to those milestones are kept, unlinked: the Outcome names them.
        """
        node_ids, edge_ids = list(node_ids), list(edge_ids)
        with self._write() as unit:
            return roadmaps.remove_nodes(unit, goal_id, node_ids, edge_ids)

    def restore_nodes(
        self, goal_id: str, nodes: Iterable[Node], edges: Iterable[Edge] = (), links: Iterable[LostLink] = ()
    ) -> Goal:
        """Put back removed nodes (all their fields) and edges at once: the undo of remove_nodes.

        links (remove_nodes' Outcome.unlinked) re-links the todos that pointed at them, in the same transaction.
        """
        nodes, edges, lost = list(nodes), list(edges), list(links)
        with self._write() as unit:
            return roadmaps.restore_nodes(unit, goal_id, nodes, edges, lost)

    def add_edge(self, goal_id: str, source: str, target: str, edge_id: str | None = None) -> Goal:
        """Link source -> target (target depends on source); refuses self-loops, repeats and cycles."""
        with self._write() as unit:
            return roadmaps.add_edge(unit, goal_id, source, target, edge_id)

    def roadmaps(self, goal_ids: Iterable[str]) -> dict[str, Roadmap | None]:
        """Several goals' roadmaps in one read (for schedules in a list); unknown ids are left out."""
        with self._read() as unit:
            return goals.load_roadmaps(unit, goal_ids)

    def remove_edge(self, goal_id: str, edge_id: str) -> Goal:
        with self._write() as unit:
            return roadmaps.remove_edge(unit, goal_id, edge_id)

    # -- todos --------------------------------------------------------------------------------

    def list_todos(self, goal_id: str | None = None, completed: bool | None = None) -> list[Todo]:
        """Todos in their order; goal_id keeps those linked to that goal, completed filters open/done."""
        if completed is not None:
            completed = todo_rules.check_completed(completed)
        with self._read() as unit:
            return todos.list_todos(unit, goal_id, completed)

    def get_todo(self, todo_id: str) -> Todo:
        with self._read() as unit:
            return todos.load(unit, todo_id)

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
        checked = todos.check_new(title, notes, due_date, goal_id, node_id, subtasks)
        with self._write() as unit:
            return todos.create(unit, checked)

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
        values, new_goal, new_node = todos.check_edit(
            title=title, notes=notes, due_date=due_date, goal_id=goal_id, node_id=node_id
        )
        with self._write() as unit:
            return todos.update(unit, todo_id, values, new_goal, new_node)

    def delete_todo(self, todo_id: str) -> None:
        """Delete a todo and its subtasks; milestones are left as they are."""
        with self._write() as unit:
            todos.delete(unit, todo_id)

    def set_todo_completed(self, todo_id: str, completed: Any) -> Todo:
        """Check or uncheck a todo: its subtasks and every linked milestone follow."""
        completed = todo_rules.check_completed(completed)
        with self._write() as unit:
            return todos.set_completed(unit, todo_id, completed)

    def set_subtask_completed(self, todo_id: str, index_or_id: int | str, completed: Any) -> Todo:
        """Check or uncheck one subtask (0-based position or id); its milestone and todo follow."""
        return self.set_subtasks_completed(todo_id, {index_or_id: completed})

    def set_subtasks_completed(self, todo_id: str, states: Mapping[int | str, Any]) -> Todo:
        """Set several subtasks at once (one transaction), e.g. to undo a check of the whole todo."""
        checked = {key: todo_rules.check_completed(value) for key, value in states.items()}
        with self._write() as unit:
            return todos.set_subtasks_completed(unit, todo_id, checked)

    def add_subtask(self, todo_id: str, title: Any, node_id: Any = None, index: int | None = None) -> Todo:
        """Add a subtask (at the end, or at a 0-based index); a milestone link must be in the todo's goal."""
        title = todo_rules.clean_subtask_title(title)
        node_id = todo_rules.check_ref(node_id, "milestone")
        with self._write() as unit:
            return todos.add_subtask(unit, todo_id, title, node_id, index)

    def remove_subtask(self, todo_id: str, index_or_id: int | str) -> Todo:
        with self._write() as unit:
            return todos.remove_subtask(unit, todo_id, index_or_id)

    def rename_subtask(self, todo_id: str, index_or_id: int | str, title: Any) -> Todo:
        return self.update_subtask(todo_id, index_or_id, title=title)

    def update_subtask(self, todo_id: str, index_or_id: int | str, *, title: Any = UNSET, node_id: Any = UNSET) -> Todo:
        """Rename a subtask or change its milestone link (a new link takes the milestone's state)."""
        if title is not UNSET:
            title = todo_rules.clean_subtask_title(title)
        new_node = todo_rules.check_ref(node_id, "milestone") if node_id is not UNSET else UNSET
        with self._write() as unit:
            return todos.update_subtask(unit, todo_id, index_or_id, title, new_node)

    def todo_from_node(self, goal_id: str, node_id: str) -> Todo:
        """A todo linked to the milestone, its subtasks the milestone's steps. Again: updates that todo."""
        with self._write() as unit:
            return todo_conversions.from_node(unit, goal_id, node_id)

    def todos_from_roadmap(self, goal_id: str) -> Todo:
        """One todo for the goal, one subtask per milestone in dependency order. Again: updates it."""
        with self._write() as unit:
            return todo_conversions.from_roadmap(unit, goal_id)

    def restore_todo(self, todo: Todo | Mapping[str, Any], replace: bool = False) -> Todo:
        """Put back a deleted todo (from get_todo(...) or its to_dict()) with its ids and order.

        replace=True puts it back exactly as given even if it exists (the window's undo and redo of
        a step that made or changed a todo): the given ticks win and linked milestones follow."""
        row, subtask_rows = todo_restore.check_restore(todo)
        with self._write() as unit:
            return todo_restore.restore(unit, row, subtask_rows, replace=replace)

    def restore_links(self, links: Iterable[LostLink]) -> list[Todo]:
        """Re-link todos/subtasks an Outcome reported as unlinked (undo of a regenerate, removal or
        delete), where todo, goal and milestone exist again. Returns the todos touched."""
        lost = list(links)
        with self._write() as unit:
            return todo_restore.restore_links(unit, lost)


def _announce(changes: Iterable[Change], subscribers: list[Callable[[Change], None]]) -> None:
    for change in changes:
        for callback in list(subscribers):
            callback(change)
