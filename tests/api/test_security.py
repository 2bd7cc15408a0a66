"""Token, Host, size and CORS refusals through the real server; the token file; no token in logs."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat

import httpx
import pytest
import websockets
from fastapi.routing import APIRoute
from starlette.routing import Route, WebSocketRoute

from goals_desktop.api import token as api_token_module
from tests.api.conftest import TLS, TOKEN
from tests.support.cli_forks import start_cli
from tests.support.handshake import ws_status


def _concrete(path: str) -> str:
    return path.replace("{goal_id}", "goal_x").replace("{node_id}", "node_x").replace("{todo_id}", "todo_x").replace(
        "{subtask}", "1"
    )


def _routes(routes) -> list:
    """Every route, those of included routers too (FastAPI keeps an included router as one entry)."""
    flat = []
    for route in routes:
        included = getattr(route, "original_router", None)
        flat += _routes(included.routes) if included is not None else [route]
    return flat


def test_every_route_refuses_requests_without_the_token(api):
    checked_http, checked_ws = [], []
    # One client for every request without the token, not one per request.
    anonymous = httpx.Client(verify=TLS)
    for route in _routes(api.app.routes):
        if isinstance(route, WebSocketRoute):
            url = api.url.replace("http://", "ws://") + _concrete(route.path)
            assert ws_status(url) == 401
            assert ws_status(url, {"Authorization": "Bearer wrong-token-0123456789"}) == 401
            assert ws_status(url + "?token=wrong-token-0123456789") == 401
            assert ws_status(url, {"Authorization": f"Bearer {TOKEN}"}) == 101
            checked_ws.append(route.path)
            continue
        assert isinstance(route, (APIRoute, Route)), f"unknown kind of route {route!r}"
        for method in sorted(route.methods - {"HEAD"}):
            path = _concrete(route.path)
            for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": TOKEN}):
                response = anonymous.request(method, api.url + path, headers=headers, json={"title": "x"})
                assert response.status_code == 401, (method, path, headers)
                assert response.headers["www-authenticate"] == "Bearer"
                assert "token" in response.json()["detail"]
            authorized = api.client.request(method, path, json={"title": "x"})
            assert authorized.status_code != 401, (method, path)
            checked_http.append(f"{method} {route.path}")
    anonymous.close()
    # The enumeration really covered the API (so this test fails if routes move out of its reach).
    assert "PATCH /api/v1/goals/{goal_id}/roadmap/nodes/{node_id}" in checked_http
    assert "GET /openapi.json" in checked_http
    assert len(checked_http) >= 15 and checked_ws == ["/api/v1/ws/roadmap"]
    assert api.service.list_goals() and all(g.title == "x" for g in api.service.list_goals())


def test_a_route_added_later_is_guarded_too(api):
    async def added() -> dict:
        return {"ok": True}

    route = APIRoute("/api/v1/added-later", added, methods=["GET"])
    api.app.router.routes.append(route)
    try:
        assert httpx.get(api.url + "/api/v1/added-later").status_code == 401
        assert api.client.get("/api/v1/added-later").json() == {"ok": True}
    finally:  # the module's server is shared: later tests (and /openapi.json) see what they saw before
        api.app.router.routes.remove(route)
        api.app.openapi_schema = None
    # Unknown paths too: no probing of what exists without the token.
    assert httpx.get(api.url + "/api/v1/nothing-here").status_code == 401


def test_token_forms(api):
    assert httpx.get(api.url + "/api/v1/goals", headers={"Authorization": f"bearer {TOKEN}"}).status_code == 200
    assert httpx.get(api.url + "/api/v1/goals", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    # ?token= is for browsers' WebSockets only; over plain HTTP it would end up in histories and logs.
    assert httpx.get(api.url + "/api/v1/goals", params={"token": TOKEN}).status_code == 401
    assert ws_status(api.ws_url + f"?token={TOKEN}") == 101


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.", "192.168.1.10:8765", ""])
def test_foreign_host_headers_are_refused(api, host):
    response = httpx.get(api.url + "/api/v1/goals", headers={**api.headers, "Host": host})
    assert response.status_code == 400
    assert "host name" in response.json()["detail"]
    assert ws_status(api.ws_url, {**api.headers, "Host": host or "x"}) == 400


def test_loopback_host_names_are_answered(api):
    port = api.server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        assert httpx.get(api.url + "/api/v1/goals", headers={**api.headers, "Host": host}).status_code == 200, host


def test_named_hosts_can_be_allowed(serve_api):
    served = serve_api(allowed_hosts=["goals.lan"])
    assert httpx.get(served.url + "/api/v1/goals", headers={**served.headers, "Host": "goals.lan:8765"}).status_code == 200
    assert httpx.get(served.url + "/api/v1/goals", headers={**served.headers, "Host": "other.lan"}).status_code == 400


def test_bodies_over_one_mib_get_413(api):
    big = b'{"title": "' + b"x" * (1024 * 1024) + b'"}'
    declared = api.client.post("/api/v1/goals", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and declared.json() == {"detail": "The request body is over the 1 MiB limit."}

    def chunks():
        for _ in range(5):
            yield b"x" * (300 * 1024)

    streamed = api.client.post("/api/v1/goals", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and streamed.json()["detail"] == "The request body is over the 1 MiB limit."
    # Just under the limit is read (and then judged by the rules).
    near = b'{"title": "' + b"x" * (1024 * 1000) + b'"}'
    under = api.client.post("/api/v1/goals", content=near, headers={"content-type": "application/json"})
    assert under.status_code == 422 and "limit is 200" in under.json()["detail"]
    assert api.service.list_goals() == []


def test_websocket_messages_over_one_mib_close_the_socket(api):
    async def scenario() -> int:
        async with websockets.connect(api.ws_url, additional_headers=api.headers, max_size=None) as ws:
            await ws.send(json.dumps({"goal_id": "x" * (1024 * 1024 + 10)}))
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 10)
            return ws.close_code

    assert asyncio.run(scenario()) == 1009  # message too big


def test_no_cors_unless_origins_are_named(api, serve_api):
    preflight_headers = {
        "Origin": "http://localhost:5173",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
    }
    refused = httpx.options(api.url + "/api/v1/goals", headers=preflight_headers)
    assert "access-control-allow-origin" not in refused.headers
    plain = api.client.get("/api/v1/goals", headers={"Origin": "http://localhost:5173"})
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers

    served = serve_api(cors_origins=["http://localhost:5173"])
    allowed = httpx.options(served.url + "/api/v1/goals", headers=preflight_headers)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    actual = served.client.get("/api/v1/goals", headers={"Origin": "http://localhost:5173"})
    assert actual.headers["access-control-allow-origin"] == "http://localhost:5173"
    other = httpx.options(served.url + "/api/v1/goals", headers={**preflight_headers, "Origin": "http://evil.example"})
    assert other.headers.get("access-control-allow-origin") != "http://evil.example"
    assert httpx.get(served.url + "/api/v1/goals", headers={"Origin": "http://localhost:5173"}).status_code == 401


def test_docs_pages_are_not_offered_and_the_schema_names_bearer_auth(api):
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert api.client.get(path).status_code == 404
    schema = api.client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"] == {"bearer": {"type": "http", "scheme": "bearer"}}
    assert schema["security"] == [{"bearer": []}]
    assert "/api/v1/goals/{goal_id}/roadmap/nodes/{node_id}" in schema["paths"]


def test_token_is_generated_once_into_a_private_file(api_env, monkeypatch):
    first = api_token_module.api_token()
    path = api_env / "api-token"
    assert path.read_text().strip() == first and len(first) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert api_token_module.api_token() == first
    strong = "from-the-environment-Zq3Lr8Vx1Nb6Tw"
    monkeypatch.setenv("GOALS_DESKTOP_API_TOKEN", f"  {strong}  ")
    assert api_token_module.api_token() == strong
    for weak, reason in (("short-but-random-Zq3L", "at least 32"), ("x" * 40, "too easy to guess"), ("ab" * 30, "too easy to guess")):
        monkeypatch.setenv("GOALS_DESKTOP_API_TOKEN", weak)
        with pytest.raises(api_token_module.TokenError, match=reason):
            api_token_module.api_token()


def test_cli_shows_the_same_token_and_concurrent_first_starts_agree(api_env, db_path):
    env = {**os.environ, "GOALS_DESKTOP_CONFIG_DIR": str(api_env), "GOALS_DESKTOP_DATABASE": str(db_path)}
    env.pop("GOALS_DESKTOP_API_TOKEN", None)
    procs = [start_cli(["serve", "--show-token"], env=env) for _ in range(4)]
    tokens = {proc.communicate(timeout=60)[0].strip() for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert len(tokens) == 1 and tokens == {(api_env / "api-token").read_text().strip()}
    assert sorted(p.name for p in api_env.iterdir()) == ["api-token"]  # no temporary files left


def test_the_token_never_reaches_the_logs(api, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    api.client.post("/api/v1/goals", json={"title": "Logged"})
    httpx.get(api.url + "/api/v1/goals", params={"token": TOKEN})
    assert ws_status(api.ws_url + f"?token={TOKEN}") == 101
    assert ws_status(api.ws_url, api.headers) == 101  # the handshake's headers are logged at DEBUG
    assert ws_status(api.ws_url + "?token=wrong-token-0123456789&x=1") == 401
    # The server's side (this process also holds the clients, whose own debug logs show what they sent).
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore", "websockets.client"))]
    records = "\n".join(record.getMessage() for record in server_side)
    assert "authorization: bearer [redacted]" in records.lower()
    assert "WebSocket" in records  # uvicorn did log the handshakes, with the query string...
    assert TOKEN not in records and "wrong-token-0123456789" not in records  # ...redacted
    assert "without completing handshake" not in records
    out, err = capfd.readouterr()
    assert TOKEN not in out + err
