"""A writer for the kill test: random GoalService calls, each announced before and after.

Run as `python -m tests.safety.crash_writer DB SEED`. Before a call it prints `P <json>` (pending),
after the call returned (= committed) `C <json>`; stdout is flushed at once so a line printed is a
line the killer sees. Roadmaps are made by `roadmap_for(generation)`, so a replaced roadmap can be
recognised as wholly old or wholly new.
"""

from __future__ import annotations

import json
import random
import sys

from goals_desktop.storage import Database, GoalService


def roadmap_for(generation: int) -> dict:
    """Generation g: 2..121 nodes labelled g, a chain plus skips, placed in a line (so no layout)."""
    count = 2 + (generation * 7919) % 120
    nodes = [
        {"id": f"n{i}", "label": f"gen {generation} step {i}", "position": {"x": float(i * 10), "y": float(generation % 1_000_000)}}
        for i in range(count)
    ]
    edges = [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}"} for i in range(count - 1)]
    edges += [{"id": f"s{i}", "source": f"n{i}", "target": f"n{i + 2}"} for i in range(0, count - 2, 3)]
    return {"nodes": nodes, "edges": edges}


def say(kind: str, payload: dict) -> None:
    sys.stdout.write(f"{kind} {json.dumps(payload)}\n")
    sys.stdout.flush()


def main(path: str, seed: int) -> None:
    rnd = random.Random(seed)
    service = GoalService(Database(path))
    goals = {g["id"]: g for g in service.export_goals()}
    say("READY", {})
    serial = 0
    while True:
        serial += 1
        with_roadmap = [g for g in goals.values() if g["roadmap"]]
        choice = rnd.random()
        if len(goals) < 3 or choice < 0.12:
            op = {"op": "create", "title": f"w{seed}-{serial}"}
            say("P", op)
            goal = service.create_goal(op["title"])
            say("C", {"id": goal.id})
            goals[goal.id] = goal.to_dict()
            continue
        if not with_roadmap or choice < 0.35:
            goal_id = rnd.choice(sorted(goals))
            generation = seed * 100_000 + serial
            op = {"op": "roadmap", "goal": goal_id, "gen": generation}
            say("P", op)
            goal = service.set_roadmap(goal_id, roadmap_for(generation)).goal
        elif choice < 0.7:
            goal_id = rnd.choice(sorted(g["id"] for g in with_roadmap))
            node = rnd.choice(goals[goal_id]["roadmap"]["nodes"])
            op = {"op": "toggle", "goal": goal_id, "node": node["id"], "completed": not node["completed"]}
            say("P", op)
            goal = service.update_node(goal_id, node["id"], completed=op["completed"])
        else:
            goal_id = rnd.choice(sorted(g["id"] for g in with_roadmap))
            nodes = goals[goal_id]["roadmap"]["nodes"]
            moved = rnd.sample(nodes, k=min(len(nodes), rnd.randint(2, 40)))
            op = {
                "op": "move",
                "goal": goal_id,
                "positions": {n["id"]: [float(serial), float(seed * 1000 + i)] for i, n in enumerate(moved)},
            }
            say("P", op)
            goal = service.move_nodes(goal_id, {k: {"x": x, "y": y} for k, (x, y) in op["positions"].items()})
        say("C", {})
        goals[goal_id] = goal.to_dict()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
