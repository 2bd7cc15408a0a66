"""Start-up benchmark (source install): the window against a bare PySide6 QMainWindow, same run.

    python bench/startup_bench.py [--runs 9] [--goals 30]

Both are started as fresh processes, alternately (the machine is shared: load drifts, so neither
gets all the quiet moments), offscreen, and report at each mark of their start (after the paint
has been drawn): wall time since the parent started them, CPU time of the process, peak memory
(ru_maxrss). The window's marks (GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT, see app._StartupTrace):
  first-paint  - its frame is on screen
  goals-listed - the user's goals are on screen
  started      - ready: the service open, the whole window built, the selected goal's roadmap drawn
Medians; ratios against the bare window's first paint. Targets (issue 15): first paint <= 1.3x,
goals listed <= 2.5x, peak memory then <= 1.6x; (issue 24) ready <= 2.5x, memory then <= 1.6x.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spawned import from_bytecode  # noqa: E402
from timing import in_turns, medians  # noqa: E402

BARE_WINDOW = '''
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def mark():
    print("first-paint", f"{time.time():.6f}", f"{time.process_time():.6f}",
          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 0, flush=True)
    app.quit()

class FirstPaint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, mark)  # after the paint was drawn, as the app marks it
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1280, 800)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.centralWidget().installEventFilter(watcher)
window.show()
app.exec()
'''


def make_database(path: Path, goals: int) -> None:
    from goals_desktop.storage import open_service

    service = open_service(path)
    for index in range(goals):
        goal = service.create_goal(f"Goal {index}", "Benchmark goal", "2027-06-30")
        service.set_roadmap(goal.id, {
            "nodes": [{"id": f"n{i}", "label": f"Milestone {i}", "estimated_time": "2 weeks"} for i in range(10)],
            "edges": [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}"} for i in range(9)],
        })
    service.db.close()


def run(argv: list[str], env: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    """{mark: (wall seconds since spawn, CPU seconds, peak RSS MB)}"""
    started = time.time()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed:\n{done.stderr[-2000:]}")
    marks = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 5:
            name, wall, cpu, rss, _sqlalchemy = parts
            marks[name] = (float(wall) - started, float(cpu), int(rss) / 1024)
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--goals", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        database = scratch / "goals.sqlite3"
        make_database(database, args.goals)
        (scratch / "bare.py").write_text(BARE_WINDOW)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
               "GOALS_DESKTOP_DATABASE": str(database), "GOALS_DESKTOP_LOG_DIR": str(scratch / "logs"),
               "XDG_CONFIG_HOME": str(scratch / "config"), "PYTHONPATH": str(ROOT)}
        env = from_bytecode(env, scratch)
        ours_argv, bare_argv = [sys.executable, "-m", "goals_desktop"], [sys.executable, str(scratch / "bare.py")]
        run(ours_argv, env)  # the first start takes the day's backup and warms the disk cache: not measured
        run(bare_argv, env)
        ours, bare = [], []
        for index in range(args.runs):
            for results, argv in in_turns([(bare, bare_argv), (ours, ours_argv)], index):
                results.append(run(argv, env))

    base_wall, base_cpu, base_rss = medians(r["first-paint"] for r in bare)
    print(f"{args.goals} goals with 10-milestone roadmaps; {args.runs} alternating cold starts each (offscreen); medians")
    print(f"{'':<34}{'wall':>9}{'ratio':>8}{'CPU':>9}{'ratio':>8}{'peak RSS':>11}{'ratio':>8}")
    rows = [("bare PySide6 window, first paint", bare, "first-paint")]
    rows += [(f"Goals Desktop, {mark}", ours, mark) for mark in ("first-paint", "goals-listed", "started")]
    for label, results, mark in rows:
        wall, cpu, rss = medians(r[mark] for r in results)
        print(f"{label:<34}{wall * 1000:>6.0f} ms{wall / base_wall:>7.2f}x{cpu * 1000:>6.0f} ms{cpu / base_cpu:>7.2f}x"
              f"{rss:>8.0f} MB{rss / base_rss:>7.2f}x")


if __name__ == "__main__":
    main()
