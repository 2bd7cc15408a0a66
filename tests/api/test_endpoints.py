"""Every endpoint through a real uvicorn with a real HTTP client, with the seed's own example bodies."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import state_of, without_flow_data

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
SEED_CREATE = {
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals and build 3 projects",
    "target_date": "2026-12-31T00:00:00Z",
}
GOAL_KEYS = {"id", "title", "description", "target_date", "roadmap", "progress", "status", "created_at", "updated_at", "schedule"}
LIST_KEYS = {"id", "title", "description", "target_date", "progress", "status", "created_at", "schedule"}


def shown(service, goal_id: str) -> dict:
    """What `goals show --json` prints for the goal (the same function the CLI calls)."""
    from goals_desktop.domain.rules import local_today
    from goals_desktop.domain.schedule import goal_dict_with_schedule

    return goal_dict_with_schedule(service.get_goal(goal_id), local_today())


def test_create_goal_answers_the_seeds_goal_object(api):
    response = api.client.post("/api/v1/goals", json=SEED_CREATE)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    goal = response.json()
    assert set(goal) == GOAL_KEYS
    assert goal["id"].startswith("goal_")
    assert {k: goal[k] for k in SEED_CREATE} == SEED_CREATE
    assert goal["roadmap"] is None and goal["progress"] == 0 and goal["status"] == "active"
    assert TIMESTAMP.match(goal["created_at"]) and TIMESTAMP.match(goal["updated_at"])
    assert shown(api.service, goal["id"]) == goal


def test_list_goals_in_the_seeds_list_shape(api, seed_goal):
    api.service.import_goals([seed_goal])
    created = api.client.post("/api/v1/goals", json={"title": "Run a marathon"}).json()
    response = api.client.get("/api/v1/goals")
    assert response.status_code == 200
    listed = response.json()
    assert [g["id"] for g in listed] == ["goal_123", created["id"]]
    assert all(set(g) == LIST_KEYS for g in listed)
    assert listed[0]["title"] == "Learn Machine Learning" and listed[0]["progress"] == 50
    assert [g["id"] for g in api.client.get("/api/v1/goals", params={"search": "marathon"}).json()] == [created["id"]]
    assert api.client.get("/api/v1/goals", params={"status": "completed"}).json() == []


def test_get_goal_with_its_roadmap_as_the_seed_shows(api, seed_goal):
    api.service.import_goals([seed_goal])
    response = api.client.get("/api/v1/goals/goal_123")
    assert response.status_code == 200
    goal = response.json()
    assert set(goal) == GOAL_KEYS
    nodes = goal["roadmap"]["nodes"]
    assert [(n["id"], n["label"], n["completed"], n["position"]) for n in nodes] == [
        ("node_1", "Complete Python basics", True, {"x": 100, "y": 100}),
        ("node_2", "Study linear algebra", False, {"x": 200, "y": 100}),
    ]
    assert goal["roadmap"]["edges"] == [{"id": "edge_1", "source": "node_1", "target": "node_2"}]
    assert goal["progress"] == 50


def test_check_off_a_node_answers_id_progress_and_roadmap(api, seed_goal):
    api.service.import_goals([seed_goal])
    url = "/api/v1/goals/goal_123/roadmap/nodes/node_2"
    response = api.client.patch(url, json={"completed": True})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "progress", "status", "roadmap"}
    assert body["id"] == "goal_123" and body["progress"] == 100 and body["status"] == "completed"
    assert [n["completed"] for n in body["roadmap"]["nodes"]] == [True, True]
    reopened = api.client.patch(url, json={"completed": False}).json()
    assert reopened["progress"] == 50 and reopened["status"] == "active"
    # No body (or an empty object): checks it off, as the seed's "Mark a roadmap node as completed".
    assert api.client.patch(url).json()["progress"] == 100
    api.client.patch(url, json={"completed": False})
    assert api.client.patch(url, json={}).json()["progress"] == 100
    assert api.service.get_goal("goal_123").progress == 100


def test_delete_goal(api, seed_goal):
    api.service.import_goals([seed_goal])
    todo = api.service.todos_from_roadmap("goal_123")
    response = api.client.delete("/api/v1/goals/goal_123")
    assert response.status_code == 204 and response.content == b""
    assert api.client.get("/api/v1/goals/goal_123").status_code == 404
    kept = api.service.get_todo(todo.id)  # kept, unlinked, as the CLI does by default
    assert kept.goal_id is None
    other = api.client.post("/api/v1/goals", json={"title": "Other"}).json()
    api.client.post(f"/api/v1/todos", json={"title": "Linked", "goal_id": other["id"]})
    assert api.client.delete(f"/api/v1/goals/{other['id']}", params={"delete_todos": "true"}).status_code == 204
    assert [t.title for t in api.service.list_todos()] == [kept.title]


def test_update_goal_fields(api):
    goal = api.client.post("/api/v1/goals", json=SEED_CREATE).json()
    url = f"/api/v1/goals/{goal['id']}"
    changed = api.client.patch(url, json={"title": "Learn Deep Learning", "status": "abandoned"}).json()
    assert changed["title"] == "Learn Deep Learning" and changed["status"] == "abandoned"
    assert changed["description"] == SEED_CREATE["description"]  # fields not given stay
    cleared = api.client.patch(url, json={"description": None, "target_date": "2027-01-15"}).json()
    assert cleared["description"] is None and cleared["target_date"] == "2027-01-15T00:00:00Z"
    assert shown(api.service, goal["id"]) == cleared


def test_todo_routes_mirror_the_todo_cli(api, seed_goal):
    api.service.import_goals([seed_goal])
    created = api.client.post(
        "/api/v1/todos",
        json={"title": "Read the book", "notes": "Chapter 1-3", "due_date": "2026-06-01", "subtasks": ["One", "Two"]},
    )
    assert created.status_code == 201
    todo = created.json()
    assert todo["title"] == "Read the book" and todo["due_date"] == "2026-06-01T00:00:00Z"
    assert [s["title"] for s in todo["subtasks"]] == ["One", "Two"]
    linked = api.client.post(
        "/api/v1/todos", json={"title": "Algebra", "goal_id": "goal_123", "node_id": "node_2"}
    ).json()
    assert linked["goal_title"] == "Learn Machine Learning" and linked["node_label"] == "Study linear algebra"

    assert [t["id"] for t in api.client.get("/api/v1/todos").json()] == [todo["id"], linked["id"]]
    assert [t["id"] for t in api.client.get("/api/v1/todos", params={"goal_id": "goal_123"}).json()] == [linked["id"]]
    assert api.client.get(f"/api/v1/todos/{todo['id']}").json() == todo

    # Checking the linked todo checks its milestone: the goal's progress follows.
    done = api.client.patch(f"/api/v1/todos/{linked['id']}", json={"completed": True}).json()
    assert done["completed"] is True
    assert api.client.get("/api/v1/goals/goal_123").json()["progress"] == 100
    assert [t["id"] for t in api.client.get("/api/v1/todos", params={"completed": "false"}).json()] == [todo["id"]]

    # Subtasks by number (1 = first, as `todos list` shows them) or by id; the last one completes the todo.
    first = api.client.patch(f"/api/v1/todos/{todo['id']}/subtasks/1", json={"completed": True}).json()
    assert [s["completed"] for s in first["subtasks"]] == [True, False] and first["completed"] is False
    second_id = todo["subtasks"][1]["id"]
    both = api.client.patch(f"/api/v1/todos/{todo['id']}/subtasks/{second_id}", json={"completed": True}).json()
    assert both["completed"] is True
    renamed = api.client.patch(f"/api/v1/todos/{todo['id']}/subtasks/2", json={"title": "Second"}).json()
    assert renamed["subtasks"][1]["title"] == "Second"

    edited = api.client.patch(f"/api/v1/todos/{todo['id']}", json={"title": "Read two books", "due_date": None}).json()
    assert edited["title"] == "Read two books" and edited["due_date"] is None and edited["notes"] == "Chapter 1-3"
    unlinked = api.client.patch(f"/api/v1/todos/{linked['id']}", json={"goal_id": None}).json()
    assert unlinked["goal_id"] is None and unlinked["node_id"] is None

    assert api.client.delete(f"/api/v1/todos/{todo['id']}").status_code == 204
    assert api.client.get(f"/api/v1/todos/{todo['id']}").status_code == 404
    assert api.service.get_todo(linked["id"]).title == "Algebra"


def test_seed_conversions_roadmap_and_node_to_todos(api, seed_goal):
    api.service.import_goals([seed_goal])
    whole = api.client.post("/api/v1/goals/goal_123/todos")
    assert whole.status_code == 200
    todo = whole.json()
    assert todo["kind"] == "roadmap" and todo["goal_id"] == "goal_123"
    assert [(s["title"], s["completed"], s["node_id"]) for s in todo["subtasks"]] == [
        ("Complete Python basics", True, "node_1"),
        ("Study linear algebra", False, "node_2"),
    ]
    again = api.client.post("/api/v1/goals/goal_123/todos").json()
    assert again["id"] == todo["id"]  # converting again updates the same todo

    one = api.client.post("/api/v1/goals/goal_123/roadmap/nodes/node_2/todo").json()
    assert one["kind"] == "milestone" and one["node_id"] == "node_2" and one["completed"] is False
    # Todo completion syncs with goal progress (the seed's Todo Integration).
    api.client.patch(f"/api/v1/todos/{one['id']}", json={"completed": True})
    assert api.client.get("/api/v1/goals/goal_123").json()["progress"] == 100
    roadmap_todo = api.client.get(f"/api/v1/todos/{todo['id']}").json()
    assert roadmap_todo["completed"] is True


@pytest.mark.parametrize(
    ("method", "path", "body", "detail"),
    [
        ("GET", "/api/v1/goals/goal_nope", None, "No goal with id 'goal_nope'."),
        ("DELETE", "/api/v1/goals/goal_nope", None, "No goal with id 'goal_nope'."),
        ("PATCH", "/api/v1/goals/goal_123/roadmap/nodes/node_9", {"completed": True}, "No node with id 'node_9' in goal 'goal_123'."),
        ("PATCH", "/api/v1/goals/goal_nope/roadmap/nodes/node_1", {}, "No goal with id 'goal_nope'."),
        ("GET", "/api/v1/todos/todo_nope", None, None),
        ("POST", "/api/v1/goals/goal_nope/todos", None, "No goal with id 'goal_nope'."),
    ],
)
def test_unknown_ids_are_404_with_the_cli_sentence(api, seed_goal, method, path, body, detail):
    api.service.import_goals([seed_goal])
    before = state_of(api.service)
    response = api.client.request(method, path, json=body)
    assert response.status_code == 404
    message = response.json()["detail"]
    assert message == detail if detail else message.startswith("No todo")
    assert state_of(api.service) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "detail"),
    [
        ("POST", "/api/v1/goals", {"title": "   "}, "The title must not be blank."),
        ("POST", "/api/v1/goals", {"title": 42}, "The title must be text."),
        ("POST", "/api/v1/goals", {}, "The title is required."),
        ("POST", "/api/v1/goals", {"title": "x", "target_date": "2026-02-30"}, None),
        ("POST", "/api/v1/goals", {"title": "x", "priority": 1}, "Unknown field 'priority'."),
        ("POST", "/api/v1/goals", ["title"], None),
        ("PATCH", "/api/v1/goals/goal_123", {}, "Nothing to update; give title, description, target_date or status."),
        ("PATCH", "/api/v1/goals/goal_123", {"status": "done"}, None),
        ("PATCH", "/api/v1/goals/goal_123", {"title": None}, "The title must be text."),
        ("PATCH", "/api/v1/goals/goal_123/roadmap/nodes/node_1", {"completed": "yes"}, "'completed' must be true or false."),
        ("POST", "/api/v1/todos", {"title": "t", "node_id": "node_1"}, "A todo linked to a milestone must also name the milestone's goal."),
        ("PATCH", "/api/v1/goals/goal_123/roadmap/nodes/node_1", {"completed": True, "is_complete": False}, "'completed' and 'is_complete' disagree; send one of them."),
        ("PATCH", "/api/v1/goals/goal_123/roadmap/nodes/node_1", {"is_complete": "yes"}, "'is_complete' must be true or false."),
        ("PATCH", "/api/v1/goals/goal_123/roadmap/nodes/node_1", {"isComplete": True}, "Unknown field 'isComplete'."),
        ("PUT", "/api/v1/goals/goal_123", {"title": "x", "roadmap": {}}, "Unknown field 'roadmap'."),
        ("PUT", "/api/v1/goals/goal_123", {}, "Nothing to update; give title, description, target_date or status."),
        ("PATCH", "/api/v1/todos/todo_x", {"title": "a", "completed": True}, "Send 'completed' on its own, not together with other fields."),
        ("GET", "/api/v1/goals?status=finished", None, None),
    ],
)
def test_bad_input_is_422_in_one_sentence_and_changes_nothing(api, seed_goal, method, path, body, detail):
    api.service.import_goals([seed_goal])
    before = state_of(api.service)
    response = api.client.request(method, path, json=body)
    assert response.status_code == 422, response.text
    message = response.json()["detail"]
    assert isinstance(message, str) and "\n" not in message and message.endswith(".")
    if detail:
        assert message == detail
    assert state_of(api.service) == before


def test_invalid_json_and_form_bodies_are_refused(api):
    headers = {"content-type": "application/json"}
    broken = api.client.post("/api/v1/goals", content=b'{"title": "x"', headers=headers)
    assert broken.status_code == 422 and broken.json() == {"detail": "The request body is not valid JSON."}
    not_text = api.client.post("/api/v1/goals", content=b'{"title": "\xff\xfe"}', headers=headers)
    assert not_text.status_code == 422 and not_text.json() == {"detail": "The request body is not valid JSON."}
    unknown_query = api.client.get("/api/v1/goals", params={"stauts": "active"})
    assert unknown_query.status_code == 422 and unknown_query.json() == {"detail": "Unknown query parameter 'stauts'."}
    # A form post (what a foreign web page can send without a preflight) is not JSON: refused.
    form = api.client.post("/api/v1/goals", data={"title": "x"})
    assert form.status_code == 422 and "Content-Type: application/json" in form.json()["detail"]
    assert api.service.list_goals() == []


def test_conflict_is_409_with_the_services_sentence(api, seed_goal):
    """The one call that can conflict with another copy (a checked roadmap replacement) maps to 409."""
    from fastapi.routing import APIRoute

    from fastapi.responses import JSONResponse

    api.service.import_goals([seed_goal])
    stale = api.service.get_goal("goal_123").roadmap
    api.service.update_node("goal_123", "node_2", completed=True)  # "another copy" changed it meanwhile

    async def replace_if_unchanged() -> object:
        result = api.service.set_roadmap("goal_123", {"nodes": [], "edges": []}, expected=stale)
        return JSONResponse(getattr(result, "goal", result).to_dict())  # a Goal, or an Outcome(goal, unlinked)

    # Added to the running app: the same error handlers and guards as every route.
    api.app.router.routes.append(APIRoute("/api/v1/test-conflict", replace_if_unchanged, methods=["POST"]))
    response = api.client.post("/api/v1/test-conflict")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("This roadmap was changed elsewhere")
    assert len(api.service.get_goal("goal_123").roadmap.nodes) == 2


def test_unexpected_errors_are_one_sentence_500_without_traceback(api):
    from fastapi.routing import APIRoute

    async def broken() -> None:
        raise ZeroDivisionError("a bug")

    api.app.router.routes.append(APIRoute("/api/v1/test-bug", broken, methods=["GET"]))
    response = api.client.get("/api/v1/test-bug")
    assert response.status_code == 500
    assert response.json() == {"detail": "Unexpected problem (ZeroDivisionError); it was logged, please report it."}
    assert "Traceback" not in response.text


def test_unknown_paths_and_methods_answer_one_sentence(api):
    missing = api.client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.json()["detail"].endswith(".")
    wrong = api.client.put("/api/v1/goals")
    assert wrong.status_code == 405 and "PUT" in wrong.json()["detail"]


@pytest.mark.parametrize("reference", ["²", "٣", "0", "-1", "1.5", "999"])
def test_every_bad_subtask_reference_is_one_clean_4xx(api, seed_goal, reference):
    api.service.import_goals([seed_goal])
    todo = api.service.todos_from_roadmap("goal_123")
    before = state_of(api.service)
    response = api.client.patch(f"/api/v1/todos/{todo.id}/subtasks/{reference}", json={"completed": True})
    assert response.status_code == (404 if reference == "999" else 422), response.text
    message = response.json()["detail"]
    assert "\n" not in message and message.endswith(".")
    assert ("has no subtask number 999" if reference == "999" else "ubtask number") in message
    assert state_of(api.service) == before


def test_gaias_check_off_and_put_are_understood(api, seed_goal):
    api.service.import_goals([seed_goal])
    url = "/api/v1/goals/goal_123/roadmap/nodes/node_2"
    assert api.client.patch(url, json={"is_complete": True}).json()["progress"] == 100
    assert api.client.patch(url, json={"is_complete": False, "completed": False}).json()["progress"] == 50
    put = api.client.put("/api/v1/goals/goal_123", json={"title": "Learn ML", "description": "Fast", "status": "abandoned"})
    assert put.status_code == 200
    assert {k: put.json()[k] for k in ("title", "description", "status")} == {"title": "Learn ML", "description": "Fast", "status": "abandoned"}
    assert shown(api.service, "goal_123") == without_flow_data(put.json())


def test_goal_answers_carry_the_schedule_of_goals_show_json(api, seed_goal, db_path, monkeypatch):
    import json
    import os

    from tests.support.cli_forks import run_cli

    api.service.import_goals([seed_goal])
    answer = api.client.get("/api/v1/goals/goal_123").json()
    env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path)}
    shown_by_cli = run_cli(["goals", "show", "goal_123", "--json"], env=env)
    shown_by_cli.check_returncode()
    printed = shown_by_cli.stdout
    assert answer["schedule"] is not None and without_flow_data(answer) == json.loads(printed)
    listed = api.client.get("/api/v1/goals").json()
    assert listed[0]["schedule"] == answer["schedule"]
    every_node = [n for n in api.client.patch("/api/v1/goals/goal_123/roadmap/nodes/node_2", json={}).json()["roadmap"]["nodes"]]
    assert all(n["data"]["isComplete"] == n["completed"] and n["data"]["label"] == n["label"] for n in every_node)
