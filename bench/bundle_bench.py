"""Bundle benchmark: the frozen app against a minimal frozen PySide6 window, built in the same run.

    python bench/bundle_bench.py [--runs 7]

Reports bundle size, archive size and cold start to the first painted window (offscreen, median
of N runs) of both, and the ratios app / minimal (target: within 1.3x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MINIMAL_APP = '''
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("first-paint", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(800, 600)
watcher = FirstPaint()
window.centralWidget().installEventFilter(watcher)
window.show()
app.exec()
'''

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


def cold_start(binary: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run([str(binary)], env=env, capture_output=True, text=True, timeout=60)
        assert "first-paint" in out.stdout, out.stderr[-1000:]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        subprocess.run([sys.executable, str(ROOT / "resources/pyinstaller/build.py"), "--dist", str(scratch / "app"),
                        "--work", str(scratch / "app-work")], check=True)
        (scratch / "minimal.py").write_text(MINIMAL_APP)
        (scratch / "minimal.spec").write_text(MINIMAL_SPEC.format(script=str(scratch / "minimal.py")))
        subprocess.run([sys.executable, "-m", "PyInstaller", str(scratch / "minimal.spec"), "--noconfirm", "--log-level", "WARN",
                        "--distpath", str(scratch / "minimal-dist"), "--workpath", str(scratch / "minimal-work")], check=True, cwd=scratch)
        app, minimal = scratch / "app" / "goals-desktop", scratch / "minimal-dist" / "minimal"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
               "GOALS_DESKTOP_DATABASE": str(scratch / "bench.sqlite3"), "GOALS_DESKTOP_LOG_DIR": str(scratch / "logs"),
               "XDG_CONFIG_HOME": str(scratch / "config")}
        env.pop("PYTHONPATH", None)
        cold_start(app / "goals-desktop", env, 1)  # first start creates the database: not a cold start of the app
        figures = {
            "bundle size (MB)": (folder_size(app) / 1e6, folder_size(minimal) / 1e6),
            "archive size (MB)": (archive(app, scratch / "app.tar.gz") / 1e6, archive(minimal, scratch / "minimal.tar.gz") / 1e6),
            "start to first paint (s)": (cold_start(app / "goals-desktop", env, args.runs), cold_start(minimal / "minimal", env, args.runs)),
        }
    print(f"{'':<28}{'Goals Desktop':>14}{'minimal PySide6':>17}{'ratio':>8}")
    for name, (ours, base) in figures.items():
        print(f"{name:<28}{ours:>14.2f}{base:>17.2f}{ours / base:>7.2f}x")


if __name__ == "__main__":
    main()
