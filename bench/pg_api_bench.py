"""Goals API throughput with one server process against two over the same database, PostgreSQL and
SQLite side by side, in one run.

Each server process is the real app (`bench/api_bench.py --serve DB`: ApiServer on uvicorn over
its own GoalService), so two processes are two uvicorn workers sharing one database; 8 keep-alive
clients (split between the processes) read a goal or check off a milestone of their own goal.
One and two processes alternate in rounds, so a change in the machine's load hits both alike.

    python bench/pg_api_bench.py [--seconds 3] [--rounds 3] [--url postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_bench import CLIENTS, NODES, Client, run_clients  # noqa: E402

API_BENCH = ROOT / "bench" / "api_bench.py"


def prepare(target) -> list[str]:
    from goals_desktop.storage import Database, GoalService

    database = Database(target)
    service = GoalService(database)
    ids = []
    for index in range(CLIENTS):
        goal = service.create_goal(f"Client {index}'s goal")
        service.set_roadmap(goal.id, {"nodes": [{"id": f"n{i}", "label": f"Milestone {i}"} for i in range(NODES)], "edges": []})
        ids.append(goal.id)
    database.close()
    return ids


def start_servers(target, count: int) -> tuple[list[subprocess.Popen], list[int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen([sys.executable, str(API_BENCH), "--serve", str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(count)
    ]
    return children, [int(child.stdout.readline()) for child in children]


def stop_servers(children: list[subprocess.Popen]) -> None:
    for child in children:
        child.stdin.close()
    for child in children:
        child.wait(30)


def workloads(goal_ids: list[str]):
    def reader(conn: Client, index: int):
        return lambda: conn.request("GET", f"/api/v1/goals/{goal_ids[index]}")

    def patcher(conn: Client, index: int):
        state = {"value": False, "node": 0}

        def call() -> None:
            state["value"] = not state["value"]
            state["node"] = (state["node"] + 1) % NODES
            conn.request("PATCH", f"/api/v1/goals/{goal_ids[index]}/roadmap/nodes/n{state['node']}", {"completed": state["value"]})

        return call

    return {"GET goal": reader, "PATCH node": patcher}


def bench(target, seconds: float, rounds: int) -> dict[str, dict[int, float]]:
    goal_ids = prepare(target)
    totals = {name: {1: [0, 0.0], 2: [0, 0.0]} for name in workloads(goal_ids)}
    for _ in range(rounds):
        for processes in (1, 2):
            children, ports = start_servers(target, processes)
            try:
                for name, make in workloads(goal_ids).items():
                    done, took = run_clients(ports, make, seconds)
                    totals[name][processes][0] += done
                    totals[name][processes][1] += took
            finally:
                stop_servers(children)
    return {name: {n: done / took for n, (done, took) in by_count.items()} for name, by_count in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", help="an empty PostgreSQL database to use (default: a throwaway server)")
    args = parser.parse_args()

    server = None
    if args.url:
        url = args.url
    else:
        from tests.support.postgres_server import PostgresServer, reap_leftovers

        reap_leftovers()
        server = PostgresServer(durable=True).start()
        url = server.create_database("goals_api_bench")
    try:
        results = {"PostgreSQL": bench(url, args.seconds, args.rounds)}
        with tempfile.TemporaryDirectory() as folder:
            results["SQLite"] = bench(Path(folder) / "bench.sqlite3", args.seconds, args.rounds)
    finally:
        if server is not None:
            server.stop()

    print(f"{CLIENTS} keep-alive clients, {args.rounds} rounds of {args.seconds:.0f} s per cell; {os.cpu_count()}-core machine")
    print(f"{'':24}{'1 process':>12}{'2 processes':>14}{'ratio':>8}")
    for backend, rows in results.items():
        for name, by_count in rows.items():
            one, two = by_count[1], by_count[2]
            print(f"{backend + ' ' + name:24}{one:>8.0f} r/s{two:>10.0f} r/s{two / one:>7.2f}x")


if __name__ == "__main__":
    main()
