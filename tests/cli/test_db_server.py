"""`db copy` between an SQLite file and a PostgreSQL server, both ways, compared row by row; and
`db path`, `db check`, `db backup` (pg_dump) and `db restore` on a server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from goals_desktop.cli import main
from goals_desktop.storage import Database, GoalService
from tests.support.backends import snapshot
from tests.support.postgres_server import binaries


@pytest.fixture(autouse=True)
def no_ambient_database(monkeypatch):
    monkeypatch.delenv("GOALS_DESKTOP_DATABASE", raising=False)


@pytest.fixture
def server_db(pg_pool):
    """A fresh database's URL; more with server_db.another()."""
    names = []

    class Urls:
        def another(self) -> str:
            names.append(pg_pool.acquire())
            return pg_pool.server.url(names[-1])

    urls = Urls()
    urls.url = urls.another()
    yield urls
    for name in names:
        pg_pool.release(name)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code:
        assert err.count("\n") == 1 and err.startswith("goals-desktop: error:"), repr(err)
    return code, out, err


def fill(target) -> None:
    """Everything there is to copy: creation order within a second, positions, details, check-offs,
    an empty roadmap and a null one, todos linked to goals and milestones, subtasks linked too."""
    database = Database(target)
    service = GoalService(database)
    ids = [service.create_goal(f"Goal {i}", f"about {i}" if i % 2 else None, "2027-01-0%d" % (1 + i % 9)).id for i in range(12)]
    for index, goal_id in enumerate(ids[:8]):
        roadmap = {
            "nodes": [
                {"id": f"n{k}", "label": f"Step {k} of {index}", "details": [f"do {k}", "then rest"], "resources": ["a book"],
                 "estimated_time": f"{k} weeks", "completed": k < index % 4, "notes": "ünïcode ✓ 👩‍👩‍👧",
                 **({"position": {"x": 10.5 * k, "y": -3.25 * index}} if k % 2 else {})}
                for k in range(5)
            ],
            "edges": [{"id": f"e{k}", "source": f"n{k}", "target": f"n{k + 1}"} for k in range(4)],
        }
        service.set_roadmap(goal_id, roadmap)
    service.set_roadmap(ids[8], {"nodes": [], "edges": []})
    service.update_goal(ids[9], status="abandoned")
    service.todos_from_roadmap(ids[0])
    milestone_todo = service.todo_from_node(ids[1], "n2")
    service.set_subtask_completed(milestone_todo.id, 0, True)
    service.create_todo("Call the coach", notes="Tuesday", due_date="2027-02-01", goal_id=ids[2], subtasks=["find number", "call"])
    service.create_todo("Unlinked", subtasks=["one"])
    service.update_node(ids[3], "n4", completed=True)
    database.close()


def test_a_file_copied_to_a_server_and_back_is_identical_row_by_row(capsys, tmp_path, server_db):
    local = tmp_path / "goals.sqlite3"
    fill(local)
    code, out, _ = run(capsys, "--database", str(local), "db", "copy", "--to", server_db.url)
    assert code == 0 and out.startswith("Copied 12 goals (40 milestones, 32 links), 4 todos")
    assert snapshot(local) == snapshot(server_db.url)

    back = tmp_path / "back.sqlite3"
    code, out, _ = run(capsys, "--database", str(back), "db", "copy", "--from", server_db.url)
    assert code == 0, out
    assert snapshot(back) == snapshot(local)

    # What a person sees is the same on all three, order included (same-second goals too).
    views = []
    for target in (local, server_db.url, back):
        database = Database(target)
        service = GoalService(database)
        views.append((service.export_goals(), [t.to_dict() for t in service.list_todos()], [g.id for g in service.list_goals()]))
        database.close()
    assert views[0] == views[1] == views[2]

    # And the copy is alive: the rules work on the server's rows.
    database = Database(server_db.url)
    service = GoalService(database)
    goal_id = views[0][2][0]
    todo = next(t for t in service.list_todos() if t.goal_id == goal_id and t.kind == "roadmap")
    service.set_todo_completed(todo.id, True)
    assert service.get_goal(goal_id).progress == 100
    database.close()


def test_a_target_with_data_is_refused_unless_replace(capsys, tmp_path, server_db):
    local = tmp_path / "goals.sqlite3"
    fill(local)
    database = Database(server_db.url)
    GoalService(database).create_goal("Already on the server")
    database.close()
    before = snapshot(server_db.url)
    code, _, err = run(capsys, "--database", str(local), "db", "copy", "--to", server_db.url)
    assert code == 1 and "already holds 1 goals" in err and "--replace" in err
    assert snapshot(server_db.url) == before
    code, out, _ = run(capsys, "--database", str(local), "db", "copy", "--to", server_db.url, "--replace")
    assert code == 0 and "replacing 1 goals" in out
    assert snapshot(server_db.url) == snapshot(local)


def test_copy_refuses_itself_a_missing_source_and_a_bad_url(capsys, tmp_path, server_db):
    local = tmp_path / "goals.sqlite3"
    fill(local)
    code, _, err = run(capsys, "--database", server_db.url, "db", "copy", "--to", server_db.url)
    assert code == 1 and "same database" in err
    code, _, err = run(capsys, "--database", str(tmp_path / "none.sqlite3"), "db", "copy", "--to", server_db.url)
    assert code == 1 and "no database at" in err
    code, _, err = run(capsys, "--database", str(local), "db", "copy", "--to", "mysql://x@y/z")
    assert code == 1 and "postgresql://" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_path_and_check_on_a_server(capsys, server_db, pg_server):
    url = pg_server.url(server_db.url.split("@/")[1].split("?")[0], password="never-shown")
    code, out, _ = run(capsys, "--database", url, "db", "path")
    assert code == 0 and out.strip() == server_db.url and "never-shown" not in out
    database = Database(server_db.url)
    GoalService(database).create_goal("One")
    database.close()
    code, out, _ = run(capsys, "--database", server_db.url, "db", "check")
    assert code == 0 and out.startswith(f"OK: {server_db.url}: PostgreSQL 16")
    assert "(current)" in out and "1 goal," in out and "pg_dump" in out
    code, _, err = run(capsys, "--database", pg_server.url("nothing_here"), "db", "check")
    assert code == 1 and "no such database" in err


def test_backup_on_a_server_is_a_pg_dump_that_restores(capsys, tmp_path, server_db, pg_server, monkeypatch):
    local = tmp_path / "goals.sqlite3"
    fill(local)
    assert run(capsys, "--database", str(local), "db", "copy", "--to", server_db.url)[0] == 0
    # pg_dump must match the server's major version: the one shipped with the server.
    monkeypatch.setenv("PATH", f"{binaries()}{os.pathsep}{os.environ['PATH']}")
    dump = tmp_path / "goals.pgdump"
    code, out, _ = run(capsys, "--database", server_db.url, "db", "backup", "--output", str(dump))
    assert code == 0 and "pg_dump" in out and dump.stat().st_size > 1000
    restored = server_db.another()
    name = restored.split("@/")[1].split("?")[0]
    pg_server.execute(f'DROP DATABASE "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    subprocess.run(
        [str(binaries() / "pg_restore"), "--no-owner", f"--dbname={pg_server.conninfo(name)}", str(dump)],
        check=True, capture_output=True, timeout=120,
    )
    assert snapshot(restored) == snapshot(server_db.url)


def test_backup_without_pg_dump_and_restore_on_a_server_explain_in_one_line(capsys, server_db, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump anywhere
    code, _, err = run(capsys, "--database", server_db.url, "db", "backup")
    assert code == 1 and "pg_dump is not installed" in err and server_db.url in err
    code, _, err = run(capsys, "--database", server_db.url, "db", "restore")
    assert code == 1 and "pg_restore" in err
    assert not list(Path.cwd().glob("*.pgdump"))
