"""The frozen smoke test, the same on Linux, Windows and macOS (the release workflow runs it on the
installed or bundled app; tests/packaging runs it on the unpacked .deb):

    python resources/smoke_test.py PATH/TO/goals-desktop[.exe]

It checks that `--version` prints this source's version, that the window starts and paints its first
frame offscreen, and that a goal made with the CLI is listed back. Standard library only, so it runs
before anything is installed. Exits non-zero with one line saying what failed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def source_version() -> str:
    text = (ROOT / "goals_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


class SmokeFailure(Exception):
    pass


def run(binary: Path, *argv: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run([str(binary), *argv], capture_output=True, text=True, env=env, timeout=timeout)
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise SmokeFailure(f"`goals-desktop {' '.join(argv)}` failed ({done.returncode}): {done.stderr.strip()[-1500:]}")
    return done


def smoke(binary: Path, scratch: Path) -> list[str]:
    """Runs the three checks; returns what it saw, one line each."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_DATABASE": str(scratch / "smoke.sqlite3"),
           "GOALS_DESKTOP_LOG_DIR": str(scratch / "logs"), "GOALS_DESKTOP_CONFIG_DIR": str(scratch / "config"),
           "XDG_CONFIG_HOME": str(scratch / "xdg-config"), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)  # the frozen app must run on what it carries
    seen = []
    printed = run(binary, "--version", env=env).stdout.strip()
    if printed != f"goals-desktop {source_version()}":
        raise SmokeFailure(f"--version printed {printed!r}, the source says {source_version()}")
    seen.append(printed)
    window = run(binary, env={**env, "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1"})
    if "first-paint" not in window.stdout:
        raise SmokeFailure(f"the window never reported its first paint: {window.stdout[-500:]!r}")
    seen.append("window: " + next(line for line in window.stdout.splitlines() if line.startswith("first-paint")))
    run(binary, "goals", "create", "Smoke test goal", env=env)
    titles = [goal["title"] for goal in json.loads(run(binary, "goals", "list", "--json", env=env).stdout)]
    if "Smoke test goal" not in titles:
        raise SmokeFailure(f"the goal made by the CLI is not listed: {titles}")
    seen.append(f"CLI round trip: {titles}")
    return seen


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = Path(sys.argv[1])
    if not binary.is_file():
        raise SystemExit(f"smoke_test.py: no program at {binary}")
    with tempfile.TemporaryDirectory(prefix="goals-desktop-smoke-") as scratch:
        try:
            for line in smoke(binary, Path(scratch)):
                print(line)
        except SmokeFailure as failure:
            raise SystemExit(f"smoke_test.py: {failure}") from None
    print(f"Smoke test passed: {binary}")


if __name__ == "__main__":
    main()
