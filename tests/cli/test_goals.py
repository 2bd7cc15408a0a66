"""Every CLI command, its output, and bad input: one line on stderr, non-zero exit, nothing changed."""

import json
import subprocess
import sys

import pytest

from goals_desktop import __version__
from goals_desktop.cli import main

from tests.support.backends import snapshot


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seed_file(tmp_path, seed_goal):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps([seed_goal]))
    return path


def test_seed_example_round_trips_import_check_show(capsys, db_path, seed_file):
    assert run(capsys, "goals", "import", str(seed_file))[0] == 0
    code, out, _ = run(capsys, "goals", "node", "goal_123", "node_1", "--incomplete")
    assert code == 0 and "Progress 0%" in out
    code, out, _ = run(capsys, "goals", "node", "goal_123", "node_1", "--complete")
    assert code == 0 and "Progress 50%" in out
    code, out, _ = run(capsys, "goals", "show", "goal_123", "--json")
    shown = json.loads(out)
    assert shown["progress"] == 50
    assert [n["completed"] for n in shown["roadmap"]["nodes"]] == [True, False]
    assert shown["roadmap"]["edges"] == [{"id": "edge_1", "source": "node_1", "target": "node_2"}]


def test_create_list_show_update_delete(capsys, db_path):
    code, out, _ = run(capsys, "goals", "create", "Run a marathon", "--description", "42 km", "--target-date", "2030-04-01", "--json")
    goal = json.loads(out)
    assert code == 0 and goal["target_date"] == "2030-04-01T00:00:00Z"
    code, out, _ = run(capsys, "goals", "list")
    assert goal["id"] in out and "Run a marathon" in out and "days left" in out
    code, out, _ = run(capsys, "goals", "list", "--json", "--status", "active", "--search", "marathon")
    assert [g["id"] for g in json.loads(out)] == [goal["id"]]
    code, out, _ = run(capsys, "goals", "list", "--json", "--status", "completed")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "goals", "update", goal["id"], "--title", "Run two marathons", "--status", "abandoned", "--description", "")
    assert code == 0
    code, out, _ = run(capsys, "goals", "show", goal["id"])
    assert "Run two marathons" in out and "abandoned" in out and "no roadmap yet" in out and "42 km" not in out
    assert run(capsys, "goals", "delete", goal["id"])[0] == 0
    code, out, _ = run(capsys, "goals", "list")
    assert "No goals yet" in out


def test_node_prints_the_new_progress_as_json(capsys, db_path, seed_file):
    run(capsys, "goals", "import", str(seed_file))
    code, out, _ = run(capsys, "goals", "node", "goal_123", "node_2", "--complete", "--json")
    data = json.loads(out)
    assert (data["id"], data["progress"], data["status"]) == ("goal_123", 100, "completed")
    assert len(data["roadmap"]["nodes"]) == 2


def test_export_to_a_file_and_import_into_another_database(capsys, db_path, seed_file, tmp_path):
    run(capsys, "goals", "import", str(seed_file))
    run(capsys, "goals", "create", "Second")
    out_file = tmp_path / "export.json"
    code, out, _ = run(capsys, "goals", "export", "--output", str(out_file))
    assert code == 0 and "Exported 2 goals" in out
    exported = json.loads(out_file.read_text())
    other = tmp_path / "other.sqlite3"
    assert run(capsys, "--database", str(other), "goals", "import", str(out_file))[0] == 0
    code, out, _ = run(capsys, "--database", str(other), "goals", "export")
    assert json.loads(out) == exported
    code, out, _ = run(capsys, "goals", "export", "goal_123")
    assert [g["id"] for g in json.loads(out)] == ["goal_123"]


def test_database_option_and_environment_pick_the_file(capsys, tmp_path, monkeypatch):
    chosen = tmp_path / "chosen.sqlite3"
    run(capsys, "--database", str(chosen), "goals", "create", "Here")
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", str(chosen))
    code, out, _ = run(capsys, "goals", "list")
    assert "Here" in out
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", str(tmp_path / "elsewhere.sqlite3"))
    assert "Here" not in run(capsys, "goals", "list")[1]


BAD_INPUT = [
    (["goals", "create", "   "], "must not be blank"),
    (["goals", "create", "x" * 201], "limit is 200"),
    (["goals", "create", "ok", "--target-date", "2026-13-45"], "not a valid date"),
    (["goals", "show", "goal_nope"], "No goal with id"),
    (["goals", "update", "goal_123", "--title", ""], "must not be blank"),
    (["goals", "update", "goal_123"], "nothing to update"),
    (["goals", "update", "goal_nope", "--title", "x"], "No goal with id"),
    (["goals", "delete", "goal_nope"], "No goal with id"),
    (["goals", "node", "goal_123", "node_9", "--complete"], "No node with id"),
    (["goals", "node", "goal_nope", "node_1", "--complete"], "No goal with id"),
    (["goals", "import", "/nonexistent/file.json"], "no such file"),
    (["goals", "export", "goal_nope"], "No goal with id"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_is_one_line_nonzero_and_changes_nothing(capsys, db_path, seed_file, argv, message):
    run(capsys, "goals", "import", str(seed_file))
    before = snapshot(db_path)
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('"a string"', "JSON list of goals"),
        ('[{"title": "ok"}, {"title": ""}]', "Goal #2 in the import: the title must not be blank"),
        ('[{"title": "ok", "roadmap": {"nodes": [{"id": "a", "label": "A"}], "edges": [{"source": "a", "target": "b"}]}}]', "unknown node"),
        ('[{"title": "ok", "status": "finished"}]', "unknown status"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ],
)
def test_bad_import_files_change_nothing(capsys, db_path, seed_file, tmp_path, content, message):
    run(capsys, "goals", "import", str(seed_file))
    before = snapshot(db_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, _, err = run(capsys, "goals", "import", str(bad))
    assert code == 1 and message in err and err.count("\n") == 1
    assert snapshot(db_path) == before


def test_usage_errors_are_short(capsys, db_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["goals", "list", "--status", "done"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice" in err


def test_installed_entry_point_runs_version_and_reports_errors_without_traceback(tmp_path):
    env_db = str(tmp_path / "sub.sqlite3")
    version = subprocess.run([sys.executable, "-m", "goals_desktop", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"goals-desktop {__version__}"
    bad = subprocess.run(
        [sys.executable, "-m", "goals_desktop", "--database", env_db, "goals", "show", "goal_missing"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and bad.stderr == "goals-desktop: error: No goal with id 'goal_missing'.\n"
    not_a_db = tmp_path / "text.sqlite3"
    not_a_db.write_text("hello")
    bad = subprocess.run(
        [sys.executable, "-m", "goals_desktop", "--database", str(not_a_db), "goals", "list"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
    assert not_a_db.read_text() == "hello"
