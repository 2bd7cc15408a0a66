"""Two copies of the app on one file: both work, each notices the other's commits, none writes stale data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goals_desktop.domain.errors import ConflictError
from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.db import ChangeWatcher
from tests.support.cli_forks import run_cli

ROOT = Path(__file__).resolve().parents[2]
ROADMAP = {
    "nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}],
    "edges": [{"id": "ab", "source": "a", "target": "b"}],
}


@pytest.fixture
def two_copies(db_path):
    first, second = Database(db_path), Database(db_path)
    yield GoalService(first), GoalService(second)
    first.close()
    second.close()


def test_watcher_ignores_own_writes_and_sees_the_other_copys(two_copies):
    mine, theirs = two_copies
    watcher = ChangeWatcher(mine.db)
    goal = mine.create_goal("Mine")
    mine.set_roadmap(goal.id, ROADMAP)
    mine.list_goals()
    assert not watcher.changed()
    theirs.update_node(goal.id, "a", completed=True)
    assert watcher.changed()
    assert not watcher.changed()
    assert mine.get_goal(goal.id).roadmap.node("a").completed


def test_watcher_sees_another_process(db_path, two_copies):
    mine, _ = two_copies
    watcher = ChangeWatcher(mine.db)
    result = run_cli(["goals", "create", "From the CLI"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert watcher.changed()
    assert [g.title for g in mine.list_goals()] == ["From the CLI"]


def test_field_level_updates_never_overwrite_the_other_copys_changes(two_copies):
    mine, theirs = two_copies
    goal = mine.create_goal("Shared", "first description")
    mine.set_roadmap(goal.id, ROADMAP)
    # Each copy acts on what it last loaded; every call changes only the fields it names.
    theirs.update_goal(goal.id, description="their description")
    mine.update_goal(goal.id, title="My title")
    theirs.update_node(goal.id, "b", completed=True)
    mine.move_nodes(goal.id, {"a": {"x": 5, "y": 6}})
    mine.update_node(goal.id, "c", completed=True)
    final = mine.get_goal(goal.id)
    assert (final.title, final.description) == ("My title", "their description")
    assert [n.completed for n in final.roadmap.nodes] == [False, True, True]
    assert final.roadmap.node("a").position.x == 5
    assert final.progress == 67


def test_replacing_a_roadmap_from_stale_data_is_refused(two_copies):
    mine, theirs = two_copies
    goal = mine.create_goal("Regenerated")
    seen = mine.set_roadmap(goal.id, ROADMAP).goal.roadmap
    theirs.update_node(goal.id, "a", completed=True)
    with pytest.raises(ConflictError) as caught:
        mine.set_roadmap(goal.id, {"nodes": [{"id": "z", "label": "Z"}], "edges": []}, expected=seen)
    assert "\n" not in str(caught.value)
    assert mine.get_goal(goal.id).roadmap.node("a").completed  # their check-off survived
    fresh = mine.get_goal(goal.id).roadmap
    replaced = mine.set_roadmap(goal.id, {"nodes": [{"id": "z", "label": "Z"}], "edges": []}, expected=fresh).goal
    assert [n.id for n in replaced.roadmap.nodes] == ["z"]


def test_concurrent_writers_in_two_processes_lose_nothing(db_path, two_copies):
    mine, _ = two_copies
    script = (
        "import sys\n"
        "from goals_desktop.storage import Database, GoalService\n"
        "s = GoalService(Database(sys.argv[1]))\n"
        "for i in range(40): s.create_goal(f'{sys.argv[2]} {i}')\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(db_path), name], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for name in ("left", "right")
    ]
    for index in range(40):
        mine.create_goal(f"here {index}")
    for writer in writers:
        assert writer.wait(60) == 0, writer.stderr.read()
        writer.stderr.close()
    titles = {g.title for g in mine.list_goals()}
    assert titles == {f"{who} {i}" for who in ("left", "right", "here") for i in range(40)}


def test_writes_from_several_threads_share_the_one_write_connection(two_copies):
    import threading

    mine, _ = two_copies
    watcher = ChangeWatcher(mine.db)
    failures = []

    def create_some(worker: int) -> None:
        try:
            for index in range(15):
                mine.create_goal(f"thread {worker} goal {index}")
        except Exception as error:  # collected: an assertion in a thread would be lost
            failures.append(repr(error))

    threads = [threading.Thread(target=create_some, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert len(mine.list_goals()) == 60
    assert not watcher.changed()  # all of them were this copy's own writes
