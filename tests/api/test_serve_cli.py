"""`goals-desktop serve` as a real process: its one line, clean SIGINT/SIGTERM, refusals, and a
client written from the seed document alone (create, list, get, generate, check off, delete)."""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import websockets

from tests.support.cli_forks import run_cli, start_cli
from tests.support.openai_server import Reply, milestone_lines

class ServeProcess:
    def __init__(self, proc: subprocess.Popen, line: str) -> None:
        self.proc = proc
        self.line = line
        self.url = line.rsplit(" ", 1)[-1]

    def stop(self, sig=signal.SIGINT, timeout=10.0) -> tuple[int, str, str]:
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err


@pytest.fixture
def serve_env(api_env, db_path):
    env = {
        **os.environ,
        "GOALS_DESKTOP_CONFIG_DIR": str(api_env),
        "GOALS_DESKTOP_DATABASE": str(db_path),
        "GOALS_DESKTOP_LOG_DIR": str(api_env.parent / "logs"),
    }
    env.pop("GOALS_DESKTOP_API_TOKEN", None)
    return env


@pytest.fixture
def run_serve(serve_env):
    procs: list[subprocess.Popen] = []

    def start(*args: str, env: dict | None = None, expect_line: bool = True):
        proc = start_cli(["serve", *args], env=env or serve_env)
        procs.append(proc)
        if not expect_line:
            return proc
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "serve printed nothing in 60 s"
        line = proc.stdout.readline().rstrip("\n")
        assert line.startswith("Serving the Goals API on http://"), (line, proc.stderr.read() if proc.poll() is not None else "")
        return ServeProcess(proc, line)

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def show_token(env) -> str:
    result = run_cli(["serve", "--show-token"], env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_serve_prints_one_line_serves_and_stops_on_sigint(run_serve, serve_env):
    server = run_serve("--port", "0")
    assert server.url.startswith("http://127.0.0.1:")
    token = show_token(serve_env)
    headers = {"Authorization": f"Bearer {token}"}
    created = httpx.post(server.url + "/api/v1/goals", json={"title": "From a script"}, headers=headers)
    assert created.status_code == 201
    assert httpx.get(server.url + "/api/v1/goals", headers={"Authorization": "Bearer nope-nope-nope-nope"}).status_code == 401
    started = time.monotonic()
    code, out, err = server.stop(signal.SIGINT)
    assert code == 0 and time.monotonic() - started < 8
    assert out == "" and err == ""  # the one line was all; no traceback, no token
    # What it acknowledged is in the file for the next reader.
    listed = run_cli(["goals", "list", "--json"], env=serve_env, timeout=60)
    assert [g["title"] for g in json.loads(listed.stdout)] == ["From a script"]


def test_sigterm_with_an_open_websocket_stops_cleanly(run_serve, serve_env):
    server = run_serve("--port", "0")
    token = show_token(serve_env)

    async def scenario():
        url = server.url.replace("http://", "ws://") + "/api/v1/ws/roadmap"
        async with websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as ws:
            # An idle socket (nothing sent yet) must not hold the shutdown.
            started = time.monotonic()
            stopping = asyncio.get_running_loop().run_in_executor(None, server.stop, signal.SIGTERM)
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 10)
            code, out, err = await stopping
            return code, out, err, time.monotonic() - started, ws.close_code

    code, out, err, took, close_code = asyncio.run(scenario())
    assert code == 0 and out == "" and err == "" and took < 8
    assert close_code == 1012


def test_the_environment_token_is_used(run_serve, serve_env):
    env = {**serve_env, "GOALS_DESKTOP_API_TOKEN": "a-token-from-the-environment-Qx7vR2mK9pL4"}
    assert show_token(env) == "a-token-from-the-environment-Qx7vR2mK9pL4"
    server = run_serve("--port", "0", env=env)
    headers = {"Authorization": "Bearer a-token-from-the-environment-Qx7vR2mK9pL4"}
    assert httpx.get(server.url + "/api/v1/goals", headers=headers).json() == []
    assert server.stop()[0] == 0


def test_a_taken_port_is_one_line_and_exit_1(run_serve):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        proc = run_serve("--port", str(port), expect_line=False)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and out == ""
    assert err == f"goals-desktop: error: Port {port} on 127.0.0.1 is already in use; choose another with --port.\n"


def test_a_non_loopback_host_warns(run_serve):
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes, then one clean error.
    proc = run_serve("--host", "192.0.2.1", "--port", "0", expect_line=False)
    out, err = proc.communicate(timeout=60)
    lines = err.splitlines()
    assert proc.returncode == 1 and out == "" and len(lines) == 2
    assert lines[0].startswith("goals-desktop: warning: listening on 192.0.2.1 makes the API reachable from other machines")
    assert lines[1].startswith("goals-desktop: error: Cannot listen on 192.0.2.1:0")
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["--port", "70000"], ["--port", "http"]])
def test_bad_ports_are_usage_errors(run_serve, args):
    proc = run_serve(*args, expect_line=False)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and len(err.splitlines()) == 1 and "is not a port number" in err


def test_a_client_written_from_the_seed_alone(run_serve, serve_env, llm):
    """Create, list, get, generate over the WebSocket, check off a node, see progress change, delete."""
    server = run_serve("--port", "0", env={**serve_env, **{k: os.environ[k] for k in ("OPENAI_BASE_URL", "GOALS_DESKTOP_MODEL")}})
    token = show_token(serve_env)
    llm.script(Reply(content=milestone_lines(4)))
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        goal = client.post(
            "/api/v1/goals",
            json={
                "title": "Learn Machine Learning",
                "description": "Master ML fundamentals and build 3 projects",
                "target_date": "2026-12-31T00:00:00Z",
            },
        ).json()
        assert goal["roadmap"] is None and goal["progress"] == 0
        assert [g["id"] for g in client.get("/api/v1/goals").json()] == [goal["id"]]

        async def generate():
            url = server.url.replace("http://", "ws://") + f"/api/v1/ws/roadmap?token={token}"
            roadmap = None
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({"goal_id": goal["id"], "goal_title": "Learn Machine Learning"}))
                async for text in ws:
                    data = json.loads(text)
                    assert "error" not in data, data
                    if data.get("roadmap"):
                        roadmap = data["roadmap"]
                    if data.get("success"):
                        await ws.close()
            return roadmap

        roadmap = asyncio.run(generate())
        assert len(roadmap["nodes"]) == 4
        fetched = client.get(f"/api/v1/goals/{goal['id']}").json()
        assert [n["label"] for n in fetched["roadmap"]["nodes"]] == [n["label"] for n in roadmap["nodes"]]
        first = fetched["roadmap"]["nodes"][0]["id"]
        checked = client.patch(f"/api/v1/goals/{goal['id']}/roadmap/nodes/{first}", json={"completed": True}).json()
        assert checked["progress"] == 25
        assert client.get("/api/v1/goals").json()[0]["progress"] == 25
        assert client.delete(f"/api/v1/goals/{goal['id']}").status_code == 204
        assert client.get("/api/v1/goals").json() == []
    code, out, err = server.stop()
    assert code == 0 and out == "" and err == ""
    # The server logged to its file (uvicorn's lines included), with the ?token= it was given redacted.
    log = (Path(serve_env["GOALS_DESKTOP_LOG_DIR"]) / "goals-desktop.log").read_text()
    assert "Shutting down" in log and "/api/v1/ws/roadmap?token=[redacted]" in log
    assert token not in log
