"""The security review's findings, each through the real server (or the real CLI): WebSocket
Origin, slow clients, error bodies without paths, the token in no log line and no readable file,
weak tokens refused, wrong tokens slowed down."""

from __future__ import annotations

import logging
import os
import socket
import stat
import time

import httpx
import pytest

from goals_desktop.api import token as api_token_module
from goals_desktop.api.guards import FIRST_DELAY_SECONDS, FREE_FAILURES, FailedTokens
from tests.api.conftest import TLS, TOKEN
from tests.support.cli_forks import run_cli
from tests.support.handshake import ws_status


def test_a_websocket_from_another_sites_page_is_refused_even_with_the_token(api, serve_api):
    own = f"http://127.0.0.1:{api.server.port}"
    assert ws_status(api.ws_url, {**api.headers, "Origin": "http://evil.example"}) == 403
    assert ws_status(api.ws_url + f"?token={TOKEN}", {"Origin": "http://localhost:5173"}) == 403
    assert ws_status(api.ws_url, {**api.headers, "Origin": own}) == 101  # a page of this server
    assert ws_status(api.ws_url, api.headers) == 101  # not a browser: no Origin

    served = serve_api(cors_origins=["http://localhost:5173"])
    assert ws_status(served.ws_url + f"?token={TOKEN}", {"Origin": "http://localhost:5173"}) == 101
    assert ws_status(served.ws_url + f"?token={TOKEN}", {"Origin": "http://evil.example"}) == 403


def test_a_half_sent_request_is_hung_up_on_and_connections_are_capped(serve_api):
    served = serve_api(header_timeout=0.5, max_connections=4)
    with socket.create_connection(("127.0.0.1", served.server.port), timeout=10) as slow:
        slow.sendall(b"GET /api/v1/goals HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # ... and never the rest
        started = time.monotonic()
        assert slow.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < 5
    # A connection that finishes its headers in time is served as before.
    assert served.client.get("/api/v1/goals").status_code == 200

    capped = serve_api(max_connections=4)  # the default header timeout: the held ones stay
    held = [socket.create_connection(("127.0.0.1", capped.server.port), timeout=10) for _ in range(4)]
    try:
        for sock in held:
            sock.sendall(b"GET /api/v1/goals HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        refused = httpx.get(capped.url + "/api/v1/goals", headers=capped.headers, timeout=10)
        assert refused.status_code == 503
    finally:
        for sock in held:
            sock.close()


def test_error_bodies_never_carry_file_paths(api, db_path):
    if isinstance(db_path, str):
        pytest.skip("a file path is what this checks")
    import sqlite3

    from goals_desktop.storage import Database, GoalService

    api.serve(GoalService(Database(db_path, busy_timeout_ms=200)))  # gives up on the lock sooner
    blocker = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        answer = api.client.post("/api/v1/goals", json={"title": "Blocked"})
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert answer.status_code == 503
    detail = answer.json()["detail"]
    assert detail == "The database is busy in another program; nothing was changed — try again in a moment."
    assert str(db_path) not in answer.text and str(db_path.parent) not in answer.text
    assert api.service.list_goals() == []


def test_the_token_never_reaches_a_log_line_in_any_spelling(api, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    percent_encoded = "".join(f"%{ord(ch):02X}" for ch in TOKEN)
    assert ws_status(api.ws_url + f"?%74oken={TOKEN}") == 101
    assert ws_status(api.ws_url + f"?token={percent_encoded}") == 101
    assert ws_status(api.ws_url + f"?TOKEN=x&token={TOKEN[:10]}%2D{TOKEN[11:]}") in (101, 401)
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore", "websockets.client"))]
    records = "\n".join(record.getMessage() for record in server_side)
    assert "WebSocket" in records  # uvicorn did log the handshakes, with their query strings...
    for spelling in (TOKEN, percent_encoded, TOKEN[12:], percent_encoded[36:]):
        assert spelling not in records  # ...without the token in any spelling


def test_log_files_are_private(tmp_path, monkeypatch):
    from goals_desktop import logging_setup

    monkeypatch.setenv(logging_setup.LOG_DIR_ENV, str(tmp_path / "logs"))
    (tmp_path / "logs").mkdir()
    older = tmp_path / "logs" / logging_setup.LOG_NAME
    older.write_text("made by an older version\n")
    older.chmod(0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = logging_setup.setup_logging()
        logging.getLogger("goals_desktop.test").warning("a line with Bearer %s in it", TOKEN)
    finally:
        for handler in set(root.handlers) - set(before):
            handler.close()
            root.removeHandler(handler)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "a line with" in path.read_text()


def test_a_token_file_others_can_read_is_made_private(api_env):
    token = api_token_module.api_token()
    path = api_env / "api-token"
    path.chmod(0o644)
    assert api_token_module.api_token() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(("weak", "reason"), [("too-short-Zq3Lr8", "at least 32"), ("a" * 48, "too easy to guess")])
def test_serve_refuses_a_weak_environment_token_in_one_line(api_env, db_path, weak, reason):
    env = {**os.environ, "GOALS_DESKTOP_CONFIG_DIR": str(api_env), "GOALS_DESKTOP_DATABASE": str(db_path), "GOALS_DESKTOP_API_TOKEN": weak}
    done = run_cli(["serve", "--port", "0"], env=env, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and reason in done.stderr and "Traceback" not in done.stderr


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_tokens_are_slowed_down_per_client(serve_api):
    clock = FakeClock()
    served = serve_api(failed_tokens=FailedTokens(clock=clock))
    wrong = {"Authorization": "Bearer wrong-token-0123456789"}

    def timed(headers, local_address="127.0.0.1") -> float:
        with httpx.Client(transport=httpx.HTTPTransport(local_address=local_address, verify=TLS), timeout=30) as client:
            started = time.monotonic()
            assert client.get(served.url + "/api/v1/goals", headers=headers).status_code == 401
            return time.monotonic() - started

    quick = [timed(wrong) for _ in range(FREE_FAILURES)]
    assert max(quick) < FIRST_DELAY_SECONDS  # a typo or two costs nothing
    assert timed(wrong) >= FIRST_DELAY_SECONDS
    assert timed(wrong) >= 2 * FIRST_DELAY_SECONDS  # and each further guess costs more
    assert timed(wrong, local_address="127.0.0.2") < FIRST_DELAY_SECONDS  # another client is not slowed
    clock.now += 3600  # a quiet hour later the count starts again
    assert timed(wrong) < FIRST_DELAY_SECONDS
