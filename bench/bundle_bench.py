"""Bundle benchmark: the frozen app against a minimal frozen PySide6 window, built in the same run.

    python bench/bundle_bench.py [--runs 7] [--builds DIR]

Reports bundle size, archive size and, over N alternating cold starts (offscreen, medians), the
app's start-up marks (first paint, goals listed, started: wall, CPU, peak memory; see
bench/startup_bench.py) against the minimal window's first paint. Then the frozen CLI
(`goals-desktop --version`, `goals-desktop goals list`) against the same commands run from source
by this interpreter (`python -m goals_desktop ...`, from bytecode), alternately: what freezing
adds to a command's start.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import in_turns, medians  # noqa: E402

from bench.startup_bench import BARE_WINDOW as MINIMAL_APP  # noqa: E402  (marks its first paint as the app does)
from bench.startup_bench import make_database  # noqa: E402
from bench.startup_bench import run as start_once  # noqa: E402
from bench.spawned import from_bytecode  # noqa: E402

CLI_COMMANDS = (["--version"], ["goals", "list"])

MINIMAL_SPEC = '''
a = Analysis([{script!r}], excludes=["PyQt5", "PyQt6", "PySide2", "tkinter"])
a.datas = [d for d in a.datas if "/translations/" not in "/" + d[0].replace("\\\\", "/")]
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="minimal", console=True)
coll = COLLECT(exe, a.binaries, a.datas, name="minimal")
'''


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def archive(folder: Path, target: Path) -> int:
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return target.stat().st_size


def cold_starts(app: Path, minimal: Path, env: dict[str, str], runs: int) -> tuple[list[dict], list[dict]]:
    """Alternating cold starts of both binaries: their marks (see startup_bench.run)."""
    ours, bare = [], []
    for index in range(runs):
        for results, binary in in_turns([(bare, minimal), (ours, app)], index):
            results.append(start_once([str(binary)], env))
    return ours, bare


def run_command(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command, from spawn to exit."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli_starts(app: Path, env: dict[str, str], source_env: dict[str, str], runs: int) -> dict[str, tuple[list, list]]:
    """Alternating runs of each CLI command, frozen and from source: {command: (frozen, source)}."""
    results = {}
    for command in CLI_COMMANDS:
        pair = [([], [str(app), *command], env), ([], [sys.executable, "-m", "goals_desktop", *command], source_env)]
        for _, argv, command_env in pair:
            run_command(argv, command_env)  # source: writes the bytecode cache; both: the disk cache
        for index in range(runs):
            for times, argv, command_env in in_turns(pair[::-1], index):
                times.append(run_command(argv, command_env))
        results[" ".join(command)] = (pair[0][0], pair[1][0])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--goals", type=int, default=30)
    parser.add_argument("--builds", type=Path, help="keep both builds in DIR and reuse them on the next run "
                        "(to repeat the start-up runs on a quieter machine without building again)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        builds = args.builds or scratch
        app, minimal = builds / "app" / "goals-desktop", builds / "minimal-dist" / "minimal"
        if not (app / "goals-desktop").is_file():
            subprocess.run([sys.executable, str(ROOT / "resources/pyinstaller/build.py"), "--dist", str(builds / "app"),
                            "--work", str(builds / "app-work")], check=True)
        if not (minimal / "minimal").is_file():
            (builds / "minimal.py").write_text(MINIMAL_APP)
            (builds / "minimal.spec").write_text(MINIMAL_SPEC.format(script=str(builds / "minimal.py")))
            subprocess.run([sys.executable, "-m", "PyInstaller", str(builds / "minimal.spec"), "--noconfirm", "--log-level",
                            "WARN", "--distpath", str(builds / "minimal-dist"), "--workpath", str(builds / "minimal-work")],
                           check=True, cwd=builds)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
               "GOALS_DESKTOP_DATABASE": str(scratch / "bench.sqlite3"), "GOALS_DESKTOP_LOG_DIR": str(scratch / "logs"),
               "XDG_CONFIG_HOME": str(scratch / "config")}
        env.pop("PYTHONPATH", None)
        make_database(scratch / "bench.sqlite3", args.goals)
        start_once([str(app / "goals-desktop")], env)  # the day's backup, the disk cache: not a cold start
        sizes = {
            "bundle size (MB)": (folder_size(app) / 1e6, folder_size(minimal) / 1e6),
            "archive size (MB)": (archive(app, scratch / "app.tar.gz") / 1e6, archive(minimal, scratch / "minimal.tar.gz") / 1e6),
        }
        ours, bare = cold_starts(app / "goals-desktop", minimal / "minimal", env, args.runs)
        source_env = from_bytecode({**env, "PYTHONPATH": str(ROOT)}, scratch)
        # A command is quicker than a window and noisier: twice the runs, an odd count for one median.
        cli = cli_starts(app / "goals-desktop", env, source_env, args.runs * 2 + 1)
    print(f"{'':<34}{'Goals Desktop':>14}{'minimal PySide6':>17}{'ratio':>8}")
    for name, (value, base) in sizes.items():
        print(f"{name:<34}{value:>14.2f}{base:>17.2f}{value / base:>7.2f}x")

    base = medians(r["first-paint"] for r in bare)
    for mark in ("first-paint", "goals-listed", "started"):
        ours_mark = medians(r[mark] for r in ours)
        for field, label, unit in ((0, "wall", 1000), (1, "CPU", 1000), (2, "peak RSS", 1)):
            value = ours_mark[field]
            print(f"{mark + ' ' + label + (' (ms)' if unit == 1000 else ' (MB)'):<34}{value * unit:>14.0f}{base[field] * unit:>17.0f}"
                  f"{value / base[field]:>7.2f}x")

    print(f"\n{'CLI start (' + str(args.runs * 2 + 1) + ' runs)':<34}{'frozen':>14}{'from source':>17}{'ratio':>8}")
    for command, (frozen, source) in cli.items():
        for field, label in ((0, "wall"), (1, "CPU")):
            value, base = (medians(times)[field] for times in (frozen, source))
            print(f"{command + ' ' + label + ' (ms)':<34}{value * 1000:>14.0f}{base * 1000:>17.0f}{value / base:>7.2f}x")


if __name__ == "__main__":
    main()
