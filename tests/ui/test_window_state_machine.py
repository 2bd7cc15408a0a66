"""The window's undo commands against a plain model (Hypothesis stateful test).

A real MainWindow on a real SQLite file is driven through the same entry points a person's
gestures reach: the goal dialogs and the delete question, the canvas editor (add, rename in place,
connect, delete the selection, the scene's drag-finished signal, check off the selection), the
todo conversions, the Todos panel (new todo, subtask, tick, rename in the tree, delete), the
command a finished generation pushes (fed a canned roadmap instead of an LLM), and the window's
Undo/Redo actions. A plain Python model predicts the stored state; after every step the
database (read through a second, fresh GoalService), the canvas items and the todo tree must
agree with it, and the undo stack must hold exactly the steps the model expects (so a refused
change must not cost the redo steps, and a redo must bring back the same ids later steps name).
At the end, undoing everything must give back the database as it started.

Undo must give back exactly what was on screen before the step, so the model compares all of it:
the order of milestones and links in a roadmap (as lists: an undone deletion puts them back in
their place), any status set by hand (also one that disagrees with the milestones, and on a
roadmap whose every milestone was deleted), any mix of ticked subtasks under a milestone's todo,
and titles typed by hand for todos and subtasks linked to a milestone and for the todo a roadmap
was sent to. The rules themselves stay as they are (the model follows them): a hand-set status
lasts until the milestones' completion next changes, then follows it (all done: completed; not:
active; abandoned, and a roadmap without milestones, keep theirs); a check-off ticks the
milestone's todo and all its subtasks; a renamed milestone, a regenerated one or a renamed goal
gives its linked titles the label or goal title again. What those rules overwrite, the step's
undo gives back.

Bounded in a normal run; WINDOW_EXAMPLES (or SAFETY_EXAMPLES) and WINDOW_STEPS make it run longer on demand.
"""

from __future__ import annotations

import copy
import math
import os
import shutil
import tempfile
from collections import deque
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from goals_desktop.domain import rules as domain_rules
from goals_desktop.domain.models import Position
from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow
from goals_desktop.ui.todo_tree import LINK_COLUMN, SUBTASK_ROLE, TITLE_COLUMN, TODO_ROLE

EXAMPLES = int(os.environ.get("WINDOW_EXAMPLES", os.environ.get("SAFETY_EXAMPLES", "25")))
STEPS = int(os.environ.get("WINDOW_STEPS", "30"))
MACHINE_SETTINGS = settings(
    # WINDOW_SHRINK=0 skips shrinking (each example opens a window, so shrinking is slow).
    phases=[p for p in Phase if p is not Phase.shrink or os.environ.get("WINDOW_SHRINK", "1") != "0"],
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)

START_GOAL = {
    "id": "goal_start",
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals",
    "target_date": "2026-12-31T00:00:00Z",
    "roadmap": {
        "nodes": [
            {"id": "n1", "label": "Python basics", "completed": True, "position": {"x": 0, "y": 0}},
            {"id": "n2", "label": "Linear algebra", "completed": False, "position": {"x": 0, "y": 150}},
            {"id": "n3", "label": "First model", "completed": False, "position": {"x": 250, "y": 300}},
        ],
        "edges": [{"id": "e1", "source": "n1", "target": "n2"}, {"id": "e2", "source": "n2", "target": "n3"}],
    },
    "status": "active",
    "created_at": "2026-02-19T10:00:00Z",
    "updated_at": "2026-02-19T10:00:00Z",
}

TITLES = st.sampled_from(["Run a marathon", "Read more", "Ship the app", "Learn Greek", "Sail"])
LABELS = st.sampled_from(["Plan", "Practice", "Review", "Write it up", "Rest day", "Measure"])
BLANK = st.sampled_from(["", "   "])
PICK = st.integers(min_value=0, max_value=1000)


def settle() -> None:
    """Let queued work run: the window's 0 ms refresh timer, deferred tree edits, deletions."""
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- the model's view of the database -----------------------------------------------------------


def progress_of(goal: dict) -> int:
    nodes = goal["roadmap"]["nodes"].values() if goal["roadmap"] else []
    flags = [n["completed"] for n in nodes]
    return math.floor(100 * sum(flags) / len(flags) + 0.5) if flags else 0


def derive_status(current: str, total: int, done: int) -> str:
    if current == "abandoned" or total == 0:
        return current
    if current == "active" and done == total:
        return "completed"
    if current == "completed" and done != total:
        return "active"
    return current


def in_order(roadmap: dict | None) -> dict | None:
    """A roadmap with its nodes and edges as lists of (id, value), so their order is compared too."""
    if roadmap is None:
        return None
    return {"nodes": list(roadmap["nodes"].items()), "edges": list(roadmap["edges"].items())}


def by_id(roadmap: dict | None) -> dict | None:
    """The model's working form of an in_order roadmap: dicts by id (which keep their order)."""
    if roadmap is None:
        return None
    return {"nodes": dict(roadmap["nodes"]), "edges": dict(roadmap["edges"])}


def observe(service: GoalService) -> dict:
    """What is stored, in the model's shape (timestamps left out; nodes and edges in order)."""
    goals = {}
    for listed in service.list_goals():
        goal = service.get_goal(listed.id)
        roadmap = None
        if goal.roadmap is not None:
            roadmap = {
                "nodes": {
                    n.id: {
                        "label": n.label,
                        "completed": n.completed,
                        "x": n.position.x if n.position else None,
                        "y": n.position.y if n.position else None,
                    }
                    for n in goal.roadmap.nodes
                },
                "edges": {e.id: (e.source, e.target) for e in goal.roadmap.edges},
            }
        goals[goal.id] = {
            "title": goal.title,
            "description": goal.description,
            "target_date": goal.target_date,
            "status": goal.status,
            "progress": goal.progress,
            "created_at": goal.created_at,
            "roadmap": in_order(roadmap),
        }
    todos = [
        {
            "id": t.id,
            "title": t.title,
            "completed": t.completed,
            "due_date": t.due_date,
            "goal_id": t.goal_id,
            "node_id": t.node_id,
            "kind": t.kind,
            "subtasks": [{"id": s.id, "title": s.title, "completed": s.completed, "node_id": s.node_id} for s in t.subtasks],
        }
        for t in service.list_todos()
    ]
    return {"goals": goals, "todos": todos}


class Model:
    """The expected database, changed the way the service's rules say, plus the undo history."""

    def __init__(self, state: dict) -> None:
        self.state = copy.deepcopy(state)
        for goal in self.state["goals"].values():
            goal.pop("progress")
            goal["roadmap"] = by_id(goal["roadmap"])
        self.history = [copy.deepcopy(self.state)]
        self.index = 0

    # history: what QUndoStack should hold
    def commit(self) -> None:
        del self.history[self.index + 1 :]
        self.history.append(copy.deepcopy(self.state))
        self.index += 1

    def undo(self) -> None:
        self.index -= 1
        self.state = copy.deepcopy(self.history[self.index])

    def redo(self) -> None:
        self.index += 1
        self.state = copy.deepcopy(self.history[self.index])

    def expected(self) -> dict:
        state = copy.deepcopy(self.state)
        for goal in state["goals"].values():
            goal["progress"] = progress_of(goal)
            goal["roadmap"] = in_order(goal["roadmap"])
        return state

    # lookups
    @property
    def goals(self) -> dict:
        return self.state["goals"]

    @property
    def todos(self) -> list:
        return self.state["todos"]

    def todo(self, todo_id: str) -> dict | None:
        return next((t for t in self.todos if t["id"] == todo_id), None)

    def subtask(self, subtask_id: str) -> tuple[dict, dict]:
        for todo in self.todos:
            for sub in todo["subtasks"]:
                if sub["id"] == subtask_id:
                    return todo, sub
        raise KeyError(subtask_id)

    def nodes(self, goal_id: str) -> dict:
        roadmap = self.goals[goal_id]["roadmap"]
        return roadmap["nodes"] if roadmap else {}

    # rules
    def recompute(self, goal_id: str) -> None:
        goal = self.goals[goal_id]
        nodes = self.nodes(goal_id).values()
        goal["status"] = derive_status(goal["status"], len(nodes), sum(n["completed"] for n in nodes))

    def spread(self, seeds=(), recheck=()) -> None:
        """Completion follows links: milestone = linked todo/subtask; a todo with subtasks = all of them.

        The first change to each milestone, todo and subtask wins (the person's own change first).
        """
        queue, parents = deque(seeds), set(recheck)
        seen_nodes, seen_todos, direct, seen_subtasks, changed_goals = set(), set(), set(), set(), set()

        def set_todo(todo: dict, value: bool) -> None:
            todo["completed"] = value
            if todo["node_id"] is not None:
                queue.append(("node", (todo["goal_id"], todo["node_id"]), value))

        while queue or parents:
            while queue:
                kind, key, value = queue.popleft()
                if kind == "node":
                    if key in seen_nodes:
                        continue
                    seen_nodes.add(key)
                    goal_id, node_id = key
                    node = self.nodes(goal_id).get(node_id) if goal_id in self.goals else None
                    if node is None:
                        continue
                    if node["completed"] != value:
                        node["completed"] = value
                        changed_goals.add(goal_id)
                    for todo in self.todos:
                        if todo["goal_id"] == goal_id and todo["node_id"] == node_id:
                            queue.append(("todo", todo["id"], value))
                    for todo in self.todos:
                        for sub in todo["subtasks"]:
                            if todo["goal_id"] == goal_id and sub["node_id"] == node_id:
                                queue.append(("subtask", sub["id"], value))
                elif kind == "todo":
                    if key in seen_todos:
                        continue
                    seen_todos.add(key)
                    direct.add(key)
                    todo = self.todo(key)
                    set_todo(todo, value)
                    for sub in todo["subtasks"]:
                        queue.append(("subtask", sub["id"], value))
                else:
                    if key in seen_subtasks:
                        continue
                    seen_subtasks.add(key)
                    todo, sub = self.subtask(key)
                    sub["completed"] = value
                    if sub["node_id"] is not None:
                        queue.append(("node", (todo["goal_id"], sub["node_id"]), value))
                    parents.add(todo["id"])
            for todo_id in sorted(parents):
                parents.discard(todo_id)
                todo = self.todo(todo_id)
                if todo_id in direct or todo is None or not todo["subtasks"]:
                    continue
                seen_todos.add(todo_id)
                set_todo(todo, all(s["completed"] for s in todo["subtasks"]))
        for goal_id in changed_goals:
            self.recompute(goal_id)

    def links(self, goal_id: str) -> list[tuple[dict, dict | None, str]]:
        """Every todo and subtask link into the goal's roadmap, todos first, in list order."""
        found = [(t, None, t["node_id"]) for t in self.todos if t["goal_id"] == goal_id and t["node_id"]]
        for todo in self.todos:
            if todo["goal_id"] == goal_id:
                found += [(todo, s, s["node_id"]) for s in todo["subtasks"] if s["node_id"]]
        return found

    def unlink(self, goal_id: str, node_ids: set[str]) -> None:
        for todo, sub, node_id in self.links(goal_id):
            if node_id in node_ids:
                (sub if sub is not None else todo)["node_id"] = None

    def rename_node(self, goal_id: str, node_id: str, label: str) -> None:
        self.nodes(goal_id)[node_id]["label"] = label
        for todo, sub, linked in self.links(goal_id):
            if linked == node_id and sub is not None:
                sub["title"] = label
            elif linked == node_id and todo["kind"] == "milestone":
                todo["title"] = label

    def replace_roadmap(self, goal_id: str, nodes: dict, edges: dict) -> None:
        links = self.links(goal_id)
        goal = self.goals[goal_id]
        goal["roadmap"] = {"nodes": copy.deepcopy(nodes), "edges": dict(edges)}
        self.recompute(goal_id)
        seeds = []
        for todo, sub, node_id in links:
            if node_id not in nodes:
                (sub if sub is not None else todo)["node_id"] = None
                continue
            if sub is not None:
                sub["title"] = nodes[node_id]["label"]
            elif todo["kind"] == "milestone":
                todo["title"] = nodes[node_id]["label"]
            seeds.append(("node", (goal_id, node_id), nodes[node_id]["completed"]))
        self.spread(seeds)


# -- the machine --------------------------------------------------------------------------------


class WindowMachine(RuleBasedStateMachine):
    #: The session's migrated file (tests/support/backends.py), set by the test: each example's database
    #: starts as a copy of it instead of running every migration again.
    template = None

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="goals-machine-"))
        path = self.template.copy_to(self.folder / "goals.sqlite3")
        seed = GoalService(Database(path))
        seed.import_goals([START_GOAL])
        seed.db.close()
        self.reader = GoalService(Database(path))  # a second, fresh reader of the same file
        self.window = MainWindow(GoalService(Database(path)), QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat))
        self.window.resize(1280, 800)
        self.window.show()
        self.window.todos_panel.set_filter(None)  # All: every todo is a row of the tree
        settle()
        self.start = observe(self.reader)
        self.model = Model(self.start)
        self.generated = 0

    # -- helpers ---------------------------------------------------------------------------

    @property
    def editor(self):
        return self.window.editor

    @property
    def panel(self):
        return self.window.todos_panel

    def shown(self) -> str | None:
        return self.editor.goal_id()

    def shown_nodes(self) -> list[str]:
        goal_id = self.shown()
        # In the model's order, never sorted by id: ids are random, and what Hypothesis draws must
        # not depend on them.
        return list(self.model.nodes(goal_id)) if goal_id in self.model.goals else []

    def pick(self, items, index):
        items = list(items)
        return items[index % len(items)]

    def begin(self) -> None:
        self.window.statusBar().clearMessage()

    def refused(self) -> None:
        """Nothing was stored, the redo steps are still there (the model's history is untouched),
        and the person was told why in one line."""
        settle()
        message = self.window.statusBar().currentMessage()
        assert message and "\n" not in message and "Traceback" not in message, repr(message)

    def select_nodes(self, node_ids) -> None:
        scene = self.editor.scene
        scene.clearSelection()
        for node_id in node_ids:
            scene.nodes[node_id].setSelected(True)

    # -- goals -----------------------------------------------------------------------------

    @rule(title=TITLES, dated=st.booleans())
    def create_goal(self, title, dated):
        self.begin()
        before = set(self.model.goals)
        dialog = self.window.goals.goal_actions.new_goal()
        dialog.title_edit.setText(title)
        dialog.target_edit.setText("2027-06-30" if dated else "")
        QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
        settle()
        assert not dialog.isVisible()
        (goal_id,) = {g.id for g in self.reader.list_goals()} - before
        stored = self.reader.get_goal(goal_id)
        self.model.goals[goal_id] = {
            "title": title,
            "description": None,
            "target_date": "2027-06-30T00:00:00Z" if dated else None,
            "status": "active",
            "created_at": stored.created_at,
            "roadmap": None,
        }
        self.model.commit()
        assert self.window.goals.current_goal_id() == goal_id

    @precondition(lambda self: self.model.goals)
    @rule(index=PICK)
    def select_goal(self, index):
        goal_id = self.pick(list(self.model.goals), index)
        self.window.goals.select_goal(goal_id)
        settle()
        assert self.shown() == goal_id

    @precondition(lambda self: self.shown() is not None)
    @rule(title=st.none() | TITLES | BLANK, status=st.none() | st.sampled_from(["active", "completed", "abandoned"]))
    def edit_goal(self, title, status):
        self.begin()
        goal_id = self.shown()
        goal = self.model.goals[goal_id]
        dialog = self.window.goals.goal_actions.edit_goal()
        if title is not None:
            dialog.title_edit.setText(title)
        if status is not None:
            dialog.status_combo.setCurrentText(status)  # by hand: it may disagree with the milestones
        QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
        settle()
        if title is not None and not title.strip():
            # The dialog explains and keeps the input; nothing is stored or put on the stack.
            assert dialog.isVisible() and dialog.error_label.isVisible()
            dialog.reject()
            settle()
            return
        assert not dialog.isVisible()
        changed = False
        if title is not None and title != goal["title"]:
            goal["title"], changed = title, True
            for todo in self.model.todos:  # the todo its roadmap was sent to follows its title
                if todo["kind"] == "roadmap" and todo["goal_id"] == goal_id:
                    todo["title"] = title
        if status is not None and goal["status"] != status:
            goal["status"], changed = status, True
        if changed:
            self.model.commit()

    @precondition(lambda self: self.shown() is not None)
    @rule(with_todos=st.booleans())
    def delete_goal(self, with_todos):
        goal_id = self.shown()
        box = self.window.goals.goal_actions.delete_goal()
        texts = {b.text(): b for b in box.buttons()}
        has_todos = any(t["goal_id"] == goal_id for t in self.model.todos)
        if has_todos:
            button = texts["Delete goal and todos" if with_todos else "Delete goal, keep todos"]
        else:
            button = texts["Delete"]
        button.click()
        settle()
        if has_todos and with_todos:
            self.model.state["todos"] = [t for t in self.model.todos if t["goal_id"] != goal_id]
        for todo in self.model.todos:
            if todo["goal_id"] == goal_id:
                todo["goal_id"] = todo["node_id"] = None
                for sub in todo["subtasks"]:
                    sub["node_id"] = None
        del self.model.goals[goal_id]
        self.model.commit()

    @precondition(lambda self: self.shown() is not None)
    @rule()
    def cancel_delete_goal(self):
        box = self.window.goals.goal_actions.delete_goal()
        box.button(QMessageBox.StandardButton.Cancel).click()
        settle()

    # -- milestones on the canvas ------------------------------------------------------------

    @precondition(lambda self: self.shown() is not None)
    @rule(label=LABELS, x=st.integers(-400, 400), y=st.integers(-300, 600))
    def add_milestone(self, label, x, y):
        goal_id = self.shown()
        node_id = self.editor.add_node(QPointF(x, y), label)
        settle()
        goal = self.model.goals[goal_id]
        if goal["roadmap"] is None:
            goal["roadmap"] = {"nodes": {}, "edges": {}}
        goal["roadmap"]["nodes"][node_id] = {"label": label, "completed": False, "x": float(x), "y": float(y)}
        self.model.recompute(goal_id)
        self.model.commit()
        assert self.editor.scene.selected_node_ids() == [node_id]

    @precondition(lambda self: self.shown_nodes())
    @rule(index=PICK, label=LABELS | BLANK)
    def rename_milestone(self, index, label):
        self.begin()
        goal_id = self.shown()
        node_id = self.pick(self.shown_nodes(), index)
        self.editor.start_rename(node_id)
        box = self.editor._label_editor
        box.setText(label)
        QTest.keyClick(box, Qt.Key.Key_Return)
        settle()
        if not label.strip():
            self.refused()
            assert box.isVisible()  # Enter keeps the box open so the label can be fixed
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        if label != self.model.nodes(goal_id)[node_id]["label"]:
            self.model.rename_node(goal_id, node_id, label)
            self.model.commit()

    @precondition(lambda self: len(self.shown_nodes()) >= 2)
    @rule(first=PICK, second=PICK)
    def connect_milestones(self, first, second):
        self.begin()
        goal_id = self.shown()
        nodes = self.shown_nodes()
        source, target = self.pick(nodes, first), self.pick(nodes, second)
        edges = self.model.goals[goal_id]["roadmap"]["edges"]
        links = set(edges.values())
        self.editor.connect_nodes(source, target)
        settle()
        order = domain_rules.topological_order(nodes, links | {(source, target)})
        if source == target or (source, target) in links or len(order) != len(nodes):
            self.refused()
            return
        (edge_id,) = [e.id for e in self.reader.get_goal(goal_id).roadmap.edges if (e.source, e.target) == (source, target)]
        edges[edge_id] = (source, target)
        self.model.commit()

    @precondition(lambda self: self.shown_nodes())
    @rule(data=st.data())
    def delete_selection(self, data):
        goal_id = self.shown()
        roadmap = self.model.goals[goal_id]["roadmap"]
        nodes = self.shown_nodes()
        chosen = data.draw(st.lists(st.sampled_from(nodes), max_size=len(nodes), unique=True))
        links = data.draw(st.lists(st.sampled_from(list(roadmap["edges"])), unique=True)) if roadmap["edges"] else []
        if not chosen and not links:
            return
        self.select_nodes(chosen)
        for edge_id in links:
            self.editor.scene.edges[edge_id].setSelected(True)
        self.editor.delete_selection()
        settle()
        self.model.unlink(goal_id, set(chosen))
        for edge_id, (source, target) in list(roadmap["edges"].items()):
            if edge_id in links or source in chosen or target in chosen:
                del roadmap["edges"][edge_id]
        for node_id in chosen:
            del roadmap["nodes"][node_id]
        self.model.recompute(goal_id)
        self.model.commit()

    @precondition(lambda self: self.shown_nodes())
    @rule(data=st.data(), dx=st.integers(-300, 300), dy=st.integers(-300, 300))
    def drag_milestones(self, data, dx, dy):
        if not dx and not dy:
            return
        goal_id = self.shown()
        chosen = data.draw(st.lists(st.sampled_from(self.shown_nodes()), min_size=1, unique=True))
        scene = self.editor.scene
        self.select_nodes(chosen)
        before, after = {}, {}
        for node_id in chosen:
            item = scene.nodes[node_id]
            before[node_id] = Position(item.pos().x(), item.pos().y())
            item.setPos(item.pos() + QPointF(dx, dy))  # what the mouse did; the release reports it
            after[node_id] = Position(item.pos().x(), item.pos().y())
        scene.move_finished.emit(before, after)
        settle()
        for node_id in chosen:
            node = self.model.nodes(goal_id)[node_id]
            node["x"], node["y"] = after[node_id].x, after[node_id].y
        self.model.commit()

    @precondition(lambda self: self.shown_nodes())
    @rule(data=st.data())
    def check_off_selection(self, data):
        goal_id = self.shown()
        chosen = data.draw(st.lists(st.sampled_from(self.shown_nodes()), min_size=1, unique=True))
        self.select_nodes(chosen)
        selected = self.editor.scene.selected_node_ids()  # the order the editor will use
        self.editor.toggle_selected()
        settle()
        nodes = self.model.nodes(goal_id)
        value = not all(nodes[n]["completed"] for n in selected)
        for node_id in selected:
            nodes[node_id]["completed"] = value
        for node_id in selected:
            self.model.spread([("node", (goal_id, node_id), value)])
        self.model.recompute(goal_id)
        self.model.commit()

    # -- conversions -------------------------------------------------------------------------

    @precondition(lambda self: self.shown_nodes())
    @rule(index=PICK)
    def todo_from_milestone(self, index):
        goal_id = self.shown()
        node_id = self.pick(self.shown_nodes(), index)
        todo = self.window.todo_conversions.todo_from_node(goal_id, node_id)
        settle()
        assert todo is not None
        node = self.model.nodes(goal_id)[node_id]
        existing = next(
            (t for t in self.model.todos if t["kind"] == "milestone" and t["goal_id"] == goal_id and t["node_id"] == node_id),
            None,
        )
        if existing is None:
            assert todo.id not in {t["id"] for t in self.model.todos}
            self.model.todos.append(
                {"id": todo.id, "title": node["label"], "completed": False, "due_date": None, "goal_id": goal_id,
                 "node_id": node_id, "kind": "milestone", "subtasks": []}
            )
            self.model.spread([("node", (goal_id, node_id), node["completed"])])
        else:
            assert todo.id == existing["id"]
            existing["title"] = node["label"]
            self.model.spread(recheck=[existing["id"]])
        self.model.commit()

    @precondition(lambda self: self.shown() is not None)
    @rule()
    def send_roadmap_to_todos(self):
        self.begin()
        goal_id = self.shown()
        goal = self.model.goals[goal_id]
        todo = self.window.todo_conversions.send_roadmap()
        settle()
        nodes = self.model.nodes(goal_id)
        if not nodes:
            assert todo is None
            self.refused()
            return
        order = domain_rules.topological_order(list(nodes), list(goal["roadmap"]["edges"].values()))
        existing = next((t for t in self.model.todos if t["kind"] == "roadmap" and t["goal_id"] == goal_id), None)
        if existing is None:
            existing = {"id": todo.id, "title": goal["title"], "completed": False, "due_date": goal["target_date"],
                        "goal_id": goal_id, "node_id": None, "kind": "roadmap", "subtasks": []}
            self.model.todos.append(existing)
        assert todo.id == existing["id"]
        existing["title"] = goal["title"]
        by_node = {s["node_id"]: s for s in existing["subtasks"] if s["node_id"] is not None}
        made = {s.node_id: s.id for s in todo.subtasks}
        ordered = []
        for node_id in order:
            sub = by_node.pop(node_id, None) or {"id": made[node_id], "node_id": node_id}
            sub.update(title=nodes[node_id]["label"], completed=nodes[node_id]["completed"])
            ordered.append(sub)
        linked = {s["id"] for s in ordered}
        existing["subtasks"] = ordered + [s for s in existing["subtasks"] if s["id"] not in linked]
        self.model.spread(recheck=[existing["id"]])
        self.model.commit()

    # -- the Todos panel ---------------------------------------------------------------------

    @rule(title=TITLES | BLANK)
    def create_todo(self, title):
        self.begin()
        todo_id = self.panel.create_todo(title)
        settle()
        if not title.strip():
            assert todo_id is None
            self.refused()
            return
        self.model.todos.append(
            {"id": todo_id, "title": title, "completed": False, "due_date": None, "goal_id": None,
             "node_id": None, "kind": "manual", "subtasks": []}
        )
        self.model.commit()

    @precondition(lambda self: self.model.todos)
    @rule(index=PICK, title=LABELS)
    def add_subtask(self, index, title):
        todo = self.pick(self.model.todos, index)
        subtask_id = self.panel.add_subtask(todo["id"], title)
        settle()
        todo["subtasks"].append({"id": subtask_id, "title": title, "completed": False, "node_id": None})
        self.model.spread(recheck=[todo["id"]])
        self.model.commit()

    def _rows(self):
        return [(t, None) for t in self.model.todos] + [(t, s) for t in self.model.todos for s in t["subtasks"]]

    @precondition(lambda self: self.model.todos)
    @rule(index=PICK)
    def tick(self, index):
        todo, sub = self.pick(self._rows(), index)
        thing = sub or todo
        self.panel.set_completed(todo["id"], sub["id"] if sub else None, not thing["completed"])
        settle()
        if sub is None:
            self.model.spread([("todo", todo["id"], not thing["completed"])])
        else:
            self.model.spread([("subtask", sub["id"], not thing["completed"])])
        self.model.commit()

    # Any row: one linked to a milestone, or the todo a roadmap was sent to, keeps the title typed
    # here until its milestone is renamed or regenerated, or its goal renamed.
    @precondition(lambda self: self.model.todos)
    @rule(index=PICK, title=TITLES | LABELS | BLANK)
    def rename_in_tree(self, index, title):
        self.begin()
        todo, sub = self.pick(self._rows(), index)
        thing = sub or todo
        item = self.panel.item_for(todo["id"], sub["id"] if sub else None)
        item.setText(TITLE_COLUMN, title)  # what the tree's editor does on commit
        settle()
        if not title.strip():
            self.refused()
        elif title != thing["title"]:
            thing["title"] = title
            self.model.commit()

    @precondition(lambda self: self.model.todos)
    @rule(index=PICK)
    def delete_todo(self, index):
        todo = self.pick(self.model.todos, index)
        self.panel.delete_todo(todo["id"])
        settle()
        self.model.todos.remove(todo)
        self.model.commit()

    # -- a finished generation ----------------------------------------------------------------

    @precondition(lambda self: self.shown() is not None)
    @rule(data=st.data(), new=st.integers(0, 3))
    def regenerate(self, data, new):
        goal_id = self.shown()
        current = self.shown_nodes()
        kept = data.draw(st.lists(st.sampled_from(current), unique=True)) if current else []
        if not kept and not new:
            new = 1
        nodes = {}
        for node_id in kept:
            old = self.model.nodes(goal_id)[node_id]
            label = data.draw(st.sampled_from([old["label"], "Regenerated " + old["label"]]))
            nodes[node_id] = {"label": label, "completed": data.draw(st.booleans()), "x": 0.0, "y": 0.0}
        for _ in range(new):
            self.generated += 1
            nodes[f"gen{self.generated}"] = {"label": f"Fresh step {self.generated}", "completed": False, "x": 0.0, "y": 0.0}
        for row, node in enumerate(nodes.values()):
            node["x"], node["y"] = float(40 * row), float(150 * row)
        ids = list(nodes)
        edges = {f"gen_edge{self.generated}_{i}": (a, b) for i, (a, b) in enumerate(zip(ids, ids[1:]))}
        canned = {
            "nodes": [
                {"id": i, "label": n["label"], "completed": n["completed"], "position": {"x": n["x"], "y": n["y"]}}
                for i, n in nodes.items()
            ],
            "edges": [{"id": e, "source": a, "target": b} for e, (a, b) in edges.items()],
        }
        record_generated_roadmap(self.window, goal_id, canned)
        settle()
        self.model.replace_roadmap(goal_id, nodes, edges)
        self.model.commit()

    # -- undo and redo -------------------------------------------------------------------------

    @precondition(lambda self: self.model.index > 0)
    @rule()
    def undo(self):
        self.window.undo_action.trigger()
        settle()
        self.model.undo()

    @precondition(lambda self: self.model.index < len(self.model.history) - 1)
    @rule()
    def redo(self):
        self.window.redo_action.trigger()
        settle()
        self.model.redo()

    # -- after every step ------------------------------------------------------------------------

    @invariant()
    def database_matches_the_model(self):
        settle()
        expected, stored = self.model.expected(), observe(self.reader)
        assert stored["goals"] == expected["goals"]
        assert stored["todos"] == expected["todos"]

    @invariant()
    def undo_stack_matches_the_history(self):
        settle()
        stack = self.window.undo_stack
        assert (stack.index(), stack.count()) == (self.model.index, len(self.model.history) - 1)

    @invariant()
    def canvas_shows_the_goal(self):
        settle()
        goal_id = self.shown()
        assert goal_id == self.window.goals.current_goal_id()
        scene = self.editor.scene
        if goal_id is None:
            assert not scene.nodes and not scene.edges
            return
        goal = self.model.goals[goal_id]
        nodes = self.model.nodes(goal_id)
        assert set(scene.nodes) == set(nodes)
        for node_id, node in nodes.items():
            item = scene.nodes[node_id]
            assert (item.node.label, item.node.completed) == (node["label"], node["completed"])
            assert (item.pos().x(), item.pos().y()) == (node["x"], node["y"])
        edges = goal["roadmap"]["edges"] if goal["roadmap"] else {}
        assert {e: (i.source.node_id, i.target.node_id) for e, i in scene.edges.items()} == edges
        assert self.window.goals.header.title.text() == goal["title"]
        assert self.window.goals.header.progress.value() == progress_of(goal)

    @invariant()
    def todo_tree_shows_the_todos(self):
        settle()
        tree = self.panel.tree
        checked = Qt.CheckState.Checked
        rows = []
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            children = [
                (top.child(j).data(TITLE_COLUMN, SUBTASK_ROLE), top.child(j).text(TITLE_COLUMN),
                 top.child(j).checkState(TITLE_COLUMN) == checked, top.child(j).text(LINK_COLUMN))
                for j in range(top.childCount())
            ]
            rows.append((top.data(TITLE_COLUMN, TODO_ROLE), top.text(TITLE_COLUMN), top.checkState(TITLE_COLUMN) == checked,
                         top.text(LINK_COLUMN), children))
        expected = []
        for todo in self.model.todos:
            goal = self.model.goals.get(todo["goal_id"])
            nodes = self.model.nodes(todo["goal_id"]) if goal else {}
            link = " · ".join(
                x for x in (goal["title"] if goal else None, nodes[todo["node_id"]]["label"] if todo["node_id"] else None) if x
            )
            children = [
                (s["id"], s["title"], s["completed"], nodes[s["node_id"]]["label"] if s["node_id"] else "")
                for s in todo["subtasks"]
            ]
            expected.append((todo["id"], todo["title"], todo["completed"], link, children))
        assert rows == expected

    def teardown(self):
        try:
            while self.window.undo_stack.canUndo():
                self.window.undo_action.trigger()
            settle()
            assert self.window.undo_stack.index() == 0
            assert observe(self.reader) == self.start
        finally:
            self.window.close()
            self.window.service.db.close()
            self.window.deleteLater()
            settle()
            self.reader.db.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def record_generated_roadmap(window, goal_id: str, canned: dict) -> None:
    """What the window does once a generation's answer is complete: save it, then record its undo step."""
    before = window.service.get_goal(goal_id).roadmap
    outcome = window.service.set_roadmap(goal_id, canned)  # generate_and_save's one call
    window.generation.record(goal_id, before, outcome.goal, outcome.unlinked, overwritten=outcome.overwritten)


def test_window_commands_agree_with_the_model(qapp, tmp_path, monkeypatch, sqlite_template):
    # No AI provider is set up here, so creating a goal offers no generation dialog.
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(WindowMachine, "template", sqlite_template)
    run_state_machine_as_test(WindowMachine, settings=MACHINE_SETTINGS)
