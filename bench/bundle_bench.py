"""Bundle benchmark: the frozen app against a minimal frozen PySide6 window, built in the same run.

    python bench/bundle_bench.py [--runs 7] [--builds DIR]

Reports bundle size, archive size and, over N alternating cold starts (offscreen, medians), the
app's start-up marks (first paint, goals listed, started: wall, CPU, peak memory; see
bench/startup_bench.py) against the minimal window's first paint.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import in_turns, medians  # noqa: E402

from bench.startup_bench import BARE_WINDOW as MINIMAL_APP  # noqa: E402  (marks its first paint as the app does)
from bench.startup_bench import make_database  # noqa: E402
from bench.startup_bench import run as start_once  # noqa: E402

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


if __name__ == "__main__":
    main()
