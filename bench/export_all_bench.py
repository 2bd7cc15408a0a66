"""An export of every goal (`goals export`, a backup to JSON, the tests' "nothing changed" checks)
against the per-goal path (export_goals(ids): three statements a goal) on the same database, in the
same run: many small goals, and a few big roadmaps; on SQLite, and on PostgreSQL when pgserver is
installed.

    python bench/export_all_bench.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import CPU, median_time  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402

SHAPES = {"200 goals of 1 milestone": (200, 1), "50 goals of 20 milestones": (50, 20), "20 goals of 400 milestones": (20, 400)}


def fill(service: GoalService, goals: int, milestones: int) -> None:
    for index in range(goals):
        goal = service.create_goal(f"Goal {index}")
        service.set_roadmap(goal.id, {
            "nodes": [{"id": f"n{i}", "label": f"Step {i}", "position": {"x": 0, "y": 100 * i}} for i in range(milestones)],
            "edges": [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}"} for i in range(milestones - 1)],
        })


def cpu_ms(call) -> float:
    """This process's CPU, median of 15 (what the README's table reports)."""
    return median_time(call, 15, CPU) * 1000


def measure(backend: str, target) -> None:
    for shape, (goals, milestones) in SHAPES.items():
        database = Database(target(shape))
        try:
            service = GoalService(database)
            fill(service, goals, milestones)
            ids = [goal.id for goal in service.list_goals()]
            assert service.export_goals() == service.export_goals(ids)
            per_goal, whole = cpu_ms(lambda: service.export_goals(ids)), cpu_ms(service.export_goals)
            print(f"| {backend} | {shape} | {per_goal:.1f} ms | {whole:.1f} ms | {per_goal / whole:.1f}x |")
        finally:
            database.close()


def main() -> None:
    print("| backend | database | per goal (this process's CPU) | whole export | faster |")
    print("|---|---|---:|---:|---:|")
    folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
    measure("SQLite", lambda shape: folder / f"{shape.replace(' ', '-')}.sqlite3")
    try:
        from tests.support.postgres_server import PostgresServer, ServerUnavailable
    except ImportError:
        return
    try:
        server = PostgresServer().start()
    except ServerUnavailable as error:
        print(f"(no PostgreSQL: {error})")
        return
    try:
        created = []

        def database_for(shape: str) -> str:
            name = f"bench_{len(created)}"
            created.append(name)
            server.create_database(name)
            return server.url(name)

        measure("PostgreSQL", database_for)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
