"""The answer cache for GET goal and GET goals (api/cached.py) never serves a stale answer: a
change through another program (the CLI), another connection, a raw SQLite write, the API's own
writes or a new day is seen by the very next read. On SQLite a repeated read is a hit, sent from
the event loop with the same bytes and headers (even while every reader thread is busy); on
PostgreSQL nothing is cached."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import threading

import pytest

from goals_desktop.storage import Database, GoalService
from tests.support.cli_forks import run_cli

GOAL = "/api/v1/goals/goal_123"


@pytest.fixture
def seeded(api, seed_goal):
    api.service.import_goals([seed_goal])
    return api


def hits(api) -> int:
    return api.app.state.calls.answers.hits


def fresh(api, path: str) -> dict:
    """The answer read twice, the second time (on SQLite) from the cache."""
    first = api.client.get(path)
    before = hits(api)
    second = api.client.get(path)
    assert second.status_code == first.status_code == 200
    assert second.content == first.content
    if api.service.change_token() is not None:
        assert hits(api) == before + 1, "a repeated read was not answered from the cache"
    return second.json()


def cli(db_path, *args: str) -> None:
    env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path)}
    done = run_cli(args, env=env, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_change_by_the_cli_is_seen_by_the_next_read(seeded, db_path):
    api = seeded
    assert fresh(api, GOAL)["title"] == "Learn Machine Learning"
    assert [g["title"] for g in fresh(api, "/api/v1/goals")] == ["Learn Machine Learning"]
    cli(db_path, "goals", "update", "goal_123", "--title", "Changed by the CLI")
    assert api.client.get(GOAL).json()["title"] == "Changed by the CLI"
    assert [g["title"] for g in api.client.get("/api/v1/goals").json()] == ["Changed by the CLI"]
    cli(db_path, "goals", "create", "A second goal")
    assert [g["title"] for g in api.client.get("/api/v1/goals").json()] == ["Changed by the CLI", "A second goal"]


def test_a_change_through_another_connection_is_seen_by_the_next_read(seeded, db_path):
    api = seeded
    assert fresh(api, GOAL)["progress"] == 50
    other = Database(db_path)
    try:
        GoalService(other).update_node("goal_123", "node_2", completed=True)
    finally:
        other.close()
    assert api.client.get(GOAL).json()["progress"] == 100
    assert fresh(api, GOAL)["progress"] == 100
    if isinstance(db_path, str):
        return
    with sqlite3.connect(db_path) as raw:  # a program that knows nothing of Goals Desktop
        raw.execute("UPDATE goals SET description = 'raw' WHERE id = 'goal_123'")
    assert api.client.get(GOAL).json()["description"] == "raw"


def test_the_apis_own_writes_are_seen_by_the_next_read(seeded):
    api = seeded
    assert fresh(api, GOAL)["roadmap"]["nodes"][1]["completed"] is False
    assert api.client.patch(f"{GOAL}/roadmap/nodes/node_2", json={"is_complete": True}).status_code == 200
    goal = fresh(api, GOAL)
    assert goal["roadmap"]["nodes"][1]["completed"] is True and goal["roadmap"]["nodes"][1]["data"]["isComplete"] is True
    assert fresh(api, "/api/v1/goals")[0]["progress"] == 100
    assert api.client.put(GOAL, json={"title": "Put"}).status_code == 200
    assert api.client.get(GOAL).json()["title"] == "Put"
    assert api.client.get("/api/v1/goals").json()[0]["title"] == "Put"
    # A todo linked to a milestone: checking it off ticks the milestone (the completion rules).
    todo = api.client.post("/api/v1/todos", json={"title": "Study", "goal_id": "goal_123", "node_id": "node_1"}).json()
    assert fresh(api, GOAL)["roadmap"]["nodes"][0]["completed"] is True
    assert api.client.patch(f"/api/v1/todos/{todo['id']}", json={"completed": False}).status_code == 200
    assert api.client.get(GOAL).json()["roadmap"]["nodes"][0]["completed"] is False
    assert api.client.delete(GOAL).status_code == 204
    assert api.client.get(GOAL).status_code == 404
    assert api.client.get("/api/v1/goals").json() == []


def test_a_new_day_is_seen_by_the_next_read(seeded, monkeypatch):
    from goals_desktop.api import shapes

    api = seeded
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", "2026-01-05")
    early = fresh(api, GOAL)
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", "2026-11-20")
    late = api.client.get(GOAL).json()
    assert late["schedule"] != early["schedule"]
    assert late == json.loads(shapes.Answer(shapes.goal_answer(api.service.get_goal("goal_123"))).body)


def test_a_cached_answer_needs_the_token_and_carries_the_same_headers(seeded):
    api = seeded
    first = api.client.get(GOAL)
    second = api.client.get(GOAL)
    assert hits(api) > 0 or api.service.change_token() is None
    # (uvicorn's Date header moves with the clock, whatever answered)
    assert {k: v for k, v in second.headers.items() if k != "date"} == {k: v for k, v in first.headers.items() if k != "date"}
    refused = api.client.get(GOAL, headers={"Authorization": "Bearer wrong-token-" + "y" * 24})
    assert refused.status_code == 401 and "Learn" not in refused.text
    assert api.client.get(GOAL, headers={"Host": "evil.example"}).status_code in (400, 403)


def test_a_cached_answer_is_sent_while_every_reader_thread_is_busy(seeded, db_path):
    api = seeded
    if api.service.change_token() is None:
        pytest.skip("PostgreSQL: nothing is cached, every read goes to a reader thread")
    fresh(api, GOAL)
    calls = api.app.state.calls
    gate = threading.Event()
    busy = [asyncio.run_coroutine_threadsafe(calls.read(lambda s: gate.wait(30)), api.loop) for _ in range(8)]
    try:
        before = hits(api)
        answer = api.client.get(GOAL, timeout=5)
        assert answer.status_code == 200 and hits(api) == before + 1
    finally:
        gate.set()
        for each in busy:
            each.result(30)


def test_nothing_is_cached_on_postgresql(seeded, db_path):
    api = seeded
    if not isinstance(db_path, str):
        pytest.skip("SQLite caches (the tests above)")
    for _ in range(3):
        api.client.get(GOAL)
        api.client.get("/api/v1/goals")
    assert hits(api) == 0 and len(api.app.state.calls.answers) == 0


def test_the_cache_is_bounded():
    from goals_desktop.api.cached import AnswerCache

    cache = AnswerCache(entries=3, max_bytes=100)
    for index in range(5):
        cache.put(("goal", index), "t", b"x" * 10)
    assert len(cache) == 3 and cache.get(("goal", 0), "t") is None and cache.get(("goal", 4), "t") == b"x" * 10
    cache.put(("goal", 9), "t", b"y" * 95)
    assert len(cache) == 1 and cache.get(("goal", 9), "t") == b"y" * 95
    cache.put(("goal", 10), "t", b"z" * 101)  # larger than the whole budget: not kept
    assert cache.get(("goal", 10), "t") is None and cache.get(("goal", 9), "u") is None
