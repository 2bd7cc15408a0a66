"""GAIA's own web client, replayed call for call against our server: the requests its goals API
module (axios, with credentials and its x-timezone header) and its goal page (a React Flow canvas
fed by a WebSocket generation) send, as a browser sends them — preflights included — from
listing goals to deleting one. Only the base URL and the token are ours, as a user would set them."""

from __future__ import annotations

import asyncio
import json

import httpx
import websockets

from tests.api.conftest import TLS, TOKEN
from tests.support.openai_server import Reply, milestone_lines

WEB_APP = "http://localhost:3000"  # where GAIA's web app runs; named with --cors-origin
AXIOS_ACCEPT = "application/json, text/plain, */*"


class Browser:
    """Sends what the browser sends for an axios call from the web app: a CORS preflight when the
    request is not "simple", then the request with Origin, credentials and the app's headers."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url  # the web app's NEXT_PUBLIC_API_BASE_URL, pointed at our server
        self.http = httpx.Client(timeout=30, verify=TLS)
        self.seen: list[tuple[str, str, int]] = []

    def call(self, method: str, path: str, body: dict | None = None) -> httpx.Response:
        url = self.base_url + path
        app_headers = {"Accept": AXIOS_ACCEPT, "x-timezone": "Europe/Berlin", "Authorization": f"Bearer {TOKEN}"}
        if body is not None:
            app_headers["Content-Type"] = "application/json"
        requested = ",".join(sorted(h.lower() for h in app_headers if h.lower() not in ("accept",)))
        preflight = self.http.options(
            url,
            headers={"Origin": WEB_APP, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": requested},
        )
        assert preflight.status_code == 200, (method, path, preflight.text)
        assert preflight.headers["access-control-allow-origin"] == WEB_APP
        assert preflight.headers["access-control-allow-credentials"] == "true"
        assert method in preflight.headers["access-control-allow-methods"]
        allowed = {h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")}
        assert set(requested.split(",")) <= allowed, (requested, allowed)
        content = json.dumps(body).encode() if body is not None else None
        response = self.http.request(method, url, content=content, headers={"Origin": WEB_APP, **app_headers})
        # The browser hands the answer to the app only with these (axios withCredentials: true).
        assert response.headers["access-control-allow-origin"] == WEB_APP
        assert response.headers["access-control-allow-credentials"] == "true"
        self.seen.append((method, path, response.status_code))
        return response


async def _generate_as_the_goal_page(ws_url: str, goal_id: str, goal_title: str) -> list[dict]:
    """The goal page's WebSocket: opened on `${BACKEND_URL}ws/roadmap` (our token in the query, as
    a browser cannot set headers), sends {goal_id, goal_title} once open, reads frames until closed."""
    frames = []
    async with websockets.connect(ws_url + f"?token={TOKEN}", additional_headers={"Origin": WEB_APP}) as ws:
        await ws.send(json.dumps({"goal_id": goal_id, "goal_title": goal_title}))
        async for text in ws:
            frames.append(json.loads(text.removeprefix("data: ")))
    return frames


def test_gaias_web_client_works_unchanged_from_create_to_delete(serve_api, llm):
    served = serve_api(cors_origins=[WEB_APP])
    browser = Browser(served.url + "/api/v1")
    llm.script(Reply(content=milestone_lines(4)))

    assert browser.call("GET", "/goals").json() == []  # fetchGoals
    created = browser.call("POST", "/goals", {"title": "Learn Machine Learning", "description": "Master ML fundamentals"})  # createGoal
    assert created.status_code == 201
    goal = created.json()
    fetched = browser.call("GET", f"/goals/{goal['id']}").json()  # fetchGoalById: no roadmap yet...
    assert fetched["roadmap"] is None

    # ...so the goal page generates one over the WebSocket, then fetches the goal again.
    frames = asyncio.run(_generate_as_the_goal_page(served.ws_url, goal["id"], goal["title"]))
    assert frames[-1] == {"goal_id": goal["id"], "success": True}
    assert all("data" in f["node"] for f in frames if "node" in f)
    goal = browser.call("GET", f"/goals/{goal['id']}").json()
    nodes = goal["roadmap"]["nodes"]
    # What the React Flow canvas draws: node.data.label, node.data.isComplete, its details and time.
    assert [n["data"]["label"] for n in nodes] == [f"Milestone {i}" for i in range(1, 5)]
    assert [n["data"]["isComplete"] for n in nodes] == [False] * 4
    assert nodes[0]["data"]["estimatedTime"] == ["1 weeks"] and nodes[0]["data"]["details"] == ["Step 1.1", "Step 1.2", "Step 1.3"]
    assert all(e.keys() >= {"id", "source", "target"} for e in goal["roadmap"]["edges"])

    first = nodes[0]["id"]
    checked = browser.call("PATCH", f"/goals/{goal['id']}/roadmap/nodes/{first}", {"is_complete": True}).json()  # updateNodeStatus
    assert checked["progress"] == 25 and checked["roadmap"]["nodes"][0]["data"]["isComplete"] is True
    updated = browser.call("PUT", f"/goals/{goal['id']}", {"title": "Learn Deep Learning", "description": "Neural networks"}).json()  # updateGoal
    assert (updated["title"], updated["description"], updated["progress"]) == ("Learn Deep Learning", "Neural networks", 25)
    assert [g["title"] for g in browser.call("GET", "/goals").json()] == ["Learn Deep Learning"]

    assert browser.call("DELETE", f"/goals/{goal['id']}").status_code == 204  # deleteGoal
    assert browser.call("GET", "/goals").json() == []
    assert served.service.list_goals() == []
    assert [status for _, _, status in browser.seen] == [200, 201, 200, 200, 200, 200, 200, 204, 200]
