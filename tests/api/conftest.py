"""A real uvicorn serving the Goals API on a loopback port (in a thread of this process), real
HTTP (httpx) and WebSocket (websockets) clients, and the loopback OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import threading

import httpx
import pytest


TOKEN = "test-token-" + "x" * 24
# What httpx loads for each new client (its CA bundle: ~20 ms of CPU), loaded once for the
# tests' clients (they speak plain HTTP to loopback servers, so it is never used).
TLS = httpx.create_ssl_context()


@pytest.fixture(autouse=True)
def api_env(ai_env, monkeypatch):
    """ai_env (own config folder for the token file and AI settings, no ambient provider), and no
    ambient API token either."""
    monkeypatch.delenv("GOALS_DESKTOP_API_TOKEN", raising=False)
    return ai_env


class ServedApi:
    """An ApiServer running on its own event loop in a background thread, until stop()."""

    running = 0  # started and not yet stopped, in this process
    freezes = 0  # gc.freeze calls by ServedApi, in this process

    def __init__(self, service, **options) -> None:
        from goals_desktop.api.server import ApiServer

        self.service = service
        self.token = options.pop("token", TOKEN)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="api-server", daemon=True)
        self.server = ApiServer(service, "127.0.0.1", 0, token=self.token, **options)
        self.app = self.server.app
        self.counted = False  # in ServedApi.running

    def start(self) -> ServedApi:
        # Qt objects left by earlier test modules must be freed here, on the Qt thread, and what
        # survives kept out of later collections: a garbage collection that happens to run in the
        # server thread would otherwise finalize Qt objects there, while pytest-qt runs Qt's events.
        # A server started while another runs (serve_api inside the module's) finds them frozen
        # already, and this collection walks only what is younger.
        gc.collect()
        if not ServedApi.running:
            gc.freeze()
            ServedApi.freezes += 1
        self.freezes = ServedApi.freezes
        self.generation_froze = generation_froze()
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(15)
        ServedApi.running += 1
        self.counted = True
        self.url = self.server.url
        self.ws_url = self.url.replace("http://", "ws://") + "/api/v1/ws/roadmap"
        self.headers = {"Authorization": f"Bearer {self.token}"}
        self.client = httpx.Client(base_url=self.url, headers=self.headers, timeout=30, verify=TLS)
        return self

    def serve(self, service) -> ServedApi:
        """From now on the running server answers from `service` (one test's database)."""
        from goals_desktop.api.calls import ServiceCalls

        previous, self.app.state.calls = self.app.state.calls, ServiceCalls(service)
        previous.close()
        self.service = service
        self.app.state.generating.clear()
        return self

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        if self.counted:
            ServedApi.running -= 1
            self.counted = False
        self.client.close()
        if self.server.running:
            asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(30)
        # As asyncio.run ends its loop: garbage from this loop (an SDK's half-read stream in a
        # reference cycle, perhaps frozen meanwhile by a generation's gc.freeze) collected here, on
        # this thread, while the loop still runs, and its async generators closed on it. Otherwise
        # a collection in a later test finalizes them on a closed loop, and pytest reports that
        # there (PytestUnraisableExceptionWarning).
        if self.freezes == ServedApi.freezes and self.generation_froze == generation_froze():
            # Nothing frozen since this server started: all of its loop's garbage is younger than
            # the freeze, and a collection reaches it without walking the frozen heap (~0.3 s a
            # walk). The heap stays frozen for the servers still running; the last one gives it
            # back to the collector (the next first start walks it, on this thread).
            gc.collect()
            if not ServedApi.running:
                gc.unfreeze()
        else:
            gc.unfreeze()
            gc.collect()
            if ServedApi.running:
                gc.freeze()
                ServedApi.freezes += 1
        asyncio.run_coroutine_threadsafe(self.loop.shutdown_asyncgens(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def generation_froze() -> bool:
    """Whether a generation has frozen the heap in this process (goals_desktop.ai.generate does,
    once)."""
    generate = sys.modules.get("goals_desktop.ai.generate")
    return bool(generate and generate._sdk_frozen)


@pytest.fixture
def serve_api(module_api, service):
    """A server of the test's own, for tests that change what it serves (hosts, origins, limits).
    Started while the module's server runs, its start and stop collect only the garbage younger
    than that server's start (see ServedApi.start and stop), not the whole heap twice."""
    started: list[ServedApi] = []

    def start(svc=None, **options) -> ServedApi:
        served = ServedApi(svc or service, **options).start()
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="module")
def module_api():
    """One uvicorn per test module, with the default options; each test points it at its own
    database (see `api`), so starting a server is paid once per module, not once per test."""
    served = ServedApi(None).start()
    yield served
    served.stop()


@pytest.fixture
def api(module_api, service):
    yield module_api.serve(service)
    module_api.client.cookies.clear()


@pytest.fixture
def llm(llm_server, monkeypatch):
    """The loopback model server, configured the way a user would (environment variables), with
    no replies scripted and no requests recorded yet."""
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("GOALS_DESKTOP_MODEL", "test-model")
    return llm_server


def table_rows(db_path) -> list:
    """Every row of every table, read through a read-only SQLite connection (fast enough per request);
    on a PostgreSQL test database (a URL), through tests.support.backends.snapshot."""
    import sqlite3

    if isinstance(db_path, str):
        from tests.support.backends import snapshot

        return sorted(snapshot(db_path).items())

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(table, sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"')))) for table in tables]


def state_of(service) -> str:
    """Everything a user could lose, as one comparable text (goals with roadmaps, todos)."""
    goals = service.export_goals(None)
    todos = [t.to_dict() for t in service.list_todos()]
    return json.dumps({"goals": goals, "todos": todos}, sort_keys=True)


def without_flow_data(answer):
    """The answer (or frame, or list of them) without React Flow's `data` objects, after checking
    each equals its node's own fields as GAIA's web app reads them."""
    if isinstance(answer, list):
        return [without_flow_data(item) for item in answer]
    if not isinstance(answer, dict):
        return answer
    nodes = list((answer.get("roadmap") or {}).get("nodes", [])) + ([answer["node"]] if isinstance(answer.get("node"), dict) else [])
    for node in nodes:
        data = node.pop("data")
        assert data == {
            "id": node["id"],
            "label": node["label"],
            "isComplete": node["completed"],
            "details": node["details"],
            "estimatedTime": [node["estimated_time"]] if node["estimated_time"] else [],
            "resources": node["resources"],
        }
    return answer
