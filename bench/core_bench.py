"""Core benchmark: GoalService on SQLite against raw sqlite3 doing the same writes, same run.

    python bench/core_bench.py [--goals 10000] [--nodes 10] [--toggles 2000]

Each service call is one transaction (WAL, synchronous=FULL, BEGIN IMMEDIATE), so the raw
baseline also commits once per operation with the same pragmas: the ratio is what the service
layer (validation, SQLAlchemy Core, todo sync, reloading the goal it returns) costs above the
physical floor. The two sides alternate in rounds and the medians are compared, so a shared
machine's changing load falls on both.

"toggle node" sets random nodes to a random state, so about half the toggles set the state a node
already has: SQLite then finds every page unchanged and the commit writes nothing (no fsync) on
both sides. "toggle node (flips)" always changes the node, so every commit is durable.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import in_turns, medians, per_call, timed, wall_and_cpu  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402


def roadmap_dict(nodes: int) -> dict:
    return {
        "nodes": [
            {"id": f"node_{i}", "label": f"Milestone {i}", "position": {"x": 0, "y": 150 * i}, "details": ["step"]}
            for i in range(nodes)
        ],
        "edges": [{"id": f"edge_{i}", "source": f"node_{i}", "target": f"node_{i + 1}"} for i in range(nodes - 1)],
    }


class ServiceSide:
    """The operations through GoalService."""

    def __init__(self, path: Path | str, nodes: int) -> None:
        self.service = GoalService(Database(path))
        self.roadmap = roadmap_dict(nodes)
        self.nodes = nodes
        self.ids: list[str] = []

    def create(self, i: int) -> None:
        goal = self.service.create_goal(f"Goal {i}", "benchmark", "2027-01-01")
        self.service.set_roadmap(goal.id, self.roadmap)
        self.ids.append(goal.id)

    def list_all(self) -> int:
        return len(self.service.list_goals())

    def toggle(self, goal_id: str, node: str, completed: bool) -> None:
        self.service.update_node(goal_id, node, completed=completed)

    def close(self) -> None:
        self.service.db.close()


class RawSide:
    """The same writes with raw sqlite3, same pragmas, one transaction per operation: the floor."""

    def __init__(self, path: Path, nodes: int) -> None:
        self.conn = conn = sqlite3.connect(path, isolation_level=None)
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
        self.nodes = nodes
        self.ids: list[str] = []
        self.now = "2026-11-28T00:00:00Z"

    def create(self, i: int) -> None:
        conn, now, nodes = self.conn, self.now, self.nodes
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
        self.ids.append(goal_id)

    def list_all(self) -> int:
        return len(self.conn.execute("SELECT * FROM goals ORDER BY created_at, rowid").fetchall())

    def toggle(self, goal_id: str, node: str, completed: bool) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE nodes SET completed = ? WHERE goal_id = ? AND id = ?", (completed, goal_id, node))
        total, done = conn.execute("SELECT count(*), sum(completed) FROM nodes WHERE goal_id = ?", (goal_id,)).fetchone()
        conn.execute("UPDATE goals SET progress = ?, updated_at = ? WHERE id = ?", (round(100 * done / total), self.now, goal_id))
        conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class RawSameWorkSide(RawSide):
    """The raw floor plus the reads the service does on top of the writes: the goal it returns (row,
    nodes with their JSON lists decoded, edges), the todo and subtask links it keeps in step. The
    service against this is the cost of the layer itself (SQLAlchemy Core, validation, objects)."""

    def __init__(self, path: Path, nodes: int) -> None:
        super().__init__(path, nodes)
        self.conn.executescript(
            """
            CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT, node_goal_id TEXT, node_id TEXT, seq INT);
            CREATE INDEX ix_todos_node ON todos (node_goal_id, node_id);
            CREATE TABLE subtasks (id TEXT PRIMARY KEY, todo_id TEXT, title TEXT, node_goal_id TEXT, node_id TEXT, seq INT);
            CREATE INDEX ix_subtasks_node ON subtasks (node_goal_id, node_id);
            """
        )

    def _goal(self, goal_id: str) -> tuple:
        conn = self.conn
        goal = conn.execute("SELECT * FROM goals WHERE id = ?", (goal_id,)).fetchone()
        nodes = [
            (*row[:7], json.loads(row[7]), row[8], json.loads(row[9]), *row[10:])
            for row in conn.execute("SELECT * FROM nodes WHERE goal_id = ? ORDER BY seq", (goal_id,))
        ]
        edges = conn.execute("SELECT * FROM edges WHERE goal_id = ? ORDER BY seq", (goal_id,)).fetchall()
        return goal, nodes, edges

    def create(self, i: int) -> None:
        super().create(i)
        goal_id = self.ids[-1]
        self.conn.execute("SELECT id FROM todos WHERE node_goal_id = ? ORDER BY seq", (goal_id,)).fetchall()
        self.conn.execute("SELECT id FROM subtasks WHERE node_goal_id = ? ORDER BY seq", (goal_id,)).fetchall()
        self._goal(goal_id)

    def toggle(self, goal_id: str, node: str, completed: bool) -> None:
        super().toggle(goal_id, node, completed)
        self.conn.execute(
            "SELECT id FROM todos WHERE node_goal_id = ? AND node_id = ? UNION ALL "
            "SELECT id FROM subtasks WHERE node_goal_id = ? AND node_id = ?", (goal_id, node, goal_id, node)
        ).fetchall()
        self._goal(goal_id)


def run(folder: Path, goals: int, nodes: int, toggles: int, rounds: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    sides = {
        "service": ServiceSide(folder / "service.sqlite3", nodes),
        "raw": RawSide(folder / "raw.sqlite3", nodes),
        "raw, same work": RawSameWorkSide(folder / "raw-reads.sqlite3", nodes),
    }
    return run_sides(sides, goals, nodes, toggles, rounds)


def run_sides(sides: dict, goals: int, nodes: int, toggles: int, rounds: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """The sides, alternating in `rounds` slices of each operation (the machine is shared: load
    drifts, so neither side gets all the quiet moments); per side and operation, one (wall, CPU)
    figure per round. Each side has create(i), list_all(), toggle(goal_id, node, completed), ids, close()."""
    figures: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in sides}
    turns = list(sides.items())[::-1]  # the last side goes first in round 0
    per_round = max(1, goals // rounds)
    for r in range(rounds):
        for name, side in in_turns(turns, r):
            figures[name].setdefault("create goal + roadmap", []).append(
                per_call(lambda i, side=side, r=r: side.create(r * per_round + i), per_round, wall_and_cpu)
            )
    for r in range(rounds):
        for name, side in in_turns(turns, r):
            listed, took = timed(side.list_all, wall_and_cpu)
            assert listed == per_round * rounds
            figures[name].setdefault("list all goals", []).append(took)
    per_round = max(1, toggles // rounds)
    # Each side's node states (every node starts open), for the flipping toggles.
    states: dict[str, dict[tuple[int, str], bool]] = {name: {} for name in sides}
    for r in range(rounds):
        for name, side in in_turns(turns, r):
            rng = random.Random(r)
            picks = [(rng.randrange(len(side.ids)), f"node_{rng.randrange(nodes)}", rng.random() < 0.5) for _ in range(per_round)]
            figures[name].setdefault("toggle node", []).append(
                per_call(lambda i, side=side, picks=picks: side.toggle(side.ids[picks[i][0]], *picks[i][1:]), per_round, wall_and_cpu)
            )
            states[name].update(((g, n), c) for g, n, c in picks)
    for r in range(rounds):
        for name, side in in_turns(turns, r):
            rng = random.Random(1000 + r)
            picks = []
            for _ in range(per_round):
                key = (rng.randrange(len(side.ids)), f"node_{rng.randrange(nodes)}")
                states[name][key] = not states[name].get(key, False)
                picks.append((*key, states[name][key]))
            figures[name].setdefault("toggle node (flips)", []).append(
                per_call(lambda i, side=side, picks=picks: side.toggle(side.ids[picks[i][0]], *picks[i][1:]), per_round, wall_and_cpu)
            )
    for side in sides.values():
        side.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--nodes", type=int, default=10)
    parser.add_argument("--toggles", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = run(Path(folder), args.goals, args.nodes, args.toggles, args.rounds)
    print(f"{args.goals} goals x {args.nodes}-node roadmaps, {args.toggles} toggles; one transaction per operation;")
    print(f"raw and service alternate in {args.rounds} rounds; medians of the rounds (wall clock, and CPU time)")
    print(f"{'operation':<24}{'GoalService':>14}{'raw sqlite3':>14}{'ratio':>8}{'CPU ratio':>11}"
          f"{'raw, same work':>17}{'ratio':>8}")
    for name in figures["service"]:
        ours, raw, same = (medians(figures[side][name]) for side in ("service", "raw", "raw, same work"))
        print(f"{name:<24}{ours[0] * 1000:>11.3f} ms{raw[0] * 1000:>11.3f} ms{ours[0] / raw[0]:>7.1f}x"
              f"{ours[1] / raw[1] if raw[1] else float('nan'):>10.1f}x{same[0] * 1000:>14.3f} ms{ours[0] / same[0]:>7.1f}x")


if __name__ == "__main__":
    main()
