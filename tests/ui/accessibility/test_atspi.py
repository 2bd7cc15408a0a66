"""The running app as a screen reader and a keyboard-only person meet it: a real X server (Xvfb), a
private D-Bus session with the AT-SPI bus, the app started on it, its accessibility tree read through
AT-SPI by Debian's Python (tests/support/atspi_reader.py) and real X key events sent by xdotool.

One app start for the module (the tests run in order and build on each other): the milestones are
read with their names, descriptions and checked states; the toggle action done through AT-SPI checks
one off in the database; no control is nameless (Roadmap with a milestone's details, Timeline, Todos);
then, from the goal list, F6 to the canvas, Tab to a milestone, Space, F2 and a new name, Ctrl+Z
twice — the database shows each step, and the announcements are heard on the bus. Xvfb, the buses and the
app are stopped at the end, and die with the test process if it is killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goals_desktop.storage import Database, GoalService
from tests.support import atspi
from tests.support.xserver import screenshot, start_child, stop, xvfb
from tests.ui.plan_data import TODAY, populated_service

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AT-SPI is the Linux accessibility bus"),
    pytest.mark.skipif(bool(atspi.missing()), reason=f"not installed: {', '.join(atspi.missing())} "
                       "(apt-get install xvfb xdotool dbus at-spi2-core python3-gi gir1.2-atspi-2.0)"),
]

WAIT = 60.0
# Roles a person operates; each one must have a name a screen reader can say.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "entry", "password text",
    "spin button", "slider", "page tab", "menu item", "check menu item", "radio menu item", "list", "tree",
    "table", "tree table", "canvas", "date editor", "scroll pane", "page tab list",
}


class RunningApp:
    def __init__(self, folder: Path, bus: dict, display: str) -> None:
        self.folder, self.bus, self.display = folder, bus, display
        self.database = folder / "goals.sqlite3"
        service, self.goal_id = populated_service(folder)
        service.db.close()
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
        env.update(bus)
        env.update({
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "GOALS_DESKTOP_DATABASE": str(self.database),
            "GOALS_DESKTOP_LOG_DIR": str(folder / "logs"),
            "GOALS_DESKTOP_CONFIG_DIR": str(folder / "config"),
            "XDG_CONFIG_HOME": str(folder / "xdg-config"),
            "GOALS_DESKTOP_TODAY": TODAY,
            "LANGUAGE": "en",
        })
        self.env = env
        self.log = open(folder / "app-output.txt", "w")
        self.app = start_child([sys.executable, "-m", "goals_desktop"], env=env, stdout=self.log,
                               stderr=subprocess.STDOUT, cwd=folder)

    def close(self) -> None:
        stop(self.app)
        self.log.close()

    def output(self) -> str:
        self.log.flush()
        return (self.folder / "app-output.txt").read_text()[-3000:]

    def tree(self) -> dict:
        return atspi.read(self.bus, "tree", str(self.app.pid))

    def canvas(self, tree: dict | None = None) -> dict | None:
        for _path, node in atspi.walk(tree or self.tree()):
            if node["role"] == "canvas" and "showing" in node["states"]:
                return node
        return None

    def goal(self):
        service = GoalService(Database(self.database))
        try:
            return service.get_goal(self.goal_id)
        finally:
            service.db.close()

    def until(self, what: str, condition, timeout: float = WAIT):
        end = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > end or self.app.poll() is not None:
                shot = screenshot(self.display, self.folder / "timeout.png")
                raise AssertionError(f"{what}: not seen in {timeout:.0f} s (screen: {shot}); app output: {self.output()}")
            time.sleep(0.2)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT)
        assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr.strip()}"
        return done.stdout.strip()

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", *keys)
        time.sleep(0.3)  # let the app take it before the next look


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    folder = tmp_path_factory.mktemp("atspi")
    with xvfb() as display, atspi.accessibility_bus(display) as bus:
        app = RunningApp(folder, bus, display)
        try:
            app.until("the roadmap on the accessibility bus", lambda: (app.canvas() or {}).get("children"))
            yield app
        finally:
            app.close()
    print(f"\napp output and screenshots: {folder}")


def test_the_milestones_are_heard_with_names_descriptions_and_checked_states(running):
    canvas = running.canvas()
    assert canvas["name"] == "Roadmap of Learn Machine Learning"
    milestones = canvas["children"]
    assert [m["role"] for m in milestones] == ["check box"] * 10
    assert [m["name"] for m in milestones][:4] == ["Python basics", "NumPy and pandas", "Linear algebra refresher", "Probability and statistics"]
    assert ["checked" in m["states"] for m in milestones] == [True] + [False] * 9
    assert all("checkable" in m["states"] and "Toggle" in m["actions"] for m in milestones)
    by_name = {m["name"]: m["description"] for m in milestones}
    assert by_name["Linear algebra refresher"] == "due 18 Mar 2026, 4 days late, about 3 weeks, after Python basics, on the critical path"
    assert by_name["NumPy and pandas"] == "overdue since 27 Feb 2026, about 10 days, after Python basics"
    assert by_name["Python basics"] == "done"


def check_off_la_through_atspi(running) -> None:
    assert atspi.read(running.bus, "do", str(running.app.pid), "check box", "Linear algebra refresher", "Toggle") == {"done": True}
    running.until("la checked off in the database", lambda: running.goal().roadmap.node("la").completed)


def la_checked_off_as_the_test_above_leaves_it(running) -> None:
    """Each pytest-xdist worker runs its own app, and this module's tests may be shared out between
    two: a test that follows the toggle test checks la off itself when that test ran elsewhere."""
    if not running.goal().roadmap.node("la").completed:
        check_off_la_through_atspi(running)


def as_the_tests_above_left_it(running) -> None:
    """The app as the tests before this one leave it: la checked off through AT-SPI, "Probability
    and statistics" the canvas's last focused milestone, the Roadmap and Goals tabs shown."""
    la_checked_off_as_the_test_above_leaves_it(running)
    assert atspi.read(running.bus, "do", str(running.app.pid), "check box", "Probability and statistics", "SetFocus") == {"done": True}
    press_tab(running, "Roadmap")
    press_tab(running, "Goals")


def test_the_toggle_action_through_atspi_checks_off_in_the_database(running):
    assert running.goal().roadmap.node("la").completed is False
    check_off_la_through_atspi(running)
    milestones = {m["name"]: m for m in running.canvas()["children"]}
    assert "checked" in milestones["Linear algebra refresher"]["states"]
    assert milestones["Linear algebra refresher"]["description"].startswith("done, after Python basics")


def nameless_controls(tree: dict) -> list[str]:
    return [
        " > ".join([*path, node["role"]]) for path, node in atspi.walk(tree)
        if node["role"] in CONTROL_ROLES and "showing" in node["states"] and not node["name"].strip()
    ]


def press_tab(running, name: str) -> dict:
    assert atspi.read(running.bus, "do", str(running.app.pid), "page tab", name, "Press") == {"done": True}
    time.sleep(0.5)
    return running.tree()


def test_no_control_is_nameless_and_the_timeline_bars_are_heard(running):
    la_checked_off_as_the_test_above_leaves_it(running)
    # A milestone selected (through its SetFocus action), so its details form shows too.
    assert atspi.read(running.bus, "do", str(running.app.pid), "check box", "Probability and statistics", "SetFocus") == {"done": True}
    time.sleep(0.5)
    nameless = nameless_controls(running.tree())
    timeline = press_tab(running, "Timeline")
    nameless += nameless_controls(timeline)
    pane = next(n for _p, n in atspi.walk(timeline) if n["role"] == "panel" and n["name"] == "Timeline" and "showing" in n["states"])
    rows = {r["name"]: r for r in pane["children"]}
    assert list(rows)[:3] == ["Python basics", "NumPy and pandas", "Linear algebra refresher"] and len(rows) == 10
    assert rows["Probability and statistics"]["description"].startswith("due 17 Apr 2026")
    assert "checked" in rows["Linear algebra refresher"]["states"]  # checked off through the canvas's toggle above
    assert {"Toggle", "Increase", "Decrease"} <= set(rows["Probability and statistics"]["actions"])
    nameless += nameless_controls(press_tab(running, "Todos"))
    press_tab(running, "Roadmap")
    press_tab(running, "Goals")
    assert not nameless, "controls a screen reader cannot name:\n" + "\n".join(dict.fromkeys(nameless))


def goal_list_focused(running) -> bool:
    return any(n["role"] == "list" and n["name"] == "Goals" and "focused" in n["states"] for _p, n in atspi.walk(running.tree()))


def test_keyboard_only_walk_with_real_x_keys(running):
    as_the_tests_above_left_it(running)
    window = running.xdotool("search", "--onlyvisible", "--name", "^Goals Desktop$").split()[0]
    running.xdotool("windowfocus", "--sync", window)
    # From the goal list (where the window opens with the focus; the tests above moved it), F6 goes
    # to the canvas and Tab to its first milestone.
    for _ in range(3):
        if goal_list_focused(running):
            break
        running.key("F6")
    assert goal_list_focused(running)
    running.key("F6")
    running.until("the canvas focused", lambda: "focused" in (running.canvas() or {}).get("states", []))
    listener = atspi.Listener(running.bus, running.app.pid, seconds=8)
    running.key("Tab")  # the milestone after the one last focused (the test above focused stats)
    focused = [m["name"] for m in running.canvas()["children"] if "focused" in m["states"]]
    assert focused == ["Linear and logistic regression"]
    label = focused[0]
    running.key("space")
    running.until("lr checked off", lambda: running.goal().roadmap.node("lr").completed)
    # The Menu key: the milestone's context menu (what it offers is checked in what the reader heard).
    running.key("Menu", "Down")
    running.key("Escape")
    running.key("F2")
    running.key("ctrl+a")
    running.xdotool("type", "--delay", "25", "Regression, two kinds")
    running.key("Return")
    running.until("lr renamed", lambda: running.goal().roadmap.node("lr").label == "Regression, two kinds")
    # What a screen reader was told meanwhile: the focus moving, the check-off, the new name.
    events = listener.heard()
    heard = {(e["type"], e["name"], e["detail1"]) for e in events if e["role"] == "check box"}
    menus = [set(e["menu"]) for e in events if e["role"] == "menu item"]
    wanted = {"Check off / reopen", "Rename milestone", "Break down with AI…", "Make a todo from this milestone"}
    assert any(wanted <= menu for menu in menus), menus
    assert ("object:state-changed:focused", label, 1) in heard, heard
    assert ("object:state-changed:checked", label, 1) in heard, heard
    assert ("object:property-change:accessible-name", "Regression, two kinds", 0) in heard, heard
    screenshot(running.display, running.folder / "keyboard-walk.png")
    running.key("ctrl+z")
    running.until("the rename undone", lambda: running.goal().roadmap.node("lr").label == label)
    running.key("ctrl+z")
    running.until("the check-off undone", lambda: not running.goal().roadmap.node("lr").completed)
    assert running.goal().roadmap.node("la").completed  # the screen reader's check-off is still there
    assert "Traceback" not in running.output()
