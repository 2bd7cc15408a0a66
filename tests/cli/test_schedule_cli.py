"""`goals show` / `goals list` with the schedule, text and JSON, on a real database file."""

import json

import pytest

from goals_desktop.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


PLAN = {
    "id": "goal_plan",
    "title": "Ship the app",
    "description": None,
    "target_date": "2026-03-31T00:00:00Z",
    "status": "active",
    "roadmap": {
        "nodes": [
            {"id": "A", "label": "Design", "estimated_time": "1 week"},
            {"id": "B", "label": "Build", "estimated_time": "2 weeks"},
            {"id": "C", "label": "Docs", "estimated_time": "10 days"},
            {"id": "D", "label": "Release", "estimated_time": "3 days"},
            {"id": "E", "label": "Party", "estimated_time": "a weekend", "completed": True},
        ],
        "edges": [
            {"id": "e1", "source": "A", "target": "B"},
            {"id": "e2", "source": "A", "target": "C"},
            {"id": "e3", "source": "B", "target": "D"},
            {"id": "e4", "source": "C", "target": "D"},
        ],
    },
}


@pytest.fixture
def imported_plan(capsys, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", "2026-03-02")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps([PLAN, {"id": "goal_empty", "title": "Someday", "target_date": "2026-01-01"}]))
    assert run(capsys, "goals", "import", str(path))[0] == 0
    return PLAN


def test_show_json_keeps_the_seed_shape_and_adds_the_schedule(capsys, imported_plan):
    code, out, _ = run(capsys, "goals", "show", "goal_plan", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["schedule"] == {"projected_finish": "2026-03-25", "slack_days": 6, "on_track": True}
    assert {"id", "title", "description", "target_date", "roadmap", "progress", "status", "created_at", "updated_at"} <= set(data)
    nodes = {n["id"]: n for n in data["roadmap"]["nodes"]}
    assert [(i, nodes[i]["planned_start"], nodes[i]["planned_due"], nodes[i]["critical"]) for i in "ABCDE"] == [
        ("A", "2026-03-02", "2026-03-14", True),
        ("B", "2026-03-09", "2026-03-28", True),
        ("C", "2026-03-09", "2026-03-28", False),
        ("D", "2026-03-23", "2026-03-31", True),
        ("E", None, None, False),
    ]
    assert nodes["A"]["label"] == "Design" and nodes["A"]["position"] is not None
    code, out, _ = run(capsys, "goals", "show", "goal_empty", "--json")
    assert json.loads(out)["schedule"] is None and json.loads(out)["roadmap"] is None


def test_a_fixed_due_date_set_elsewhere_moves_the_schedule(capsys, imported_plan, service):
    service.update_node("goal_plan", "C", due_date="2026-03-27")
    code, out, _ = run(capsys, "goals", "show", "goal_plan", "--json")
    data = json.loads(out)
    assert data["schedule"] == {"projected_finish": "2026-03-30", "slack_days": 1, "on_track": True}
    assert [n["id"] for n in data["roadmap"]["nodes"] if n["critical"]] == ["C", "D"]
    service.update_goal("goal_plan", target_date="2026-03-27")
    data = json.loads(run(capsys, "goals", "show", "goal_plan", "--json")[1])
    assert data["schedule"] == {"projected_finish": "2026-03-30", "slack_days": -3, "on_track": False}


def test_show_prints_the_schedule(capsys, imported_plan):
    code, out, _ = run(capsys, "goals", "show", "goal_plan")
    assert code == 0
    assert "schedule: 6 days to spare · finish 2026-03-25" in out
    assert "critical path: Design → Build → Release" in out
    assert "Design  (1 week)  [2026-03-02 → due 2026-03-14 · critical]" in out
    assert "Docs  (10 days)  [2026-03-09 → due 2026-03-28]" in out
    assert "[x] E  Party  (a weekend)" in out and "Party  (a weekend)  [" not in out


def test_list_shows_the_signal_in_words(capsys, imported_plan, service):
    code, out, _ = run(capsys, "goals", "list")
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert code == 0
    assert lines["goal_plan"].endswith("[6 days to spare · finish 2026-03-25]")
    assert lines["goal_empty"].endswith("[No roadmap yet]")
    service.update_goal("goal_plan", target_date="2026-03-20")
    out = run(capsys, "goals", "list")[1]
    assert "[5 days behind · finish 2026-03-25]" in out
    data = json.loads(run(capsys, "goals", "list", "--json")[1])
    assert [g["schedule"] for g in data] == [{"projected_finish": "2026-03-25", "slack_days": -5, "on_track": False}, None]
    assert {"id", "title", "progress", "status", "created_at"} <= set(data[0]) and "roadmap" not in data[0]
