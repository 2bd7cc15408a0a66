"""8 concurrent API clients × 50 check-offs, interleaved with CLI writes from another process: the
final state is exactly what the acknowledged calls imply."""

from __future__ import annotations

import random
import sqlite3
import threading
import time

import httpx

from goals_desktop.domain.rules import compute_progress
from tests.api.conftest import TLS
from tests.support.cli_forks import run_cli

CLIENTS = 8
CHECKOFFS = 50
NODES_PER_CLIENT = 4
CLI_NODES = 4


def test_concurrent_clients_and_cli_writes_end_in_the_acknowledged_state(api, db_path):
    client_nodes = {c: [f"c{c}_n{i}" for i in range(NODES_PER_CLIENT)] for c in range(CLIENTS)}
    cli_nodes = [f"cli_n{i}" for i in range(CLI_NODES)]
    all_nodes = [n for nodes in client_nodes.values() for n in nodes] + cli_nodes
    goal = api.service.create_goal("Shared goal")
    api.service.set_roadmap(goal.id, {"nodes": [{"id": n, "label": n} for n in all_nodes], "edges": []})

    acknowledged: dict[str, bool] = {}  # node -> last value a 200 answer confirmed
    answers_seen: list[tuple[int, dict]] = []
    failures: list[str] = []
    clients_done = threading.Event()
    lock = threading.Lock()

    def client(number: int) -> None:
        rng = random.Random(number)
        with httpx.Client(base_url=api.url, headers=api.headers, timeout=60, verify=TLS) as http:
            for _ in range(CHECKOFFS):
                node = rng.choice(client_nodes[number])
                value = rng.random() < 0.5
                response = http.patch(f"/api/v1/goals/{goal.id}/roadmap/nodes/{node}", json={"completed": value})
                if response.status_code != 200:
                    failures.append(f"client {number}: {response.status_code} {response.text}")
                    continue
                body = response.json()
                with lock:
                    acknowledged[node] = value
                    answers_seen.append((number, body))
                time.sleep(rng.random() * 0.03)

    cli_log: list[tuple[list[str], int, float, float]] = []

    def cli_writer() -> None:
        rng = random.Random(99)
        step = 0
        while not clients_done.is_set() or step < 3:
            kind = step % 3
            if kind == 0:
                node = rng.choice(cli_nodes)
                args = ["goals", "node", goal.id, node, "--complete" if rng.random() < 0.5 else "--incomplete"]
            elif kind == 1:
                args = ["goals", "update", goal.id, "--title", f"Shared goal, edit {step}"]
            else:
                args = ["goals", "create", f"Made by the CLI {step}"]
            started = time.monotonic()
            result = run_cli(args, timeout=120)
            cli_log.append((args, result.returncode, started, time.monotonic()))
            if result.returncode != 0:
                failures.append(f"cli {args}: {result.stderr}")
            step += 1

    cli_thread = threading.Thread(target=cli_writer)
    cli_thread.start()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    clients_started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    clients_ended = time.monotonic()
    clients_done.set()
    cli_thread.join(300)

    assert failures == []
    assert len(answers_seen) == CLIENTS * CHECKOFFS
    # Interleaved: CLI writes committed while the API clients were running.
    assert sum(1 for _, _, start, end in cli_log if start < clients_ended and end > clients_started) >= 2

    # Each answer is consistent in itself: its progress is its own roadmap's.
    for _, body in answers_seen:
        assert body["progress"] == compute_progress([n["completed"] for n in body["roadmap"]["nodes"]])

    final = api.client.get(f"/api/v1/goals/{goal.id}").json()
    states = {n["id"]: n["completed"] for n in final["roadmap"]["nodes"]}
    for node in all_nodes:
        expected = acknowledged.get(node, False)
        if node in cli_nodes:
            last = [a for a, code, _, _ in cli_log if code == 0 and a[:2] == ["goals", "node"] and a[3] == node]
            expected = last[-1][4] == "--complete" if last else False
        assert states[node] is expected, node
    assert final["progress"] == compute_progress(list(states.values()))
    last_title = [a[4] for a, code, _, _ in cli_log if code == 0 and a[1] == "update"][-1]
    assert final["title"] == last_title
    made = sorted(a[2] for a, code, _, _ in cli_log if code == 0 and a[1] == "create")
    titles = sorted(g["title"] for g in api.client.get("/api/v1/goals").json() if g["id"] != goal.id)
    assert titles == made and made

    if not isinstance(db_path, str):  # a file is checked here; a server checks its own pages
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
