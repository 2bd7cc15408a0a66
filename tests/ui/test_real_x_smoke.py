"""The app in a real X server, driven like a person would: real X keyboard and mouse events.

Where Xvfb, xdotool and ImageMagick's `import` exist, each variant (the source install, and the frozen
bundle when tests/packaging builds one) starts in its own Xvfb on a free display: it creates a goal
with Ctrl+N, adds three milestones by double-clicking the canvas, renames one with F2, drags one with
xdotool mousedown/mousemove/mouseup, checks one off by clicking its box, quits with Ctrl+Q, and then
the database is read back through the CLI. A screenshot of each step is saved next to the test's
files (the path is printed). Xvfb and the app are killed at the end, even on failure or if the test
process itself is killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.xserver import missing_tools, screenshot, start_child, stop, xvfb

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs an X server (Linux)"),
    pytest.mark.skipif(
        bool(missing_tools("Xvfb", "xdotool", "import")),
        reason=f"{', '.join(missing_tools('Xvfb', 'xdotool', 'import'))} not installed "
        "(apt-get install xvfb xdotool imagemagick libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0)",
    ),
]

GOAL_TITLE = "Climb Mont Blanc"
RENAMED = "Pack the crampons"
WAIT = 30.0


class Desktop:
    """One X display, the app on it, and the few things a person does with a keyboard and a mouse."""

    def __init__(self, display: str, command: list[str], folder: Path) -> None:
        self.display, self.command, self.folder = display, command, folder
        self.database = folder / "goals.sqlite3"
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
        env.update({
            "DISPLAY": display,
            "GOALS_DESKTOP_DATABASE": str(self.database),
            "GOALS_DESKTOP_LOG_DIR": str(folder / "logs"),
            "GOALS_DESKTOP_CONFIG_DIR": str(folder / "config"),
            "XDG_CONFIG_HOME": str(folder / "xdg-config"),  # fresh window settings: the default size
        })
        if command[0] != sys.executable:
            env.pop("PYTHONPATH", None)  # the frozen app must run on what it bundles
        self.env = env
        self.log = open(folder / "app-output.txt", "w")
        self.app: subprocess.Popen | None = None
        self.shots = 0

    def start(self) -> str:
        self.app = start_child(self.command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.folder)
        return self.wait_for_window("^Goals Desktop$")

    def close(self) -> None:
        if self.app is not None:
            stop(self.app)
        self.log.close()

    def xdotool(self, *args: str) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT)
        assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr.strip()}"
        return result.stdout.strip()

    def wait_for_window(self, name: str) -> str:
        end = time.monotonic() + WAIT
        while time.monotonic() < end:
            assert self.app is not None and self.app.poll() is None, f"the app exited: {self.output()}"
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name], env=self.env,
                                   capture_output=True, text=True, timeout=WAIT)
            if found.returncode == 0 and found.stdout.split():
                return found.stdout.split()[0]
            time.sleep(0.1)
        raise AssertionError(f"no window named {name!r} appeared; app output: {self.output()}")

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.folder / "app-output.txt").read_text()[-3000:]

    def shot(self, name: str) -> Path:
        self.shots += 1
        return screenshot(self.display, self.folder / f"{self.shots:02d}-{name}.png")

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "25", text)

    def double_click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "--repeat", "2", "--delay", "60", "1")

    def click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "1")

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
        self.xdotool("mousemove", "--sync", *map(str, start), "mousedown", "1")
        for step in range(1, steps + 1):
            x = round(start[0] + (end[0] - start[0]) * step / steps)
            y = round(start[1] + (end[1] - start[1]) * step / steps)
            self.xdotool("mousemove", "--sync", str(x), str(y))
            time.sleep(0.02)
        self.xdotool("mouseup", "1")

    def cli(self, *argv: str) -> object:
        """Read the database through the app's own CLI (a second copy, as a person's script would)."""
        command = [*self.command, *argv]  # the same program: `python -m goals_desktop` or the frozen binary
        result = subprocess.run(command, env={**self.env, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True,
                                text=True, timeout=WAIT)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def until(self, what: str, condition, timeout: float = WAIT):
        end = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > end:
                path = self.shot("timeout")
                raise AssertionError(f"{what}: not seen in {timeout:.0f} s (screen: {path}); app output: {self.output()}")
            time.sleep(0.2)


def canvas_rect(png: Path) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the empty canvas: the widest stretch of one colour on the screen."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    y = int(image.height() * 0.7)  # below the canvas's centred hint text
    best, run_start, colour = (0, 0, 0), 0, None
    for x in range(image.width() + 1):
        pixel = image.pixel(x, y) if x < image.width() else None
        if pixel != colour:
            if colour is not None and x - run_start > best[1] - best[0]:
                best = (run_start, x, colour)
            run_start, colour = x, pixel
    left, right, colour = best
    column = left + 10
    top = bottom = y
    while top > 0 and image.pixel(column, top - 1) == colour:
        top -= 1
    while bottom < image.height() - 1 and image.pixel(column, bottom + 1) == colour:
        bottom += 1
    assert right - left > 300 and bottom - top > 300, f"no canvas found in {png}: {(left, top, right, bottom)}"
    return left, top, right, bottom


def nodes_of(desktop: Desktop, goal_id: str) -> list[dict]:
    goal = desktop.cli("goals", "show", goal_id, "--json")
    return (goal.get("roadmap") or {}).get("nodes", [])


def drive_the_app(desktop: Desktop) -> dict:
    """Everything a person does in the first minutes; returns the goal as the CLI reads it at the end."""
    window = desktop.start()
    desktop.until("the example goal on a fresh database", lambda: desktop.cli("goals", "list", "--json"))
    desktop.shot("started")
    geometry = desktop.xdotool("getwindowgeometry", "--shell", window)
    assert "WIDTH=1280" in geometry and "HEIGHT=800" in geometry, geometry  # the default size

    # A new goal: Ctrl+N, type the title, Enter.
    desktop.xdotool("windowfocus", "--sync", window)
    desktop.key("ctrl+n")
    desktop.wait_for_window("New goal")
    desktop.type(GOAL_TITLE)
    desktop.key("Return")
    goal = desktop.until("the new goal", lambda: next(
        (g for g in desktop.cli("goals", "list", "--json") if g["title"] == GOAL_TITLE), None))
    time.sleep(0.5)  # let the window show the new goal's empty canvas
    left, top, right, bottom = canvas_rect(desktop.shot("goal-created"))
    width, height = right - left, bottom - top

    # Three milestones, each by double-clicking the empty canvas where it should be.
    points = [(left + width * 25 // 100, top + height * 25 // 100),
              (left + width * 70 // 100, top + height * 25 // 100),
              (left + width * 25 // 100, top + height * 65 // 100)]
    for count, point in enumerate(points, 1):
        desktop.double_click(*point)
        desktop.until(f"milestone {count}", lambda count=count: len(nodes_of(desktop, goal["id"])) == count)
    first, second, third = nodes_of(desktop, goal["id"])
    desktop.shot("three-milestones")
    # Scene units per screen pixel, from where the first two landed (the view does not move meanwhile).
    scale = (second["position"]["x"] - first["position"]["x"]) / (points[1][0] - points[0][0])
    assert 0.2 < scale < 5, scale

    # The third is selected (just added): F2, a new name, Enter.
    desktop.key("F2")
    time.sleep(0.3)
    desktop.key("ctrl+a")
    desktop.type(RENAMED)
    desktop.key("Return")
    desktop.until("the rename", lambda: nodes_of(desktop, goal["id"])[2]["label"] == RENAMED)

    # Drag the first milestone 180 px right and 120 px down with the real X pointer (grab its label,
    # away from the check box and the connect handle).
    grab = (points[0][0] + round(20 / scale), points[0][1] - round(8 / scale))
    desktop.drag(grab, (grab[0] + 180, grab[1] + 120))
    moved = desktop.until("the drag", lambda: next(
        (n for n in nodes_of(desktop, goal["id"]) if n["id"] == first["id"] and n["position"] != first["position"]), None))
    assert abs(moved["position"]["x"] - first["position"]["x"] - 180 * scale) <= 3 * scale + 1, (first, moved)
    assert abs(moved["position"]["y"] - first["position"]["y"] - 120 * scale) <= 3 * scale + 1, (first, moved)
    desktop.shot("dragged")

    # Check the second off by clicking its box (top-left of the milestone: item offset -82, -20).
    box = (points[1][0] + round(-82 / scale), points[1][1] + round(-20 / scale))
    desktop.click(*box)
    desktop.until("the check-off", lambda: {n["id"]: n["completed"] for n in nodes_of(desktop, goal["id"])}[second["id"]])
    desktop.shot("checked-off")

    # Quit like a person (Ctrl+Q): the app must end cleanly and keep everything.
    desktop.xdotool("windowfocus", "--sync", window)
    desktop.key("ctrl+q")
    assert desktop.app is not None
    try:
        code = desktop.app.wait(WAIT)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the app did not quit on Ctrl+Q; output: {desktop.output()}") from None
    assert code == 0, desktop.output()
    return desktop.cli("goals", "show", goal["id"], "--json")


def check_saved(goal: dict) -> None:
    nodes = goal["roadmap"]["nodes"]
    assert goal["title"] == GOAL_TITLE and len(nodes) == 3
    assert [n["label"] for n in nodes] == ["New milestone", "New milestone", RENAMED]
    assert [n["completed"] for n in nodes] == [False, True, False]
    assert goal["progress"] == 33


def run_variant(tmp_path: Path, command: list[str]) -> None:
    with xvfb() as display:
        desktop = Desktop(display, command, tmp_path)
        try:
            goal = drive_the_app(desktop)
        except BaseException:
            desktop.shot("failure")
            raise
        finally:
            desktop.close()
    check_saved(goal)
    assert "Traceback" not in desktop.output()
    print(f"\nscreenshots: {tmp_path}")


def test_source_app_in_a_real_x_server(tmp_path):
    run_variant(tmp_path, [sys.executable, "-m", "goals_desktop"])


@pytest.mark.slow
def test_frozen_app_in_a_real_x_server(tmp_path, frozen_app):
    run_variant(tmp_path, [str(frozen_app / "goals-desktop")])
