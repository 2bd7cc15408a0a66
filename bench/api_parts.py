"""Where a served request's CPU goes: the server's CPU per request (all its threads) for routes
that each add one part of `GET goal` and `PATCH node` to the trivial endpoint, on one server, in
interleaved rounds of one run (ratios against that run's trivial endpoint).

  trivial        GET answering {} (bench/api_bench.py's baseline)
  path param     + a path parameter and the Request (as the goal routes take them)
  read hop       + a no-op service call through ServiceCalls.read (the hand-off to a reader thread)
  GET goal       the real route, answered from the answer cache (the goal does not change)
  GET uncached   the same route without the cache: + the goal's read, its shaping and JSON
  body           PATCH with a path parameter and the check-off's JSON body (NodeUpdate)
  write hop      + a no-op service call through ServiceCalls.write
  PATCH node     the real route: + the check-off (its read, its rows, the durable commit) and answer
  not durable    the same route and check-off on a second connection to the file whose commits
                 skip the fsync (synchronous=OFF, a measurement only: what durability costs)

Also the goal's read timed inside its reader thread: the first get_goal after the hand-off
against four more right after it (the same call with the thread's caches warm).

Run: python bench/api_parts.py [REQUESTS]
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import api_bench  # noqa: E402

ROUNDS = 10


def serve_child(db_path: str) -> None:
    import asyncio

    from fastapi import Body, Request
    from fastapi.responses import JSONResponse

    from goals_desktop.api import schemas, shapes
    from goals_desktop.api.calls import ServiceCalls
    from goals_desktop.api.shapes import Answer
    from goals_desktop.api.server import ApiServer
    from goals_desktop.storage import Database, GoalService

    service = GoalService(Database(db_path))
    # The measurement's second writer: the same file, its commits without the fsync.
    careless = GoalService(Database(db_path))
    with careless.database.write():  # opens its one write connection, kept for every later write
        pass
    kept = careless.database._write_engine.raw_connection()  # the same connection (one per write engine)
    kept.driver_connection.execute("PRAGMA synchronous = OFF")
    kept.close()
    reads = {"first": 0.0, "warm": 0.0, "count": 0}

    def timed_reads(s, goal_id: str) -> dict:
        times = []
        for _ in range(5):
            start = time.thread_time()
            s.get_goal(goal_id)
            times.append(time.thread_time() - start)
        reads["first"] += times[0]
        reads["warm"] += sum(times[1:]) / 4
        reads["count"] += 1
        return {}

    async def main() -> None:
        server = ApiServer(service, "127.0.0.1", 0, token=api_bench.TOKEN)
        app = server.app
        api_bench.add_uncached_get(app)
        careless_calls = ServiceCalls(careless)

        @app.get("/bench/ping")
        async def ping() -> dict:
            return {}

        @app.get("/bench/cpu")
        async def cpu() -> dict:
            return {"seconds": time.process_time()}

        @app.get("/bench/path/{goal_id}")
        async def path(goal_id: str, request: Request) -> JSONResponse:
            return JSONResponse({})

        @app.get("/bench/read-hop/{goal_id}")
        async def read_hop(goal_id: str, request: Request) -> JSONResponse:
            return JSONResponse(await app.state.calls.read(lambda s: {}))

        @app.patch("/bench/body/{goal_id}")
        async def body(goal_id: str, request: Request, body: schemas.NodeUpdate | None = Body(None)) -> JSONResponse:
            return JSONResponse({})

        @app.patch("/bench/write-hop/{goal_id}")
        async def write_hop(goal_id: str, request: Request, body: schemas.NodeUpdate | None = Body(None)) -> JSONResponse:
            return JSONResponse(await app.state.calls.write(lambda s: {}))

        @app.patch("/bench/not-durable/{goal_id}/{node_id}")
        async def not_durable(goal_id: str, node_id: str, request: Request, body: schemas.NodeUpdate | None = Body(None)) -> Answer:
            completed = True if body is None else body.checked()
            answer = await careless_calls.write(lambda s: shapes.node_check_answer(s.update_node(goal_id, node_id, completed=completed)))
            return Answer(answer)

        @app.get("/bench/timed-reads/{goal_id}")
        async def timed(goal_id: str, request: Request) -> JSONResponse:
            return JSONResponse(await app.state.calls.read(lambda s: timed_reads(s, goal_id)))

        @app.get("/bench/read-times")
        async def read_times() -> dict:
            count = max(reads["count"], 1)
            return {"first": reads["first"] / count, "warm": reads["warm"] / count}

        await server.start()
        print(server.port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await server.stop()

    asyncio.run(main())


def main() -> None:
    count = api_bench.requests_asked(serve_child)
    if count is None:
        return
    with api_bench.serving(__file__) as (_service, goal, port):
        client = api_bench.Client(port)
        flag = {"value": False}

        def patch(path: str):
            def call() -> None:
                flag["value"] = not flag["value"]
                client.request("PATCH", path, {"completed": flag["value"]})

            return call

        def get(path: str):
            return lambda: client.request("GET", path)

        rows = {
            "trivial": get("/bench/ping"),
            "path param": get(f"/bench/path/{goal.id}"),
            "read hop": get(f"/bench/read-hop/{goal.id}"),
            "GET goal": get(f"/api/v1/goals/{goal.id}"),
            "GET uncached": get(f"/bench/uncached/goals/{goal.id}"),
            "body": patch(f"/bench/body/{goal.id}"),
            "write hop": patch(f"/bench/write-hop/{goal.id}"),
            "PATCH node": patch(f"/api/v1/goals/{goal.id}/roadmap/nodes/n0"),
            "not durable": patch(f"/bench/not-durable/{goal.id}/n0"),
            "timed reads": get(f"/bench/timed-reads/{goal.id}"),
        }
        cpu = dict.fromkeys(rows, 0.0)
        per_round = count // ROUNDS

        for _ in range(ROUNDS):
            for name, call in rows.items():
                for _ in range(20):  # warm up
                    call()
                before = api_bench.server_cpu_seconds(client)
                for _ in range(per_round):
                    call()
                cpu[name] += api_bench.server_cpu_seconds(client) - before
        read_times = json.loads(client.request("GET", "/bench/read-times"))

    requests = ROUNDS * per_round
    per_request = {name: seconds / requests * 1000 for name, seconds in cpu.items()}
    base = per_request["trivial"]
    print(f"server CPU per request (ms, all its threads), {requests} requests each; load average {os.getloadavg()[0]:.1f}\n")
    for name, value in per_request.items():
        if name != "timed reads":
            print(f"{name:12} {value:7.3f}  {value / base:5.2f}x  (+{(value - base) * 1000:4.0f} µs)")
    print(f"\nget_goal in a reader thread: first after the hand-off {read_times['first'] * 1e6:.0f} µs, "
          f"right after it {read_times['warm'] * 1e6:.0f} µs (thread CPU)")


if __name__ == "__main__":
    main()
