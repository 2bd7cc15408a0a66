"""The window's start on Linux without a usable display: one sentence and exit 1, never Qt's abort.

Each case runs the real entry point (`python -m goals_desktop`) in a subprocess with a made-up
environment; a missing library is simulated by pointing the detector at a name that does not exist,
and, where we may make a mount namespace, by really hiding libxcb-cursor from the process."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goals_desktop.display_check import XCB_LIBRARIES, check_display, missing_libraries
from tests.support.xserver import missing_tools, xvfb

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check runs on Linux only")

FAKE_LIBRARY = "libgoals-desktop-test-missing.so.7"
FAKE_PACKAGE = "goals-desktop-test-missing7"


def start_window(tmp_path, env_changes, code=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")}
    env.update({"GOALS_DESKTOP_DATABASE": str(tmp_path / "goals.sqlite3"), "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"),
                "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1", **env_changes})
    argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "goals_desktop"]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)


def assert_one_clear_line(result, *words):
    assert result.returncode == 1, (result.returncode, result.stderr)  # not 134/-6: no abort, no core dump
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("goals-desktop: error: the window cannot open because")
    assert "command line still works" in lines[0]
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
    assert "first-paint" not in result.stdout


def test_no_display_at_all(tmp_path):
    result = start_window(tmp_path, {})
    assert_one_clear_line(result, "no display was found", "DISPLAY", "WAYLAND_DISPLAY")
    assert not (tmp_path / "goals.sqlite3").exists()  # refused before touching anything


def test_missing_x_library_names_it_and_its_package(tmp_path):
    # The real entry point, with one more library on the detector's list that no system has.
    code = (
        "import goals_desktop.display_check as check\n"
        f"check.XCB_LIBRARIES[{FAKE_LIBRARY!r}] = {FAKE_PACKAGE!r}\n"
        "from goals_desktop.cli import main\n"
        "raise SystemExit(main([]))\n"
    )
    result = start_window(tmp_path, {"DISPLAY": ":0"}, code)
    assert_one_clear_line(result, FAKE_LIBRARY, f"sudo apt install {FAKE_PACKAGE}")
    assert "libxcb.so.1" not in result.stderr  # only what is really missing is named


def test_detector_names_every_missing_library_once_per_package():
    libraries = {"libxcb.so.1": "libxcb1", FAKE_LIBRARY: FAKE_PACKAGE, "libgoals-other-missing.so.1": FAKE_PACKAGE}
    assert missing_libraries(libraries) == [(FAKE_LIBRARY, FAKE_PACKAGE), ("libgoals-other-missing.so.1", FAKE_PACKAGE)]
    sentence = check_display({"DISPLAY": ":0"}, libraries, "linux")
    assert f"{FAKE_LIBRARY}, libgoals-other-missing.so.1 are missing" in sentence
    assert sentence.count(FAKE_PACKAGE) == 1


@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "minimal:enable_fonts"},
    {"QT_QPA_PLATFORM": "vnc"},
    {"WAYLAND_DISPLAY": "wayland-0"},  # Qt takes Wayland: the X libraries do not matter
    {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
    {"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
])
def test_platforms_that_need_no_x_libraries_pass(environ):
    assert check_display(environ, {FAKE_LIBRARY: FAKE_PACKAGE}, "linux") is None


def test_other_systems_are_not_checked():
    assert check_display({}, {FAKE_LIBRARY: FAKE_PACKAGE}, "darwin") is None
    assert check_display({}, {FAKE_LIBRARY: FAKE_PACKAGE}, "win32") is None


def test_xcb_asked_for_without_display():
    sentence = check_display({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, {}, "linux")
    assert "DISPLAY is not set" in sentence


def test_unreachable_x_display(tmp_path):
    # A display number no server uses: Qt would abort with "could not connect to display".
    unused = next(n for n in range(4000, 5000) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    result = start_window(tmp_path, {"DISPLAY": f":{unused}"})
    assert_one_clear_line(result, f"X display :{unused} cannot be reached")


@pytest.mark.skipif(bool(missing_tools("Xvfb")), reason="Xvfb is not installed")
def test_a_reachable_x_display_with_all_libraries_passes():
    assert missing_libraries(XCB_LIBRARIES) == [], "install the X libraries listed in the README"
    with xvfb() as display:
        assert check_display({"DISPLAY": display}, None, "linux") is None


def _can_hide_files() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind /dev/null /dev/null"], capture_output=True)
    return None if probe.returncode == 0 else "no permission to make a mount namespace (needs root)"


@pytest.mark.skipif(bool(_can_hide_files()), reason=str(_can_hide_files()))
def test_really_missing_libxcb_cursor(tmp_path):
    """The fresh-desktop case: libxcb-cursor0 absent. Qt alone aborts here; we explain instead."""
    import ctypes.util

    found = ctypes.util.find_library("xcb-cursor")
    if found is None:
        pytest.skip("libxcb-cursor is not installed, so there is nothing to hide")
    library = next((Path(d) / "libxcb-cursor.so.0" for d in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
                    "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                    if (Path(d) / "libxcb-cursor.so.0").exists()), None)
    if library is None:
        pytest.skip("libxcb-cursor.so.0 is not in a known library folder")
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")}
    env.update({"DISPLAY": ":0", "GOALS_DESKTOP_DATABASE": str(tmp_path / "goals.sqlite3"),
                "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs")})
    # Bind /dev/null over the library in a private mount namespace: only this process loses it.
    script = f'mount --bind /dev/null "{library.resolve()}" && exec "$0" -m goals_desktop'
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, sys.executable], capture_output=True, text=True,
                            env=env, timeout=60, cwd=tmp_path)
    assert_one_clear_line(result, "libxcb-cursor.so.0", "sudo apt install libxcb-cursor0")
