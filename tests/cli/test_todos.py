"""The todos CLI as a person runs it: a real process on a real database file."""

import json


def import_seed(cli, tmp_path, seed_goal):
    path = tmp_path / "seed.json"
    path.write_text(json.dumps([seed_goal]), encoding="utf-8")
    cli.run("goals", "import", str(path))


def node_states(cli):
    goal = cli.json("goals", "show", "goal_123")
    return {n["id"]: n["completed"] for n in goal["roadmap"]["nodes"]}, goal["progress"]


def test_seed_example_through_the_cli(cli, tmp_path, seed_goal):
    import_seed(cli, tmp_path, seed_goal)
    todo = cli.json("goals", "todo", "goal_123")
    assert [(s["node_id"], s["completed"]) for s in todo["subtasks"]] == [("node_1", True), ("node_2", False)]

    done = cli.run("todos", "done", todo["id"], "--subtask", "2")
    assert "[x] Study linear algebra" in done.stdout
    assert "progress 100% (completed)" in done.stdout
    assert node_states(cli) == ({"node_1": True, "node_2": True}, 100)

    cli.run("goals", "node", "goal_123", "node_2", "--incomplete")
    [listed] = cli.json("todos", "list", "--goal", "goal_123")
    assert [s["completed"] for s in listed["subtasks"]] == [True, False]
    assert listed["completed"] is False

    again = cli.json("goals", "todo", "goal_123")
    assert again["id"] == todo["id"]
    assert len(cli.json("todos", "list")) == 1


def test_whole_todo_and_milestone_todo_through_the_cli(cli, tmp_path, seed_goal):
    import_seed(cli, tmp_path, seed_goal)
    roadmap_todo = cli.json("goals", "todo", "goal_123")
    milestone_todo = cli.json("goals", "todo", "goal_123", "--node", "node_2")
    assert (milestone_todo["node_id"], milestone_todo["title"]) == ("node_2", "Study linear algebra")

    cli.run("todos", "done", milestone_todo["id"])
    assert node_states(cli) == ({"node_1": True, "node_2": True}, 100)
    assert cli.json("todos", "list", "--done")[0]["id"] == roadmap_todo["id"]

    cli.run("todos", "undone", roadmap_todo["id"])
    assert node_states(cli) == ({"node_1": False, "node_2": False}, 0)
    assert {t["id"] for t in cli.json("todos", "list", "--open")} == {roadmap_todo["id"], milestone_todo["id"]}

    cli.run("todos", "done", roadmap_todo["id"], "--subtask", roadmap_todo["subtasks"][0]["id"])
    assert node_states(cli) == ({"node_1": True, "node_2": False}, 50)


def test_create_list_delete(cli):
    created = cli.json("todos", "create", "Buy a notebook", "--notes", "A5, dotted", "--due", "2026-12-01")
    assert (created["title"], created["notes"], created["due_date"]) == ("Buy a notebook", "A5, dotted", "2026-12-01T00:00:00Z")
    listing = cli.run("todos", "list").stdout
    assert "[ ] " + created["id"] in listing and "due 2026-12-01" in listing
    cli.run("todos", "delete", created["id"])
    assert cli.json("todos", "list") == []


def test_goal_delete_keeps_or_deletes_todos(cli, tmp_path, seed_goal):
    import_seed(cli, tmp_path, seed_goal)
    todo = cli.json("goals", "todo", "goal_123")
    out = cli.run("goals", "delete", "goal_123").stdout
    assert "Kept 1 todo, now unlinked" in out
    [kept] = cli.json("todos", "list")
    assert (kept["id"], kept["goal_id"]) == (todo["id"], None)

    import_seed(cli, tmp_path, seed_goal)
    cli.run("goals", "todo", "goal_123")
    cli.run("goals", "delete", "goal_123", "--delete-todos")
    assert [t["id"] for t in cli.json("todos", "list")] == [todo["id"]]


def test_bad_input_is_one_line_on_stderr_and_changes_nothing(cli, tmp_path, seed_goal):
    import_seed(cli, tmp_path, seed_goal)
    todo = cli.json("goals", "todo", "goal_123")
    before = (cli.run("todos", "list", "--json").stdout, cli.run("goals", "export").stdout)
    for args, message in [
        (("todos", "done", "todo_nope"), "No todo with id 'todo_nope'."),
        (("todos", "done", todo["id"], "--subtask", "3"), "has no subtask number 3"),
        (("todos", "undone", todo["id"], "--subtask", "0"), "Subtask numbers start at 1"),
        (("todos", "done", todo["id"], "--subtask", "999"), "has no subtask number 999"),
        *[
            (("todos", "done", todo["id"], "--subtask", bad), "is not a subtask number")
            for bad in ("²", "٣", "-1", "1.5")
        ],
        (("todos", "create", "  "), "The todo title must not be blank."),
        (("todos", "create", "x", "--due", "tomorrow"), "is not a valid date"),
        (("todos", "create", "x", "--node", "node_1"), "must also name the milestone's goal"),
        (("goals", "todo", "goal_nope"), "No goal with id 'goal_nope'."),
        (("goals", "todo", "goal_123", "--node", "node_9"), "No node with id 'node_9'"),
        (("todos", "delete", "todo_nope"), "No todo"),
    ]:
        done = cli.run(*args, expect_ok=False)
        assert done.returncode == 1, args
        assert done.stderr.count("\n") == 1 and message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert (cli.run("todos", "list", "--json").stdout, cli.run("goals", "export").stdout) == before
