"""A real org.freedesktop.Notifications service on a private D-Bus session bus, for the tests.

`python -m tests.support.notification_service RECORD` owns the name on $DBUS_SESSION_BUS_ADDRESS,
answers Notify (appending each notification to RECORD as a JSON line), GetCapabilities and
GetServerInformation, and on the test-only call org.goalsdesktop.Test.Click(id) emits
ActionInvoked(id, "default") as a notification daemon does when the user clicks.

PrivateBus starts dbus-daemon and this service as children that die with the test process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def serve(record: Path) -> None:
    from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    connection = open_dbus_connection(bus="SESSION")
    connection.send_and_get_reply(message_bus.RequestName(NAME))
    emitter = DBusAddress(PATH, interface=NAME)
    last_id = 0
    while True:
        message = connection.receive()
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            last_id += 1
            app, _replaces, _icon, summary, body, actions, _hints, timeout = message.body
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"id": last_id, "app": app, "summary": summary, "body": body, "actions": actions}) + "\n")
            connection.send(new_method_return(message, "u", (last_id,)))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (["actions", "body"],)))
        elif member == "GetServerInformation":
            connection.send(new_method_return(message, "ssss", ("test-notifications", "goals-desktop", "1", "1.2")))
        elif member == "Click":
            (notification_id,) = message.body
            connection.send(new_signal(emitter, "ActionInvoked", "us", (notification_id, "default")))
            connection.send(new_method_return(message))
        else:
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))


class PrivateBus:
    """dbus-daemon on a socket in folder, and the notification service on it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.record = self.folder / "notifications.jsonl"
        self.address = f"unix:path={self.folder / 'bus'}"
        self.children: list[subprocess.Popen] = []

    @staticmethod
    def available() -> bool:
        return shutil.which("dbus-daemon") is not None

    def start(self) -> PrivateBus:
        from tests.support.children import start_child

        config = self.folder / "bus.conf"
        config.write_text(
            f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>{self.address}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>"""
        )
        self.children.append(start_child(["dbus-daemon", "--nofork", f"--config-file={config}"], stdout=subprocess.DEVNULL))
        self._wait(lambda: (self.folder / "bus").exists())
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}
        root = str(Path(__file__).resolve().parents[2])
        self.children.append(start_child([sys.executable, "-m", "tests.support.notification_service", str(self.record)], env=env, cwd=root))
        self._wait(self._service_up)
        return self

    def _service_up(self) -> bool:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        try:
            with open_dbus_connection(bus=self.address) as connection:
                call = new_method_call(DBusAddress(PATH, bus_name=NAME, interface=NAME), "GetServerInformation")
                return connection.send_and_get_reply(call, timeout=1).header.message_type.name == "method_return"
        except Exception:
            return False

    def click(self, notification_id: int) -> None:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus=self.address) as connection:
            call = new_method_call(DBusAddress(PATH, bus_name=NAME, interface="org.goalsdesktop.Test"), "Click", "u", (notification_id,))
            connection.send_and_get_reply(call, timeout=3)

    def shown(self) -> list[dict]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text(encoding="utf-8").splitlines()]

    @staticmethod
    def _wait(condition, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("the private D-Bus session did not come up")
            time.sleep(0.05)

    def stop(self) -> None:
        for child in reversed(self.children):
            child.terminate()
            child.wait(5)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
