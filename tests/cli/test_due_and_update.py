"""`goals-desktop todos update` and `goals-desktop due`."""

from __future__ import annotations


def test_todos_update_title_notes_and_due(cli):
    todo = cli.json("todos", "create", "Draft")
    changed = cli.json("todos", "update", todo["id"], "--title", "Final", "--notes", "v2", "--due", "2026-12-31")
    assert (changed["title"], changed["notes"], changed["due_date"]) == ("Final", "v2", "2026-12-31T00:00:00Z")
    cleared = cli.json("todos", "update", todo["id"], "--no-due")
    assert cleared["due_date"] is None and cleared["title"] == "Final"
    nothing = cli.run("todos", "update", todo["id"], expect_ok=False)
    assert nothing.returncode == 1 and "nothing to change" in nothing.stderr
    both = cli.run("todos", "update", todo["id"], "--due", "2026-01-01", "--no-due", expect_ok=False)
    assert both.returncode == 2
    bad = cli.run("todos", "update", todo["id"], "--due", "someday", expect_ok=False)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1


def test_due_lists_todos_subtasks_and_milestones_with_their_goal(cli):
    cli.env["GOALS_DESKTOP_TODAY"] = "2026-12-10"
    goal = cli.json("goals", "create", "Trip")
    overdue = cli.json("todos", "create", "Passport", "--due", "2026-12-01", "--goal", goal["id"], "--subtask", "photos")
    cli.json("todos", "create", "Later", "--due", "2027-03-01")
    cli.json("todos", "create", "Soon", "--due", "2026-12-13")
    today_only = cli.json("due")
    assert [(i["kind"], i["title"]) for i in today_only] == [("todo", "Passport"), ("subtask", "photos")]
    assert today_only[0]["overdue"] and today_only[0]["days_left"] == -9 and today_only[0]["goal_title"] == "Trip"
    assert today_only[1]["todo_id"] == overdue["id"]
    week = cli.json("due", "--days", "7")
    assert [i["title"] for i in week] == ["Passport", "photos", "Soon"]
    text = cli.run("due").stdout
    assert "9d overdue" in text and "goal: Trip" in text


def test_due_shows_milestones_with_their_dates(cli, tmp_path):
    import json

    cli.env["GOALS_DESKTOP_TODAY"] = "2026-12-10"
    goal = {
        "title": "Exam",
        "roadmap": {"nodes": [{"id": "m1", "label": "Revise", "due_date": "2026-12-09"}, {"id": "m2", "label": "Sit it", "due_date": "2027-02-01"}], "edges": []},
    }
    (tmp_path / "goals.json").write_text(json.dumps([goal]))
    cli.run("goals", "import", str(tmp_path / "goals.json"))
    items = cli.json("due")
    assert [(i["kind"], i["title"], i["goal_title"]) for i in items] == [("milestone", "Revise", "Exam")]
