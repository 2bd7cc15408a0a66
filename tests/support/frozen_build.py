"""The double-click app, built with PyInstaller once per test run, in the background.

The build takes one core for a minute or more. Built inside the first test that needed it, it held
one pytest-xdist worker (and the other, if it needed the app too, waited on the lock) while the
rest of the run waited for them. So as soon as the tests are collected, and only when some test
asks for `frozen_app`, one worker starts the build as a child process, the tests that use the app
are moved to the end of the run, and `frozen_app` (tests/conftest.py) waits for the build there.

Where Debian's tools are installed the same child then makes the .deb from the bundle and runs
lintian on it (half a minute of one core), so tests/packaging/test_deb.py finds both ready and its
lintian test does not end the run alone on one worker.

The child works in the run's shared temp folder (every xdist worker's base temp is inside it). It
holds `bundle.lock` until the bundle is built (`result.json` says how that ended), and `deb.lock`
until the .deb and lintian's verdict on it are there (`deb.json`, `lintian.json`). Whatever the
child did not leave (it was killed, the tools are missing) the tests make themselves, as before.

    python -m tests.support.frozen_build FOLDER BUNDLE_LOCK_FD   # what the background child runs
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "resources" / "pyinstaller" / "build.py"
MAKE_DEB = ROOT / "resources" / "linux" / "deb.py"
DEB_TOOLS = ("dpkg-deb", "lintian")
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


def _output(done: subprocess.CompletedProcess) -> dict:
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def make_deb(app: Path, out: Path) -> subprocess.CompletedProcess:
    """The Debian package of the one-dir app, quickly compressed (tests/packaging/test_deb.py)."""
    return subprocess.run([sys.executable, str(MAKE_DEB), str(app), "--out", str(out), "--compression", "fast"],
                          capture_output=True, text=True, timeout=600)


# Checks whose every tag is below a warning (lintian does not show them, the test does not look at
# them): binaries/spelling (only spelling-error-in-binary, an info tag) reads every string of every
# ELF file, a fifth of lintian's time on the bundle.
BELOW_WARNING_CHECKS = ("binaries/spelling",)


def lintian(deb: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["lintian", "--fail-on", "error", "--dont-check-part", ",".join(BELOW_WARNING_CHECKS), str(deb)],
                          capture_output=True, text=True, timeout=600)


def _deb_in(folder: Path, name: str) -> dict | None:
    """What the background child left about the .deb (deb.json, lintian.json), once it is done."""
    with open(folder / "deb.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder / name
        return json.loads(made.read_text(encoding="utf-8")) if made.exists() else None


def background_deb(config: pytest.Config) -> tuple[dict, Path | None] | None:
    """How making the .deb went in the background (deb.py's output) and the package, or None."""
    folder = shared_folder(config)
    made = _deb_in(folder, "deb.json")
    if made is None:
        return None
    packages = sorted((folder / "deb").glob("*.deb"))
    return made, packages[0] if len(packages) == 1 else None


def background_lintian(config: pytest.Config) -> subprocess.CompletedProcess | None:
    checked = _deb_in(shared_folder(config), "lintian.json")
    return None if checked is None else subprocess.CompletedProcess(["lintian"], **checked)


def _start_background_build(config: pytest.Config) -> None:
    from tests.support.children import start_child

    folder = shared_folder(config)
    with open(folder / "bundle.lock", "a") as bundle_lock, open(folder / "deb.lock", "a") as deb_lock:
        try:
            fcntl.flock(bundle_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker's build is under way
        if (folder / "result.json").exists():
            return
        fcntl.flock(deb_lock, fcntl.LOCK_EX)
        # The child inherits the locked files and so holds the locks until it lets them go.
        child = start_child([sys.executable, "-m", "tests.support.frozen_build", str(folder), str(bundle_lock.fileno())],
                            cwd=ROOT, pass_fds=(bundle_lock.fileno(), deb_lock.fileno()),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config.stash[_CHILD] = child


def _background(folder: Path, bundle_lock: int) -> None:
    built = build(folder)
    os.close(bundle_lock)  # the bundle is ready: tests waiting for it go on
    app = folder / "dist" / "goals-desktop"
    if built["returncode"] != 0 or not sys.platform.startswith("linux") or not all(map(shutil.which, DEB_TOOLS)):
        return
    made = make_deb(app, folder / "deb")
    (folder / "deb.json").write_text(json.dumps(_output(made)), encoding="utf-8")
    packages = list((folder / "deb").glob("*.deb"))
    if made.returncode == 0 and len(packages) == 1:
        (folder / "lintian.json").write_text(json.dumps(_output(lintian(packages[0]))), encoding="utf-8")


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: build only for tests that will run
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    def uses_app(item: pytest.Item) -> bool:
        return FIXTURE in getattr(item, "fixturenames", ())  # directly or through a fixture (test_deb's `deb`)

    if not any(map(uses_app, items)):
        return
    # Only the tests that use the app move, in their order: a test beside them that does not (the
    # source app's real-X test) runs in its place, instead of lengthening the run's last minute.
    items[:] = [item for item in items if not uses_app(item)] + [item for item in items if uses_app(item)]
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
    _background(Path(sys.argv[1]), int(sys.argv[2]))
