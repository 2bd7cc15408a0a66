"""WebSocket /api/v1/ws/roadmap through the real server, a real WebSocket client and the loopback
OpenAI-compatible server: the CLI's --json frames, faults, cancel by closing — never half saved."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time

import websockets

from tests.api.conftest import state_of, without_flow_data
from tests.support.cli_forks import run_cli
from tests.support.openai_server import Reply, milestone_lines


async def _frames(api, message, headers=None, url=None, stop_after=None):
    """Send the seed's message, collect frames until the server closes (or stop_after says stop)."""
    frames = []
    async with websockets.connect(url or api.ws_url, additional_headers=api.headers if headers is None else headers) as ws:
        await ws.send(message if isinstance(message, str) else json.dumps(message))
        try:
            async for text in ws:
                frames.append(json.loads(text))
                if stop_after is not None and stop_after(frames):
                    break
        except websockets.ConnectionClosedError:
            pass
        code = ws.close_code
    return frames, code


def generate(api, message, **options):
    return asyncio.run(_frames(api, message, **options))


def until(condition, failure: str, seconds: float = 15) -> None:
    """Until condition() holds, checked as often as the server can change it (no fixed wait)."""
    event = threading.Event()
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, failure
        event.wait(0.01)


def _normalized(frames, goal_id):
    """Frames with generated ids replaced by their order of appearance (two runs make different ids)."""
    text = json.dumps(frames).replace(goal_id, "GOAL")
    seen: dict[str, str] = {}
    return json.loads(re.sub(r"(node|edge)_[0-9a-f]{12}", lambda m: seen.setdefault(m.group(0), f"{m.group(1)}#{len(seen)}"), text))


def test_generation_streams_the_clis_json_frames_and_saves(api, llm):
    ws_goal = api.service.create_goal("Learn Machine Learning", "Master ML fundamentals")
    cli_goal = api.service.create_goal("Learn Machine Learning", "Master ML fundamentals")
    llm.script(Reply(content=milestone_lines(5)), Reply(content=milestone_lines(5)))

    frames, code = generate(api, {"goal_id": ws_goal.id, "goal_title": "Learn Machine Learning"})
    assert code == 1000
    assert frames[0] == {"status": "Connecting to model..."}
    assert any("node" in f for f in frames) and all(set(f) != {"error"} for f in frames)
    assert frames[-2]["status"] == "Roadmap generated successfully!" and len(frames[-2]["roadmap"]["nodes"]) == 5
    assert frames[-1] == {"goal_id": ws_goal.id, "success": True}
    saved = api.client.get(f"/api/v1/goals/{ws_goal.id}").json()
    assert saved["roadmap"] == frames[-2]["roadmap"] or [n["label"] for n in saved["roadmap"]["nodes"]] == [
        f"Milestone {i}" for i in range(1, 6)
    ]
    assert "Learn Machine Learning" in json.dumps(llm.requests[0]["body"]["messages"])

    cli = run_cli(["roadmap", "generate", cli_goal.id, "--json"], timeout=120)
    assert cli.returncode == 0, cli.stderr
    cli_frames = [json.loads(line) for line in cli.stdout.splitlines()]
    assert _normalized(without_flow_data(frames), ws_goal.id) == _normalized(cli_frames, cli_goal.id)


def test_the_seeds_browser_client_flow_with_a_query_token(api, llm):
    goal = api.service.create_goal("Learn Machine Learning")
    llm.script(Reply(content=milestone_lines(3)))
    seen = {"status": 0, "roadmap": None, "success": False}

    async def seed_client():
        # The seed's onmessage handler, over ?token= as a browser (which cannot set headers) would.
        async with websockets.connect(f"{api.ws_url}?token={api.token}") as ws:
            await ws.send(json.dumps({"goal_id": goal.id, "goal_title": "Learn Machine Learning"}))
            async for text in ws:
                data = json.loads(text)
                if data.get("status"):
                    seen["status"] += 1
                if data.get("roadmap"):
                    seen["roadmap"] = data["roadmap"]
                if data.get("success"):
                    seen["success"] = True
                    await ws.close()

    asyncio.run(seed_client())
    assert seen["status"] > 3 and seen["success"] and len(seen["roadmap"]["nodes"]) == 3
    assert api.client.get(f"/api/v1/goals/{goal.id}").json()["progress"] == 0


def test_a_model_server_fault_is_one_error_frame_and_nothing_changes(api, llm, seed_goal):
    api.service.import_goals([seed_goal])
    before = state_of(api.service)
    llm.script(Reply(status=500, error_body={"error": {"message": "boom", "type": "server_error"}}))
    frames, code = generate(api, {"goal_id": "goal_123", "goal_title": "Learn Machine Learning"})
    assert frames == [
        {"status": "Connecting to model..."},
        {"error": "The model server had an internal error (HTTP 500); try again later."},
    ]
    assert code == 1000
    assert state_of(api.service) == before


def test_a_dropped_stream_is_discarded_unless_kept(api, llm, seed_goal):
    api.service.import_goals([seed_goal])
    before = state_of(api.service)
    llm.script(Reply(content=milestone_lines(6), drop_after=60))
    frames, _ = generate(api, {"goal_id": "goal_123"})
    assert frames[-2]["status"] == "Roadmap cut short." and frames[-2]["partial"] is True
    assert frames[-1] == {"error": "The cut-short roadmap was discarded; the previous roadmap is unchanged."}
    assert state_of(api.service) == before

    llm.script(Reply(content=milestone_lines(6), drop_after=60))
    frames, _ = generate(api, {"goal_id": "goal_123", "keep_partial": True})
    assert frames[-1] == {"goal_id": "goal_123", "success": True}
    kept = api.service.get_goal("goal_123").roadmap
    assert 0 < len(kept.nodes) < 6 + 2 and kept.node("node_1") is not None  # the checked milestone stays


def test_closing_the_socket_cancels_the_generation_and_saves_nothing(api, llm, seed_goal):
    api.service.import_goals([seed_goal])
    before = state_of(api.service)
    llm.script(Reply(content=milestone_lines(30), tokens_per_second=80))
    frames, _ = generate(api, {"goal_id": "goal_123"}, stop_after=lambda fs: any("node" in f for f in fs))
    assert any("node" in f for f in frames) and not any("success" in f for f in frames)
    # The server stops reading the model's stream (its next write fails) and never saves.
    # Waited for by what it is, not by the clock: the stream closed and the generation ended.
    until(lambda: llm.closed_streams >= 1 and not api.app.state.generating, "the generation did not end")
    assert state_of(api.service) == before
    # The goal can be generated again at once.
    llm.script(Reply(content=milestone_lines(2)))
    assert generate(api, {"goal_id": "goal_123"})[0][-1] == {"goal_id": "goal_123", "success": True}


def test_one_generation_per_goal_at_a_time(api, llm):
    goal = api.service.create_goal("Learn Machine Learning")
    llm.script(Reply(content=milestone_lines(8), tokens_per_second=300))

    async def both():
        first = asyncio.create_task(_frames(api, {"goal_id": goal.id}))
        while not api.app.state.generating:
            await asyncio.sleep(0.01)
        second = await _frames(api, {"goal_id": goal.id})
        return await first, second

    (first, _), (second, _) = asyncio.run(both())
    assert first[-1] == {"goal_id": goal.id, "success": True}
    assert second == [{"error": f"A roadmap is already being generated for goal {goal.id!r}; wait for it to finish."}]


def test_bad_requests_get_one_error_frame_before_any_model_call(api, llm):
    goal = api.service.create_goal("Learn Machine Learning")
    cases = [
        ({"goal_id": "goal_nope", "goal_title": "x"}, "No goal with id 'goal_nope'."),
        ("not json", None),
        (["goal_id"], None),
        ({"goal_title": "Learn Machine Learning"}, None),
        ({"goal_id": goal.id, "keep_partial": "yes"}, "The keep_partial must be true or false."),
    ]
    for message, expected in cases:
        frames, code = generate(api, message)
        assert len(frames) == 1 and set(frames[0]) == {"error"}, (message, frames)
        assert code == 1000
        if expected:
            assert frames[0]["error"] == expected
        else:
            assert 'Send {"goal_id"' in frames[0]["error"]
    assert llm.requests == []


def test_no_provider_configured_is_one_error_frame(api, monkeypatch):
    goal = api.service.create_goal("Learn Machine Learning")
    frames, _ = generate(api, {"goal_id": goal.id})
    assert frames[-1] == {"error": "No AI provider is configured; choose a provider and model in the AI provider settings."}
    assert api.service.get_goal(goal.id).roadmap is None


def test_stopping_the_server_mid_generation_closes_the_socket_and_saves_nothing(serve_api, service, llm, seed_goal):
    served = serve_api()
    service.import_goals([seed_goal])
    before = state_of(service)
    llm.script(Reply(content=milestone_lines(40), tokens_per_second=40))

    async def scenario():
        async with websockets.connect(served.ws_url, additional_headers=served.headers) as ws:
            await ws.send(json.dumps({"goal_id": "goal_123"}))
            while "node" not in json.loads(await ws.recv()):
                pass
            started = time.monotonic()
            stopping = asyncio.get_running_loop().run_in_executor(None, served.stop)
            try:
                async for _ in ws:
                    pass
            except websockets.ConnectionClosed:
                pass
            await stopping
            return time.monotonic() - started, ws.close_code

    took, code = asyncio.run(scenario())
    assert took < 5 and code == 1012  # "service restart": the server is going away
    assert state_of(service) == before
