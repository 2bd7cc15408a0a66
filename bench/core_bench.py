"""Core benchmark: GoalService on SQLite against raw sqlite3 doing the same writes, same run.

    python bench/core_bench.py [--goals 10000] [--nodes 10] [--toggles 2000]

Each service call is one transaction (WAL, synchronous=FULL, BEGIN IMMEDIATE), so the raw
baseline also commits once per operation with the same pragmas: the ratio is what the service
layer (validation, SQLAlchemy Core, reloading the goal it returns) costs above the physical floor.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from goals_desktop.storage import Database, GoalService  # noqa: E402


def roadmap_dict(nodes: int) -> dict:
    return {
        "nodes": [
            {"id": f"node_{i}", "label": f"Milestone {i}", "position": {"x": 0, "y": 150 * i}, "details": ["step"]}
            for i in range(nodes)
        ],
        "edges": [{"id": f"edge_{i}", "source": f"node_{i}", "target": f"node_{i + 1}"} for i in range(nodes - 1)],
    }


def bench_service(path: Path, goals: int, nodes: int, toggles: int) -> dict[str, float]:
    service = GoalService(Database(path))
    roadmap = roadmap_dict(nodes)
    started = time.perf_counter()
    ids = []
    for i in range(goals):
        goal = service.create_goal(f"Goal {i}", "benchmark", "2027-01-01")
        service.set_roadmap(goal.id, roadmap)
        ids.append(goal.id)
    create = (time.perf_counter() - started) / goals

    started = time.perf_counter()
    listed = service.list_goals()
    list_all = time.perf_counter() - started
    assert len(listed) == goals

    rng = random.Random(7)
    started = time.perf_counter()
    for _ in range(toggles):
        service.update_node(rng.choice(ids), f"node_{rng.randrange(nodes)}", completed=rng.random() < 0.5)
    toggle = (time.perf_counter() - started) / toggles
    service.db.close()
    return {"create goal + roadmap": create, "list all goals": list_all, "toggle node": toggle}


def bench_raw(path: Path, goals: int, nodes: int, toggles: int) -> dict[str, float]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"):
        conn.execute(f"PRAGMA {pragma}")
    conn.executescript(
        """
        CREATE TABLE goals (id TEXT PRIMARY KEY, title TEXT, description TEXT, target_date TEXT, status TEXT,
                            progress INT, has_roadmap INT, created_at TEXT, updated_at TEXT);
        CREATE TABLE nodes (goal_id TEXT REFERENCES goals(id) ON DELETE CASCADE, id TEXT, seq INT, label TEXT,
                            completed INT, x REAL, y REAL, details TEXT, estimated_time TEXT, resources TEXT,
                            due_date TEXT, notes TEXT, PRIMARY KEY (goal_id, id));
        CREATE TABLE edges (goal_id TEXT REFERENCES goals(id) ON DELETE CASCADE, id TEXT, seq INT, source TEXT,
                            target TEXT, PRIMARY KEY (goal_id, id));
        """
    )
    now = "2026-11-28T00:00:00Z"
    started = time.perf_counter()
    ids = []
    for i in range(goals):
        goal_id = f"goal_{i:06d}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO goals VALUES (?, ?, 'benchmark', '2027-01-01T00:00:00Z', 'active', 0, 0, ?, ?)",
            (goal_id, f"Goal {i}", now, now),
        )
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO nodes VALUES (?, ?, ?, ?, 0, 0, ?, '[\"step\"]', '', '[]', NULL, '')",
            [(goal_id, f"node_{n}", n, f"Milestone {n}", 150.0 * n) for n in range(nodes)],
        )
        conn.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
            [(goal_id, f"edge_{n}", n, f"node_{n}", f"node_{n + 1}") for n in range(nodes - 1)],
        )
        conn.execute("UPDATE goals SET has_roadmap = 1, updated_at = ? WHERE id = ?", (now, goal_id))
        conn.execute("COMMIT")
        ids.append(goal_id)
    create = (time.perf_counter() - started) / goals

    started = time.perf_counter()
    listed = conn.execute("SELECT * FROM goals ORDER BY created_at, rowid").fetchall()
    list_all = time.perf_counter() - started
    assert len(listed) == goals

    rng = random.Random(7)
    started = time.perf_counter()
    for _ in range(toggles):
        goal_id, node = rng.choice(ids), f"node_{rng.randrange(nodes)}"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE nodes SET completed = ? WHERE goal_id = ? AND id = ?", (rng.random() < 0.5, goal_id, node))
        total, done = conn.execute("SELECT count(*), sum(completed) FROM nodes WHERE goal_id = ?", (goal_id,)).fetchone()
        conn.execute("UPDATE goals SET progress = ?, updated_at = ? WHERE id = ?", (round(100 * done / total), now, goal_id))
        conn.execute("COMMIT")
    toggle = (time.perf_counter() - started) / toggles
    conn.close()
    return {"create goal + roadmap": create, "list all goals": list_all, "toggle node": toggle}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--nodes", type=int, default=10)
    parser.add_argument("--toggles", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        raw = bench_raw(Path(folder) / "raw.sqlite3", args.goals, args.nodes, args.toggles)
        ours = bench_service(Path(folder) / "service.sqlite3", args.goals, args.nodes, args.toggles)
    print(f"{args.goals} goals x {args.nodes}-node roadmaps, {args.toggles} toggles; one transaction per operation")
    print(f"{'operation':<24}{'GoalService':>14}{'raw sqlite3':>14}{'ratio':>9}")
    for name in ours:
        print(f"{name:<24}{ours[name] * 1000:>11.3f} ms{raw[name] * 1000:>11.3f} ms{ours[name] / raw[name]:>8.1f}x")
    per_goal_list = ours["list all goals"] / args.goals * 1e6
    print(f"(listing costs {per_goal_list:.1f} us per goal with GoalService)")


if __name__ == "__main__":
    main()
