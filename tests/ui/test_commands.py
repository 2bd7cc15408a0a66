"""The one command runner: every undo step is one transaction each way, push() records only what
the service accepted, and a refusal (at push or at a later undo) is told the same way."""

from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from goals_desktop.domain.models import Edge, Node, Position
from goals_desktop.ui.commands.roadmap import AddEdgeCommand, AddNodeCommand, EditNodesCommand, MoveNodesCommand, RemoveItemsCommand
from goals_desktop.ui.commands.runner import Pushed, events, push, unlinked
from goals_desktop.ui.commands.generation import ReplaceRoadmapCommand
from goals_desktop.ui.commands.exchange import ImportGoalsCommand
from goals_desktop.ui.commands.goals import CreateGoalCommand, DeleteGoalCommand, EditGoalCommand
from goals_desktop.ui.commands.roadmap import SetDueDateCommand
from goals_desktop.ui.commands.todos import EditTodoCommand
from goals_desktop.ui.commands.todos import (
    AddSubtaskCommand,
    ConvertCommand,
    CreateTodoCommand,
    DeleteTodoCommand,
    RenameCommand,
    SetSubtaskCompletedCommand,
    SetTodoCompletedCommand,
)
from tests.ui.test_window_state_machine import observe as observe_model_fields


def observe(service):
    """The state machine's view of the database, plus the fields only some steps here change."""
    seen = observe_model_fields(service)
    seen["notes"] = {t.id: t.notes for t in service.list_todos()}
    seen["due"] = {
        (g.id, n.id): n.due_date for g in map(service.get_goal, seen["goals"]) if g.roadmap for n in g.roadmap.nodes
    }
    return seen

GOAL = "goal_123"


@pytest.fixture
def seeded_todos(service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    roadmap_todo = service.todos_from_roadmap(goal.id)
    milestone_todo = service.todo_from_node(goal.id, "node_1")  # checked: a new subtask reopens both
    plain = service.create_todo("Plain", subtasks=["one", "two"])
    service.set_subtask_completed(plain.id, 0, True)
    return {"roadmap": roadmap_todo.id, "milestone": milestone_todo.id, "plain": plain.id}


@pytest.fixture
def transactions(service):
    """Counts the service's write and read transactions (the real ones, run as usual)."""
    counts = {"write": 0, "read": 0}
    for kind in counts:
        original = getattr(service.db, kind)

        @contextmanager
        def counted(original=original, kind=kind):
            counts[kind] += 1
            with original() as connection:
                yield connection

        setattr(service.db, kind, counted)

    def take():
        taken = dict(counts)
        counts.update(write=0, read=0)
        return taken

    return take


def regenerated(service):
    before = service.get_goal(GOAL).roadmap
    outcome = service.set_roadmap(GOAL, {"nodes": [{"id": "node_2", "label": "Kept"}, {"id": "fresh", "label": "New"}], "edges": []})
    return ReplaceRoadmapCommand(service, GOAL, before, outcome.goal.roadmap, unlinked(outcome))


def node(service, node_id):
    return service.get_goal(GOAL).roadmap.node(node_id)


COMMANDS = {
    "move": lambda s, t: MoveNodesCommand(s, GOAL, {"node_1": Position(100, 100)}, {"node_1": Position(7, 9)}),
    "check off": lambda s, t: EditNodesCommand(s, GOAL, {"node_2": {"completed": False}}, {"node_2": {"completed": True}}, "Check"),
    "rename milestone": lambda s, t: EditNodesCommand(s, GOAL, {"node_1": {"label": "Complete Python basics"}}, {"node_1": {"label": "Py"}}, "Rename"),
    "add milestone": lambda s, t: AddNodeCommand(s, GOAL, Node("n9", "Nine", position=Position(5, 5))),
    "first milestone": lambda s, t: AddNodeCommand(s, s.create_goal("Empty").id, Node("n1", "One", position=Position(0, 0)), had_roadmap=False),
    "connect": lambda s, t: s.add_node(GOAL, Node("n3", "Three", position=Position(300, 300))) and AddEdgeCommand(s, GOAL, Edge("e9", "node_2", "n3")),
    "delete milestone": lambda s, t: RemoveItemsCommand(s, GOAL, [node(s, "node_2")], list(s.get_goal(GOAL).roadmap.edges)),
    "new goal": lambda s, t: CreateGoalCommand(s, {"title": "New", "description": None, "target_date": None}),
    "edit goal": lambda s, t: EditGoalCommand(s, s.get_goal(GOAL), {"title": "Renamed", "description": "Master ML fundamentals and build 3 projects", "target_date": "2026-12-31T00:00:00Z", "status": "abandoned"}),
    "delete goal, keep todos": lambda s, t: DeleteGoalCommand(s, GOAL, delete_todos=False),
    "delete goal and todos": lambda s, t: DeleteGoalCommand(s, GOAL, delete_todos=True),
    "new todo": lambda s, t: CreateTodoCommand(s, "Fresh"),
    "delete todo": lambda s, t: DeleteTodoCommand(s, s.get_todo(t["roadmap"])),
    "tick todo": lambda s, t: SetTodoCompletedCommand(s, s.get_todo(t["plain"]), True),
    "tick subtask": lambda s, t: SetSubtaskCompletedCommand(s, t["roadmap"], s.get_todo(t["roadmap"]).subtasks[1].id, "Study", True),
    "rename todo": lambda s, t: RenameCommand(s, t["plain"], None, "Plain", "Fancy"),
    "add subtask": lambda s, t: AddSubtaskCommand(s, s.get_todo(t["milestone"]), "By hand"),
    "todo from milestone": lambda s, t: ConvertCommand(s, "Make", lambda: s.todo_from_node(GOAL, "node_2"), None),
    "send roadmap again": lambda s, t: s.add_node(GOAL, Node("n3", "Three", position=Position(300, 300)))
    and ConvertCommand(s, "Send", lambda: s.todos_from_roadmap(GOAL), s.get_todo(t["roadmap"])),
    "todo notes": lambda s, t: EditTodoCommand(s, s.get_todo(t["plain"]), {"notes": ""}, {"notes": "Buy paper"}),
    "due date": lambda s, t: SetDueDateCommand(s, GOAL, node(s, "node_2"), date(2026, 6, 1)),
    "import": lambda s, t: ImportGoalsCommand(s, [{"title": "Imported", "roadmap": {"nodes": [{"id": "a", "label": "A"}], "edges": []}}], "Import"),
}
# Reads a step makes besides its one write: the undo of an import keeps what it deletes (with the
# todos and ticks made since) so that its redo brings back exactly that, same ids.
SNAPSHOT_READS = {("import", "undo"): 1}


@pytest.mark.parametrize("name", [*COMMANDS, "regenerate"])
def test_every_step_is_one_transaction_each_way_and_gives_back_exactly(qtbot, service, seeded_todos, transactions, name):
    stack = QUndoStack()

    def counted(run):
        transactions()
        result = run()
        return result, transactions()

    if name == "regenerate":
        before = observe(service)
        command = regenerated(service)  # the generation saved it the moment it was complete
        pushed, used = counted(lambda: push(stack, command, already_applied=True))
        assert used == {"write": 0, "read": 0}  # recorded, not saved again
    else:
        command = COMMANDS[name](service, seeded_todos)
        before = observe(service)
        pushed, used = counted(lambda: push(stack, command))
        assert used == {"write": 1, "read": 0}
    assert pushed.applied and stack.count() == 1
    after = observe(service)
    assert after != before
    for _ in range(2):
        assert counted(stack.undo)[1] == {"write": 1, "read": SNAPSHOT_READS.get((name, "undo"), 0)}
        assert observe(service) == before
        assert counted(stack.redo)[1] == {"write": 1, "read": 0}
        assert observe(service) == after
    assert stack.count() == 1 and command.error is None


def test_a_refused_push_is_not_recorded_and_keeps_the_redo_steps(qtbot, service, seeded_todos):
    stack = QUndoStack()
    push(stack, MoveNodesCommand(service, GOAL, {"node_1": Position(100, 100)}, {"node_1": Position(1, 1)}))
    push(stack, MoveNodesCommand(service, GOAL, {"node_1": Position(1, 1)}, {"node_1": Position(2, 2)}))
    stack.undo()
    refused = push(stack, AddEdgeCommand(service, GOAL, Edge("e9", "node_2", "node_1")))  # a cycle
    assert isinstance(refused, Pushed) and not refused and not refused.applied
    assert "cycle" in refused.error and "\n" not in refused.error
    assert (stack.count(), stack.index(), stack.canRedo()) == (2, 1, True)
    stack.redo()
    assert node(service, "node_1").position == Position(2, 2)


def test_an_undo_the_data_no_longer_allows_is_dropped_and_told(qtbot, service, seeded_todos):
    stack = QUndoStack()
    told, replayed = [], []
    events(stack).refused.connect(told.append)
    events(stack).replayed.connect(replayed.append)
    pushed = push(stack, regenerated(service), already_applied=True)
    push(stack, CreateTodoCommand(service, "Later"))
    stack.undo()
    assert replayed and replayed[-1].text() == "New todo “Later”"
    # Another copy of the app checks a milestone of the generated roadmap meanwhile.
    service.update_node(GOAL, "fresh", completed=True)
    stack.undo()
    assert len(told) == 1 and "changed elsewhere" in told[0] and "\n" not in told[0]
    assert pushed.command.error == told[0]
    assert [n.id for n in service.get_goal(GOAL).roadmap.nodes] == ["node_2", "fresh"]  # nothing overwritten
    assert (stack.count(), stack.index()) == (1, 0)  # the generate step is gone, the later one can be redone
    stack.redo()
    assert [t.title for t in service.list_todos()][-1] == "Later"
