"""Read (and act on) a running app's accessibility tree through AT-SPI, as a screen reader does.

Run by Debian's /usr/bin/python3 (python3-gi, gir1.2-atspi-2.0), not the venv, on the bus in
DBUS_SESSION_BUS_ADDRESS; prints one JSON document. No project imports: this is the reader's side.

    atspi_reader.py tree PID                     the app's whole tree
    atspi_reader.py do PID ROLE NAME ACTION      do ACTION (its name, e.g. "Toggle") on the first
                                                 showing object of ROLE named NAME
    atspi_reader.py listen PID SECONDS           the app's announcements for SECONDS at most, or until
                                                 stdin closes (prints "ready" on a line of its own once
                                                 listening, then the JSON)
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

STATES = {
    "checked": Atspi.StateType.CHECKED,
    "checkable": Atspi.StateType.CHECKABLE,
    "focusable": Atspi.StateType.FOCUSABLE,
    "focused": Atspi.StateType.FOCUSED,
    "showing": Atspi.StateType.SHOWING,
    "visible": Atspi.StateType.VISIBLE,
    "enabled": Atspi.StateType.ENABLED,
    "selected": Atspi.StateType.SELECTED,
    "editable": Atspi.StateType.EDITABLE,
}


def application(pid: int, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(index)
            try:
                if app is not None and app.get_process_id() == pid and app.get_child_count():
                    return app
            except Exception:  # noqa: BLE001 - an app going away while we look
                continue
        time.sleep(0.2)
    raise SystemExit(f"no application with pid {pid} on the accessibility bus")


def actions(node) -> list[str]:
    action = node.get_action_iface()
    if action is None:
        return []
    return [Atspi.Action.get_action_name(action, i) for i in range(Atspi.Action.get_n_actions(action))]


# Only these roles' descriptions and actions are read: each question is a D-Bus round trip, and a
# window has hundreds of objects.
DETAILED_ROLES = {"check box", "panel", "canvas", "list item"}


def describe(node, depth: int = 0) -> dict:
    states = node.get_state_set()
    role = node.get_role_name()
    detailed = role in DETAILED_ROLES
    out = {
        "role": role,
        "name": node.get_name() or "",
        "description": (node.get_description() or "") if detailed else "",
        "states": [name for name, state in STATES.items() if states.contains(state)],
        "actions": actions(node) if detailed else [],
        "children": [],
    }
    # What is not showing (other tabs' pages, closed popups) is listed but not entered.
    if depth < 40 and (depth == 0 or states.contains(Atspi.StateType.SHOWING)):
        for index in range(node.get_child_count()):
            child = node.get_child_at_index(index)
            if child is not None:
                out["children"].append(describe(child, depth + 1))
    return out


def tree(app, attempts: int = 5) -> dict:
    """The app's whole tree, read again when an object went away while it was walked (a window
    still building its panels, or a busy machine's late repaint: the bus then answers "No such
    object path" for a child it listed a moment before)."""
    for _ in range(attempts - 1):
        try:
            return describe(app)
        except GLib.Error:
            time.sleep(0.2)
    return describe(app)


def find(node, role: str, name: str, depth: int = 0):
    showing = depth == 0 or node.get_state_set().contains(Atspi.StateType.SHOWING)
    if not showing:
        return None
    if node.get_role_name() == role and node.get_name() == name:
        return node
    for index in range(node.get_child_count()):
        child = node.get_child_at_index(index)
        found = find(child, role, name, depth + 1) if child is not None else None
        if found is not None:
            return found
    return None


EVENTS = (
    "object:state-changed:checked", "object:state-changed:focused", "object:property-change:accessible-name",
    "object:property-change:accessible-description", "object:children-changed",
)


def listen(pid: int, seconds: float) -> list[dict]:
    heard: list[dict] = []

    def heard_one(event) -> None:
        try:
            source = event.source
            if source.get_process_id() != pid:
                return
            role = source.get_role_name()
            entry = {"type": event.type, "name": source.get_name() or "", "role": role, "detail1": event.detail1}
            if role == "menu item":
                # A popup menu is no child of the window: what it offers is read from its items' parent.
                menu = source.get_parent()
                entry["menu"] = [menu.get_child_at_index(i).get_name() for i in range(menu.get_child_count())] if menu else []
            heard.append(entry)
        except Exception:  # noqa: BLE001 - an object gone before we asked
            pass

    listener = Atspi.EventListener.new(heard_one)
    for kind in EVENTS:
        listener.register(kind)
    print("ready", flush=True)
    from gi.repository import GLib

    GLib.timeout_add(int(seconds * 1000), lambda: Atspi.event_quit() or False)
    # The test closes our stdin when it has done what it wanted heard: stop then.
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.IN | GLib.IOCondition.HUP, lambda *_: Atspi.event_quit() or False)
    Atspi.event_main()
    return heard


def main(argv: list[str]) -> None:
    command, pid = argv[1], int(argv[2])
    app = application(pid)
    if command == "tree":
        print(json.dumps(tree(app)))
    elif command == "do":
        role, name, action_name = argv[3:6]
        node = find(app, role, name)
        if node is None:
            raise SystemExit(f"no showing {role} named {name!r}")
        names = actions(node)
        if action_name not in names:
            raise SystemExit(f"{role} {name!r} has no action {action_name!r} (it has {names})")
        done = Atspi.Action.do_action(node.get_action_iface(), names.index(action_name))
        print(json.dumps({"done": bool(done)}))
    elif command == "listen":
        print(json.dumps(listen(pid, float(argv[3]))))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
