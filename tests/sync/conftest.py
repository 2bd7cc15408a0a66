"""CalDAV sync tests: one real Radicale per module (tests/support/radicale_server.py), a calendar of
its own per test, and a second `caldav` client that plays the phone."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from tests.support.radicale_server import RadicaleServer

PASSWORD = "alice-secret"


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch, tmp_path):
    """Never the user's keyring: the password comes per run, as on a headless machine."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("GOALS_DESKTOP_CALDAV_PASSWORD", raising=False)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server = RadicaleServer(tmp_path_factory.mktemp("radicale")).start()
    yield server
    server.stop()


@pytest.fixture
def account(service, radicale):
    from goals_desktop.sync.account import setup

    name = f"Goals {uuid.uuid4().hex[:8]}"
    made, _ = setup(service, radicale.url, "alice", PASSWORD, calendar=name)
    return made


class Phone:
    """Another CalDAV client on the same calendar, as DAVx5 or iOS Reminders would be."""

    def __init__(self, url: str, calendar_url: str) -> None:
        import caldav

        from urllib.parse import urljoin, urlsplit

        self.client = caldav.DAVClient(url=url, username="alice", password=PASSWORD)
        # Straight to the server, even when the sync goes through a proxy.
        self.calendar = caldav.Calendar(client=self.client, url=urljoin(url, urlsplit(calendar_url).path))

    def todos(self) -> dict:
        """uid -> the VTODO component, every one on the server (completed too)."""
        found = {}
        for obj in self.calendar.todos(include_completed=True):
            component = obj.icalendar_component
            uid = str(component["uid"])
            assert uid not in found, f"duplicate UID {uid} on the server"
            found[uid] = component
        return found

    def count(self) -> int:
        return len(self.calendar.todos(include_completed=True))

    def _object(self, uid: str):
        found = [o for o in self.calendar.todos(include_completed=True) if str(o.icalendar_component["uid"]) == uid]
        assert len(found) == 1, f"{len(found)} VTODOs with UID {uid}"
        return found[0]

    def edit(self, uid: str, *, later_by: timedelta = timedelta(0), **changes) -> None:
        """Change fields as a phone app does, stamping LAST-MODIFIED (now + later_by)."""
        obj = self._object(uid)
        todo = obj.icalendar_component
        for name, value in changes.items():
            todo.pop(name, None)
            if name == "status" and value == "COMPLETED":
                todo.pop("completed", None)
                todo.add("completed", datetime.now(timezone.utc))
            if name == "status" and value != "COMPLETED":
                todo.pop("completed", None)
            if value is not None:
                todo.add(name, value)
        todo.pop("last-modified", None)
        todo.add("last-modified", datetime.now(timezone.utc).replace(microsecond=0) + later_by)
        obj.save()

    def delete(self, uid: str) -> None:
        self._object(uid).delete()

    def add(self, summary: str, uid: str) -> None:
        # A whole VCALENDAR: caldav 1.x builds one from keywords with an icalendar 6 API that 7 removed.
        import icalendar

        todo = icalendar.Todo()
        todo.add("uid", uid)
        todo.add("summary", summary)
        todo.add("dtstamp", datetime.now(timezone.utc))
        todo.add("status", "NEEDS-ACTION")
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Goals Desktop tests//phone//EN")
        calendar.add("version", "2.0")
        calendar.add_component(todo)
        self.calendar.save_todo(calendar.to_ical().decode("utf-8"))

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def phone(radicale, account):
    device = Phone(radicale.url, account.calendar_url)
    yield device
    device.close()
