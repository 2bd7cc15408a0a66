"""What serving the Goals API costs: GET goal and PATCH node through the real server, against the
same GoalService calls in-process and against a trivial endpoint on the same server, in one run.

The server runs in a child process (as `goals-desktop serve` would), on the same SQLite file the
in-process calls use; the client is http.client on one keep-alive connection (latency), then 8
clients at once (throughput). Prints p50/p99 latency, requests/s and the ratios. `GET goal` reads
an unchanged goal again and again, so after its first read the answer cache (api/cached.py)
answers it; `GET goal, uncached` is the same route without the cache: what a read costs right
after any change.

On a shared machine under load, wall-clock latency mostly measures the wait for a CPU; the
server's own CPU time per request (read from the child, all its threads) does not, so it is
printed too, as ratios against the trivial endpoint's.

Run: python bench/api_bench.py [REQUESTS]
"""

import contextlib
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import samples as timed_calls  # noqa: E402

TOKEN = "bench-token-0123456789abcdef"
NODES = 10
CLIENTS = 8
ROUNDS = 10


def serve_child(db_path: str) -> None:
    """The server process: the real app and runner, plus a trivial endpoint behind the same guards."""
    import asyncio

    from goals_desktop.api.server import ApiServer
    from goals_desktop.storage import Database, GoalService

    service = GoalService(Database(db_path))

    async def main() -> None:
        server = ApiServer(service, "127.0.0.1", 0, token=TOKEN)
        add_uncached_get(server.app)

        @server.app.get("/bench/ping")
        async def ping() -> dict:
            return {}

        @server.app.get("/bench/cpu")
        async def cpu() -> dict:
            return {"seconds": time.process_time()}

        await server.start()
        print(server.port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
        await server.stop()

    asyncio.run(main())


def add_uncached_get(app) -> None:
    """GET goal's route as it is but without the answer cache (api/cached.py), at
    /bench/uncached/goals/{goal_id}: what a read costs right after any change, when the cache
    cannot answer. (On a checkout without the cache, the same as GET goal.)"""
    from fastapi import APIRouter, Request

    from goals_desktop.api import shapes
    from goals_desktop.api.openapi import StrictQueryRoute

    router = APIRouter(prefix="/bench/uncached", route_class=StrictQueryRoute)

    @router.get("/goals/{goal_id}")
    async def get_goal(goal_id: str, request: Request) -> shapes.Answer:
        return shapes.Answer(await request.app.state.calls.read(lambda s: shapes.goal_answer(s.get_goal(goal_id))))

    app.include_router(router)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(samples: list[float]) -> dict[str, float]:
    return {"p50": percentile(samples, 0.50) * 1000, "p99": percentile(samples, 0.99) * 1000, "per_s": len(samples) / sum(samples)}


def timed_loop(call, count: int) -> list[float]:
    for _ in range(min(20, count)):  # warm up
        call()
    return timed_calls(call, count)


class Client:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}

    def request(self, method: str, path: str, body: dict | None = None) -> bytes:
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise SystemExit(f"{method} {path}: {response.status} {data[:200]!r}")
        return data


def run_clients(ports: list[int], make_call, seconds: float) -> tuple[int, float]:
    """(requests made, seconds taken) by CLIENTS keep-alive connections at once, spread over ports."""
    counts = [0] * CLIENTS
    stop = time.perf_counter() + seconds

    def run(index: int) -> None:
        call = make_call(Client(ports[index % len(ports)]), index)
        while time.perf_counter() < stop:
            call()
            counts[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), time.perf_counter() - start


def throughput(port: int, make_call, seconds: float = 3.0) -> float:
    """Requests/s with CLIENTS keep-alive connections at once."""
    done, took = run_clients([port], make_call, seconds)
    return done / took


def seeded(folder: str):
    """A database in folder with one goal of NODES milestones, what the API benchmarks serve:
    (its path, a service on it, the goal)."""
    from goals_desktop.storage import Database, GoalService

    db_path = Path(folder) / "bench.sqlite3"
    service = GoalService(Database(db_path))
    goal = service.create_goal("Benchmark goal")
    service.set_roadmap(goal.id, {"nodes": [{"id": f"n{i}", "label": f"Milestone {i}"} for i in range(NODES)], "edges": []})
    return db_path, service, goal


def start_serving(script: str, db_path: Path) -> subprocess.Popen:
    """`script --serve DB_PATH` in a child process (this checkout on its path); it prints its port."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen(
        [sys.executable, script, "--serve", str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def requests_asked(serve_child: Callable[[str], None]) -> int | None:
    """The requests per row asked on the command line (`script [REQUESTS]`); None when this process
    is the serving child (`script --serve DB_PATH`), which has served by then."""
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve_child(sys.argv[2])
        return None
    return int(sys.argv[1]) if len(sys.argv) > 1 else 2000


@contextlib.contextmanager
def serving(script: str) -> Iterator[tuple[Any, Any, int]]:
    """A seeded database (`seeded`) served by `script --serve` in a child process: (a service on the
    same file, the goal, the child's port); the child is stopped on leaving."""
    with tempfile.TemporaryDirectory() as folder:
        db_path, service, goal = seeded(folder)
        child = start_serving(script, db_path)
        try:
            yield service, goal, int(child.stdout.readline())
        finally:
            child.stdin.close()
            child.wait(30)


def server_cpu_seconds(client: Client) -> float:
    """The serving child's CPU time so far, all its threads (its /bench/cpu route)."""
    return json.loads(client.request("GET", "/bench/cpu"))["seconds"]


def main() -> None:
    count = requests_asked(serve_child)
    if count is None:
        return
    with serving(__file__) as (service, goal, port):
        client = Client(port)
        flag = {"value": False}

        def toggle_in_process() -> None:
            flag["value"] = not flag["value"]
            service.update_node(goal.id, "n0", completed=flag["value"])

        def toggle_served() -> None:
            flag["value"] = not flag["value"]
            client.request("PATCH", f"/api/v1/goals/{goal.id}/roadmap/nodes/n0", {"completed": flag["value"]})

        loops = {
            "in-process get_goal": lambda: service.get_goal(goal.id).to_dict(),
            "in-process update_node": toggle_in_process,
            "served trivial endpoint": lambda: client.request("GET", "/bench/ping"),
            "served GET goal": lambda: client.request("GET", f"/api/v1/goals/{goal.id}"),
            "served GET goal, uncached": lambda: client.request("GET", f"/bench/uncached/goals/{goal.id}"),
            "served PATCH node": toggle_served,
        }
        # Interleaved rounds, so a change in the machine's load during the run hits every row alike.
        samples: dict[str, list[float]] = {name: [] for name in loops}
        server_cpu: dict[str, float] = {name: 0.0 for name in loops if name.startswith("served")}
        per_round = count // ROUNDS

        for _ in range(ROUNDS):
            for name, call in loops.items():
                before = server_cpu_seconds(client) if name in server_cpu else 0.0
                samples[name] += timed_loop(call, per_round)
                if name in server_cpu:
                    server_cpu[name] += server_cpu_seconds(client) - before
        results = {name: summary(values) for name, values in samples.items()}

        def patcher(conn: Client, index: int):
            state = {"value": False}
            node = f"n{index % NODES}"

            def call() -> None:
                state["value"] = not state["value"]
                conn.request("PATCH", f"/api/v1/goals/{goal.id}/roadmap/nodes/{node}", {"completed": state["value"]})

            return call

        concurrent = {
            "trivial": throughput(port, lambda conn, _i: lambda: conn.request("GET", "/bench/ping")),
            "GET goal": throughput(port, lambda conn, _i: lambda: conn.request("GET", f"/api/v1/goals/{goal.id}")),
            "GET goal uncached": throughput(port, lambda conn, _i: lambda: conn.request("GET", f"/bench/uncached/goals/{goal.id}")),
            "PATCH node": throughput(port, patcher),
        }

    print(f"{count} sequential requests each on one keep-alive connection; {NODES}-node roadmap; 2-core machine\n")
    print(f"{'':28} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for name, row in results.items():
        print(f"{name:28} {row['p50']:8.3f} {row['p99']:8.3f} {row['per_s']:8.0f}")
    trivial = results["served trivial endpoint"]
    print("\nratios (p50)                  vs in-process   vs trivial endpoint   served minus in-process, in trivials")
    pairs = (("served GET goal", "in-process get_goal"), ("served GET goal, uncached", "in-process get_goal"), ("served PATCH node", "in-process update_node"))
    for served, local in pairs:
        s, base = results[served]["p50"], results[local]["p50"]
        print(f"{served:28} {s / base:10.1f}x {s / trivial['p50']:14.1f}x {(s - base) / trivial['p50']:22.2f}x")
    requests = ROUNDS * (per_round + min(20, per_round))
    cpu_ms = {name: seconds / requests * 1000 for name, seconds in server_cpu.items()}
    print("\nserver CPU per request (ms, all its threads): " + ", ".join(f"{k.removeprefix('served ')} {v:.3f}" for k, v in cpu_ms.items()))
    base_cpu = cpu_ms["served trivial endpoint"]
    print("  vs trivial endpoint: " + ", ".join(f"{k.removeprefix('served ')} {v / base_cpu:.2f}x" for k, v in cpu_ms.items()))
    print(f"\n{CLIENTS} clients at once (req/s): " + ", ".join(f"{k} {v:.0f}" for k, v in concurrent.items()))


if __name__ == "__main__":
    main()
