"""Desktop notifications that open a goal when clicked.

On a desktop with an org.freedesktop.Notifications service (Linux, BSD) the notification goes
over D-Bus (jeepney, pure Python; keyring already depends on it there) with a default action; a
thread listens for ActionInvoked and the click comes back as `clicked(goal_id)` on the Qt thread.
Elsewhere (or with no such service) it is the tray icon's balloon message, whose click does the
same. `shown` records what was shown (title, body, how), for the status strip and the tests.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

APP_NAME = "Goals Desktop"
_BUS_NAME = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"


class Notifier(QObject):
    clicked = Signal(str)  # the goal id the notification was about
    _invoked = Signal(int)  # from the listening thread

    def __init__(self, tray: QSystemTrayIcon | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        self.shown: list[tuple[str, str, str]] = []
        self._goals: dict[int, str] = {}  # notification id -> goal id
        self._tray_goal: str | None = None
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self._invoked.connect(self._on_invoked)
        if tray is not None:
            tray.messageClicked.connect(self._tray_clicked)

    def notify(self, title: str, body: str, goal_id: str | None) -> str:
        """Show it; returns how: "dbus", "tray" or "" (nowhere to show it)."""
        notification_id = self._notify_dbus(title, body)
        if notification_id is not None:
            if goal_id:
                self._goals[notification_id] = goal_id
            how = "dbus"
        elif self.tray is not None and self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self._tray_goal = goal_id
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
            how = "tray"
        else:
            how = ""
        self.shown.append((title, body, how))
        return how

    # -- D-Bus ---------------------------------------------------------------------------------------

    def _notify_dbus(self, title: str, body: str) -> int | None:
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return None
        address = DBusAddress(_PATH, bus_name=_BUS_NAME, interface=_BUS_NAME)
        try:
            self._listen()
            with open_dbus_connection(bus="SESSION") as connection:
                message = new_method_call(
                    address, "Notify", "susssasa{sv}i", (APP_NAME, 0, "goals-desktop", title, body, ["default", "Open"], {}, -1)
                )
                reply = connection.send_and_get_reply(message, timeout=3)
        except Exception:  # no session bus, no notification service, a refusal: use the tray
            return None
        if reply.header.message_type.name != "method_return":
            return None
        return int(reply.body[0])

    def _listen(self) -> None:
        if self._listener is not None:
            return
        from jeepney import MatchRule, message_bus
        from jeepney.io.blocking import open_dbus_connection

        connection = open_dbus_connection(bus="SESSION")  # raises without a bus: no notification then
        rule = MatchRule(type="signal", interface=_BUS_NAME, member="ActionInvoked", path=_PATH)
        connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=3)

        def run() -> None:
            with connection, connection.filter(rule) as queue:
                while not self._stop.is_set():
                    try:
                        signal = connection.recv_until_filtered(queue, timeout=0.5)
                    except TimeoutError:
                        continue
                    except Exception:
                        return
                    self._invoked.emit(int(signal.body[0]))

        self._listener = threading.Thread(target=run, name="notification-clicks", daemon=True)
        self._listener.start()

    def _on_invoked(self, notification_id: int) -> None:
        goal_id = self._goals.get(notification_id)
        if goal_id:
            self.clicked.emit(goal_id)

    def _tray_clicked(self) -> None:
        if self._tray_goal:
            self.clicked.emit(self._tray_goal)

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.join(2)
