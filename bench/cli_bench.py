"""CLI benchmark: `goals-desktop goals list` on 1,000 goals against a bare SQLAlchemy script, same run.

    python bench/cli_bench.py [--goals 1000] [--runs 21]

Both are fresh processes of the same interpreter, run alternately (so load on the machine hits both
alike) and timed from spawn to exit; medians are compared. The baseline imports SQLAlchemy, declares
the goals table, runs the query `goals list` runs (every goal, oldest first) and prints one line per
goal: what any script doing this job must pay. The gap is the CLI's own start-up (argument parsing,
our modules, opening the file safely: inspection, schema check, daily backup check) and its output.
A bare `python -c pass` is shown for scale. Target: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spawned import from_bytecode  # noqa: E402
from timing import in_turns, timed  # noqa: E402

BASELINE = """
import sys
import sqlalchemy as sa

goals = sa.Table(
    "goals", sa.MetaData(),
    sa.Column("id", sa.String, primary_key=True), sa.Column("title", sa.String), sa.Column("description", sa.Text),
    sa.Column("target_date", sa.String), sa.Column("status", sa.String), sa.Column("progress", sa.Integer),
    sa.Column("created_at", sa.String), sa.Column("updated_at", sa.String),
)
engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as connection:
    rows = connection.execute(sa.select(goals).order_by(goals.c.created_at, sa.literal_column("goals.rowid"))).mappings()
    for row in rows:
        print(f"{row['id']}  {row['progress']:3d}%  {row['status']:<9}  {row['title']}  target {row['target_date'][:10]}")
"""


def make_database(path: Path, count: int) -> None:
    from goals_desktop.storage import Database, GoalService

    database = Database(path)
    service = GoalService(database)
    for index in range(count):
        service.create_goal(f"Goal {index}", "benchmark goal", "2027-01-01")
    database.close()


def spawn_to_exit(argv: list[str], env: dict[str, str], lines: int) -> float:
    done, elapsed = timed(lambda: subprocess.run(argv, env=env, capture_output=True, text=True))
    if done.returncode != 0 or done.stdout.count("\n") != lines:
        raise SystemExit(f"{argv[1:3]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "goals.sqlite3"
        make_database(path, options.goals)
        env = from_bytecode({**os.environ, "GOALS_DESKTOP_DATABASE": str(path), "PYTHONPATH": str(ROOT)}, Path(folder))
        commands = {
            "goals-desktop goals list": ([sys.executable, "-m", "goals_desktop", "goals", "list"], options.goals),
            "SQLAlchemy script": ([sys.executable, "-c", BASELINE, str(path)], options.goals),
            "python -c pass": ([sys.executable, "-c", "pass"], 0),
        }
        for argv, lines in commands.values():  # warm the OS caches; the CLI's first open takes the day's backup
            spawn_to_exit(argv, env, lines)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(options.runs):
            for name in in_turns(commands, run):
                argv, lines = commands[name]
                times[name].append(spawn_to_exit(argv, env, lines))

    medians = {name: statistics.median(values) for name, values in times.items()}
    fastest = {name: min(values) for name, values in times.items()}
    base, base_fastest = medians["SQLAlchemy script"], fastest["SQLAlchemy script"]
    print(f"{options.goals} goals, {options.runs} alternating runs, {os.cpu_count()} CPUs   median (ratio)   fastest (ratio)")
    for name in commands:
        print(
            f"  {name:<26} {medians[name] * 1000:7.1f} ms ({medians[name] / base:4.2f}x)"
            f" {fastest[name] * 1000:7.1f} ms ({fastest[name] / base_fastest:4.2f}x)"
        )
    ratio = medians["goals-desktop goals list"] / base
    print(f"ratio goals list / SQLAlchemy script (medians): {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
