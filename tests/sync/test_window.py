"""The window's side: File ▸ Calendar sync… and the status strip (against Radicale), and the
reminder notification on a real org.freedesktop.Notifications service on a private D-Bus session."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSettings, Qt

from goals_desktop.exchange.ics import todo_uid
from goals_desktop.storage.caldav_state import SyncStore
from goals_desktop.ui.main_window import MainWindow
from tests.support.notification_service import PrivateBus
from tests.support.radicale_server import free_port
from tests.sync.conftest import PASSWORD, Phone


@pytest.fixture
def window(qtbot, service, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", "2026-12-10")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(service, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _type(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def test_calendar_sync_dialog_connects_syncs_and_the_status_strip_follows(qtbot, window, service, radicale):
    todo = service.create_todo("Call the plumber", due_date="2026-12-20")
    context = window.calendar_sync
    assert context.dialog_action in window.file_menu.actions()
    assert context.status_label in window.statusBar().findChildren(type(context.status_label))
    assert context.status_label.text() == ""  # not set up: nothing to say

    context.dialog_action.trigger()
    dialog = context.settings_dialog.dialog
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.url, radicale.url)
    _type(qtbot, dialog.user, "alice")
    _type(qtbot, dialog.password, PASSWORD)
    _type(qtbot, dialog.calendar, "Window calendar")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.account_state.text(), timeout=20_000)
    assert "kept until the app closes" in dialog.account_state.text()  # no keyring in the tests
    qtbot.waitUntil(lambda: context.status_label.text().startswith("Calendar synced at"), timeout=20_000)
    assert "(1 up, 0 down)" in context.status_label.text()

    phone = Phone(radicale.url, SyncStore(service.db).meta()["calendar_url"])
    phone.edit(todo_uid(todo.id), status="COMPLETED")
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: service.get_todo(todo.id).completed, timeout=20_000)
    qtbot.waitUntil(lambda: "(0 up, 1 down)" in context.status_label.text(), timeout=20_000)
    phone.close()

    # Sync every N minutes is saved and starts the timer.
    dialog.interval.setValue(15)
    assert context.every.isActive() and context.every.interval() == 15 * 60_000
    assert int(window.settings.value("calendarSync/intervalMinutes")) == 15

    # A failing pass: one line in the status strip.
    context.session_password = "wrong"
    context.sync_now()
    qtbot.waitUntil(lambda: "Calendar sync failed" in context.status_label.text(), timeout=20_000)
    assert "401" in context.status_label.text() and "\n" not in context.status_label.text()

    # A server that is not there: the dialog says so, the account stays as it was.
    _type(qtbot, dialog.url, f"http://127.0.0.1:{free_port()}/")
    _type(qtbot, dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cannot connect" in dialog.account_state.text(), timeout=20_000)
    assert "cannot reach the CalDAV server" in dialog.account_state.text()
    assert SyncStore(service.db).meta()["url"] == radicale.url
    dialog.close()


@pytest.fixture
def private_bus(tmp_path, monkeypatch):
    if not PrivateBus.available():
        pytest.skip("no dbus-daemon here (Debian package dbus-daemon)")
    bus = PrivateBus(tmp_path).start()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    yield bus
    bus.stop()


def test_the_daily_reminder_is_a_desktop_notification_and_its_click_opens_the_goal(qtbot, window, service, private_bus):
    goal = service.create_goal("Trip to Lisbon")
    service.create_todo("Renew passport", due_date="2026-12-08", goal_id=goal.id)
    service.create_todo("Pack", due_date="2026-12-10")
    service.create_todo("Book hotel", due_date="2027-01-10")
    other = service.create_goal("Other goal")
    window.goals.select_goal(other.id)
    context = window.reminders
    assert context.settings_action in window.file_menu.actions()
    context.save(True, context.time_of_day().fromString("09:00", "HH:mm"), False)

    assert not context.check(datetime(2026, 12, 10, 8, 59))
    assert private_bus.shown() == []
    assert context.check(datetime(2026, 12, 10, 9, 1))
    assert not context.check(datetime(2026, 12, 10, 9, 2))  # once a day
    (shown,) = private_bus.shown()
    assert shown["summary"] == "2 due today or overdue (1 overdue)"
    assert shown["body"].splitlines() == ["Renew passport — Trip to Lisbon", "Pack"]
    assert shown["actions"] == ["default", "Open"] and shown["app"] == "Goals Desktop"

    with qtbot.waitSignal(context.open_goal, timeout=10_000) as opened:
        private_bus.click(shown["id"])
    assert opened.args == [goal.id]
    qtbot.waitUntil(lambda: window.goals.current_goal_id() == goal.id)
    assert window.context.current.id == goal.id


def test_reminders_dialog_saves_the_time(qtbot, window, service):
    context = window.reminders
    context.settings_action.trigger()
    dialog = context.settings_dialog.dialog
    qtbot.waitExposed(dialog)
    dialog.time.setTime(dialog.time.time().fromString("18:30", "HH:mm"))
    dialog.enabled.setChecked(True)
    dialog.save()
    assert context.time_of_day().toString("HH:mm") == "18:30"
    assert not context.check(datetime(2026, 12, 10, 18, 29))
