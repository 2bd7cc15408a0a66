"""The double-click app, built with PyInstaller once per test run, in the background.

The build takes one core for a minute or more. Built inside the first test that needed it, it held
one pytest-xdist worker (and the other, if it needed the app too, waited on the lock) while the
rest of the run waited for them. So as soon as the tests are collected, and only when some test
asks for `frozen_app`, one worker starts the build as a child process, the tests that use the app
are moved to the end of the run, and `frozen_app` (tests/conftest.py) waits for the build there.

The build runs in the run's shared temp folder (every xdist worker's base temp is inside it) and
holds `bundle.lock` while it runs; `result.json` says how it ended. Without a background build
(e.g. the child was killed) `frozen_app` builds in the test, as before.

    python -m tests.support.frozen_build FOLDER   # what the background child runs
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "resources" / "pyinstaller" / "build.py"
FIXTURE = "frozen_app"
_CHILD = pytest.StashKey[subprocess.Popen]()


def shared_folder(config: pytest.Config) -> Path:
    """The same folder for every xdist worker of this run (their base temps are inside the run's)."""
    base = config._tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "frozen-bundle"
    folder.mkdir(exist_ok=True)
    return folder


def build(folder: Path) -> dict:
    """Run resources/pyinstaller/build.py into folder; its exit code and the end of its stderr."""
    done = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(folder / "dist"), "--work", str(folder / "work")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    result = {"returncode": done.returncode, "stderr": done.stderr[-3000:]}
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return result


def built_app(config: pytest.Config) -> Path:
    """The one-dir app, once the background build is done (or built here if there was none)."""
    folder = shared_folder(config)
    with open(folder / "bundle.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by a build under way until it ends
        result_file = folder / "result.json"
        result = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else build(folder)
    assert result["returncode"] == 0, result["stderr"]
    app = folder / "dist" / "goals-desktop"
    assert (app / "goals-desktop").is_file()
    assert list((folder / "dist").glob("goals-desktop-*.tar.gz"))
    return app


def _start_background_build(config: pytest.Config) -> None:
    from tests.support.children import start_child

    folder = shared_folder(config)
    with open(folder / "bundle.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker's build is under way
        if (folder / "result.json").exists():
            return
        # The child inherits the locked file and so holds the lock until it exits.
        child = start_child([sys.executable, "-m", "tests.support.frozen_build", str(folder)], cwd=ROOT,
                            pass_fds=(lock.fileno(),), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config.stash[_CHILD] = child


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: build only for tests that will run
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    users = {item.path for item in items if FIXTURE in getattr(item, "fixturenames", ())}
    if not users:
        return
    # Whole modules move, in their own order, so their module-scoped fixtures are set up once.
    items[:] = [item for item in items if item.path not in users] + [item for item in items if item.path in users]
    if not config.getoption("collectonly"):
        _start_background_build(config)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    child = session.config.stash.get(_CHILD, None)
    if child is None or child.poll() is not None:
        return
    if exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldfail or session.shouldstop:
        child.kill()  # a worker still waiting for the app then builds it itself
    # Otherwise another worker may still be waiting for the app, and this worker's child dies with it.
    child.wait()


if __name__ == "__main__":
    build(Path(sys.argv[1]))
