"""Build the double-click app: dist/goals-desktop/ (one-dir) and an archive of it.

    python resources/pyinstaller/build.py [--dist DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = Path(__file__).resolve().parent / "goals-desktop.spec"


def build(dist: Path, work: Path) -> tuple[Path, Path]:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work)],
        check=True,
        cwd=ROOT,
    )
    sys.path.insert(0, str(ROOT))
    from goals_desktop import __version__

    app = dist / "goals-desktop"
    archive = dist / f"goals-desktop-{__version__}-{platform.system().lower()}-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(app, arcname="goals-desktop")
    return app, archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    app, archive = build(args.dist, args.work)
    print(f"Built {app} and {archive}")


if __name__ == "__main__":
    main()
