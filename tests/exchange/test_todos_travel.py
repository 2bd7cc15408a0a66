"""Our JSON export carries each goal's todos and subtasks with their milestone links, so a goal
moved to another machine arrives whole; the import is all or nothing together with the goal."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goals_desktop.cli import main as cli_main
from goals_desktop.domain.errors import ValidationError
from goals_desktop.exchange import read_import
from goals_desktop.storage import ChangeKind, Database, GoalService
from tests.support.clock import Clock

from .strategies import EXCHANGE_SETTINGS, goals


@pytest.fixture
def other(tmp_path):
    database = Database(tmp_path / "other.sqlite3")
    yield GoalService(database)
    database.close()


@pytest.fixture
def goal_with_todos(service, seed_goal):
    [goal] = service.import_goals([seed_goal])
    roadmap_todo = service.todos_from_roadmap(goal.id)
    node_todo = service.todo_from_node(goal.id, "node_2")
    manual = service.create_todo("Buy a notebook", notes="line one\nline two", due_date="2026-03-03", goal_id=goal.id,
                                 subtasks=["paper", "pen"])
    service.set_subtask_completed(manual.id, 0, True)
    service.create_todo("Not about this goal")
    return goal, roadmap_todo, node_todo, manual


def todo_shapes(service, goal_id):
    return [
        (t.title, t.completed, t.node_id, t.kind, [(s.title, s.completed, s.node_id) for s in t.subtasks])
        for t in service.list_todos(goal_id=goal_id)
    ]


def test_export_carries_todos_and_import_restores_them_with_links(service, other, goal_with_todos, monkeypatch):
    goal, roadmap_todo, _, _ = goal_with_todos
    clock = Clock().install(monkeypatch)
    exported = service.export_goals([goal.id], include_todos=True)
    assert [t["title"] for t in exported[0]["todos"]] == ["Learn Machine Learning", "Study linear algebra", "Buy a notebook"]
    assert [s["node_id"] for s in exported[0]["todos"][0]["subtasks"]] == ["node_1", "node_2"]
    # Without include_todos the shape stays the Get Goal one.
    assert "todos" not in service.export_goals([goal.id])[0]

    found = read_import(json.dumps(exported).encode(), "export.json")
    # Timestamps travel too: an import an hour later does not stamp the goal as changed then.
    clock.advance(hours=1)
    [moved] = other.import_goals(found.goals)
    assert moved.id == goal.id
    assert todo_shapes(other, moved.id) == todo_shapes(service, goal.id)
    assert other.export_goals(include_todos=True) == exported
    # The links are live on the other side: ticking the milestone ticks its subtask and todo.
    other.update_node(moved.id, "node_2", completed=True)
    [travelled_roadmap_todo, travelled_node_todo, _] = other.list_todos(goal_id=moved.id)
    assert travelled_roadmap_todo.id == roadmap_todo.id
    assert travelled_roadmap_todo.completed and travelled_node_todo.completed


def test_importing_twice_copies_goal_and_todos_and_links_the_copy(service, goal_with_todos):
    goal, *_ = goal_with_todos
    exported = service.export_goals([goal.id], include_todos=True)
    before = todo_shapes(service, goal.id)
    [copy_goal] = service.import_goals(copy.deepcopy(exported))
    assert copy_goal.id != goal.id
    copies = service.list_todos(goal_id=copy_goal.id)
    assert [t.title for t in copies] == ["Learn Machine Learning", "Study linear algebra", "Buy a notebook"]
    originals = {t.id for t in service.list_todos(goal_id=goal.id)}
    assert not originals & {t.id for t in copies}
    assert todo_shapes(service, goal.id) == before == todo_shapes(service, copy_goal.id)
    # Ticking a milestone of the copy changes the copy's todos only.
    service.update_node(copy_goal.id, "node_2", completed=True)
    assert todo_shapes(service, goal.id) == before
    assert service.list_todos(goal_id=copy_goal.id)[1].completed


def test_import_applies_the_completion_rules_and_keeps_the_milestones(other, seed_goal):
    seed_goal["todos"] = [
        {"title": "Stale", "completed": False, "node_id": "node_1", "subtasks": []},
        {"title": "Parent", "completed": False, "subtasks": [{"title": "a", "completed": True}, {"title": "b", "completed": True}]},
        {"title": "Dangling link", "node_id": "node_gone", "subtasks": [{"title": "x", "node_id": "node_gone"}]},
    ]
    [goal] = other.import_goals([seed_goal])
    todos = other.list_todos(goal_id=goal.id)
    assert [(t.title, t.completed, t.node_id) for t in todos] == [
        ("Stale", True, "node_1"),  # takes its milestone's state
        ("Parent", True, None),  # done because all its subtasks are
        ("Dangling link", False, None),  # the link to a missing milestone is dropped, the todo kept
    ]
    assert [n.completed for n in goal.roadmap.nodes] == [True, False] and goal.progress == 50


def test_import_announces_the_goal_then_its_todos_after_commit(other, seed_goal):
    seed_goal["todos"] = [{"title": "Linked", "node_id": "node_2"}, {"title": "Loose"}]
    heard = []
    other.subscribe(heard.append)
    goal, plain = other.import_goals([seed_goal, {"title": "No todos"}])
    todo_ids = tuple(t.id for t in other.list_todos(goal_id=goal.id))
    assert [(c.goal_id, c.kind) for c in heard] == [
        (goal.id, ChangeKind.CREATED), (goal.id, ChangeKind.TODOS), (plain.id, ChangeKind.CREATED)
    ]
    assert heard[1].detail.todo_ids == todo_ids and len(todo_ids) == 2
    # A refused import creates nothing and announces nothing.
    heard.clear()
    seed_goal["todos"] = [{"title": "fine"}]
    with pytest.raises(ValidationError):
        other.import_goals([seed_goal, {"title": "Broken", "roadmap": {"nodes": "nope"}}])
    assert heard == [] and len(other.list_goals()) == 2


@pytest.mark.parametrize(
    "todos, message",
    [
        ("nope", "Goal #1 in the import: its 'todos' must be a list."),
        (["x"], "Goal #1 in the import: its todo #1: it is not a JSON object."),
        ([{"title": " "}], "Goal #1 in the import: its todo #1: the todo title must not be blank."),
        ([{"title": "t", "kind": "weird"}], "Goal #1 in the import: its todo #1: unknown todo kind 'weird'."),
        ([{"title": "t", "subtasks": [{"title": ""}]}], "Goal #1 in the import: its todo #1: the subtask title must not be blank."),
        ([{"title": "t", "completed": "yes"}], "Goal #1 in the import: its todo #1: 'completed' must be true or false."),
        ([{"title": "t", "due_date": "31/12/2026"}], "Goal #1 in the import: its todo #1: the due date '31/12/2026' is not a valid date"),
    ],
)
def test_bad_todos_refuse_the_whole_import(other, seed_goal, todos, message):
    seed_goal["todos"] = todos
    with pytest.raises(ValidationError) as caught:
        other.import_goals([{"title": "First, fine"}, seed_goal][1:])
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)
    assert other.export_goals() == [] and other.list_todos() == []


def test_cli_export_and_import_carry_todos(capsys, db_path, tmp_path, goal_with_todos):
    goal, *_ = goal_with_todos
    out = tmp_path / "export.json"
    assert cli_main(["goals", "export", goal.id, "--output", str(out)]) == 0
    other_db = tmp_path / "cli-other.sqlite3"
    assert cli_main(["--database", str(other_db), "goals", "import", str(out)]) == 0
    capsys.readouterr()
    assert cli_main(["--database", str(other_db), "goals", "export"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(out.read_text())


@EXCHANGE_SETTINGS
@given(goal=goals(), data=st.data())
def test_any_goal_with_todos_and_ticks_round_trips(service, tmp_path_factory, sqlite_template, goal, data):
    [saved] = service.import_goals([goal.to_dict()])
    node_ids = [n.id for n in saved.roadmap.nodes]
    service.todos_from_roadmap(saved.id)
    for node_id in data.draw(st.lists(st.sampled_from(node_ids), max_size=3, unique=True)):
        service.todo_from_node(saved.id, node_id)
    for node_id in data.draw(st.lists(st.sampled_from(node_ids), max_size=3)):
        current = service.get_goal(saved.id).roadmap.node(node_id).completed
        service.update_node(saved.id, node_id, completed=not current)
    exported = service.export_goals([saved.id], include_todos=True)
    # A copy of the session's migrated file: each example's second database without running every migration.
    database = Database(sqlite_template.copy_to(tmp_path_factory.mktemp("travel") / "other.sqlite3"))
    try:
        elsewhere = GoalService(database)
        elsewhere.import_goals(read_import(json.dumps(exported), "export.json").goals)
        assert elsewhere.export_goals(include_todos=True) == exported
    finally:
        database.close()
