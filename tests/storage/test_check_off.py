"""A check-off (update_node/update_nodes) returns the goal exactly as saved, and writes only what
changes: setting what a milestone already has leaves the database as it was."""

from __future__ import annotations

import sqlite3

import pytest

from goals_desktop.domain.errors import NotFoundError
from tests.support.backends import snapshot

OLD = "2026-01-01T00:00:00Z"


@pytest.fixture
def goal_id(service):
    (goal,) = service.import_goals([{
        "id": "goal_old",
        "title": "Written long ago",
        "roadmap": {
            "nodes": [
                {"id": "a", "label": "A", "completed": True, "position": {"x": 0, "y": 0}, "details": ["one"]},
                {"id": "b", "label": "B", "position": {"x": 0, "y": 150}},
                {"id": "c", "label": "C", "position": {"x": 0, "y": 300}},
            ],
            "edges": [{"id": "ab", "source": "a", "target": "b"}],
        },
        "created_at": OLD,
        "updated_at": OLD,
    }])
    return goal.id


def test_setting_what_the_milestones_already_have_changes_nothing(service, db_path, goal_id):
    before = snapshot(db_path)
    goal = service.update_node(goal_id, "a", completed=True, label="A", position={"x": 0, "y": 0}, details=["one"])
    goal = service.update_nodes(goal_id, {"b": {"completed": False, "resources": []}, "c": {}})
    assert goal.updated_at == OLD and goal.progress == 33
    assert snapshot(db_path) == before
    assert service.get_goal(goal_id).to_dict() == goal.to_dict()


def test_a_real_change_is_written_with_its_stamp(service, db_path, goal_id):
    goal = service.update_node(goal_id, "a", completed=True, label="A, renamed")
    assert goal.updated_at != OLD and goal.roadmap.node("a").label == "A, renamed" and goal.progress == 33
    goal = service.update_nodes(goal_id, {"b": {"completed": True}, "c": {"completed": True, "notes": "done"}})
    assert (goal.progress, goal.status) == (100, "completed")
    assert service.get_goal(goal_id).to_dict() == goal.to_dict()
    goal = service.update_node(goal_id, "c", completed=False)
    assert (goal.progress, goal.status) == (67, "active")
    assert service.get_goal(goal_id).to_dict() == goal.to_dict()


def test_milestones_ticked_through_linked_todos_are_in_the_goal_returned(service, goal_id):
    # A todo linked to milestone b, with a subtask linked to milestone c: checking b checks the
    # todo, the todo checks its subtask, the subtask checks c.
    todo = service.todo_from_node(goal_id, "b")
    service.add_subtask(todo.id, "C as a step", node_id="c")
    goal = service.update_node(goal_id, "b", completed=True)
    assert {n.id: n.completed for n in goal.roadmap.nodes} == {"a": True, "b": True, "c": True}
    assert (goal.progress, goal.status) == (100, "completed")
    assert service.get_goal(goal_id).to_dict() == goal.to_dict()
    assert service.get_todo(todo.id).completed is True


def test_unknown_goals_and_milestones_are_refused_with_nothing_written(service, db_path, goal_id):
    before = snapshot(db_path)
    with pytest.raises(NotFoundError, match="No node with id 'zz' in goal 'goal_old'"):
        service.update_nodes(goal_id, {"a": {"completed": False}, "zz": {"completed": True}})
    with pytest.raises(NotFoundError, match="No goal with id 'goal_none'"):
        service.update_node("goal_none", "a", completed=True)
    assert snapshot(db_path) == before


@pytest.mark.sqlite_only
def test_a_check_off_that_changes_nothing_commits_nothing_to_the_file(service, db_path, goal_id):
    """No page changes, so the commit writes no WAL frame and waits for no fsync (as raw SQLite's
    does for an unchanged row), and other copies (ChangeWatcher, data_version) see no change. A
    check-off once stamped updated_at, and rewrote the goal's status index entry (to the same
    value), every time."""
    watcher = sqlite3.connect(db_path)
    try:
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        for _ in range(3):
            service.update_node(goal_id, "a", completed=True)
            service.update_node(goal_id, "b", completed=False)
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
        service.update_node(goal_id, "b", completed=True)
        assert watcher.execute("PRAGMA data_version").fetchone()[0] != version
    finally:
        watcher.close()
