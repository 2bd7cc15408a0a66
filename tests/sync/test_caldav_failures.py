"""A pass cut short (server stopped, SIGKILL) resumes without duplicates or loss; bad servers get
one clear line and change nothing here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from goals_desktop.exchange.ics import milestone_uid, todo_uid
from goals_desktop.storage.caldav_state import SyncStore
from goals_desktop.sync.account import run_pass, setup
from goals_desktop.sync.server import Server, SyncError
from tests.support.backends import APP_TABLES, snapshot
from tests.support.fault_proxy import FaultProxy
from tests.support.radicale_server import free_port
from tests.sync.conftest import PASSWORD, Phone


def _app_rows(db_path):
    rows = snapshot(db_path)
    return {name: rows[name] for name in APP_TABLES}


def _goal(service):
    goal = service.create_goal("Learn Spanish", target_date="2027-06-01")
    service.set_roadmap(
        goal.id,
        {"nodes": [{"id": "a", "label": "A1"}, {"id": "b", "label": "A2", "due_date": "2027-02-01"}], "edges": [{"id": "e", "source": "a", "target": "b"}]},
    )
    return goal


def _one_line(error: Exception) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    return text


def test_server_stopped_in_the_middle_of_a_pass_then_restarted(service, radicale, account, phone):
    goal = _goal(service)
    old = service.create_todo("Old todo")
    run_pass(service, PASSWORD)
    phone.edit(milestone_uid(goal.id, "a"), status="COMPLETED")
    phone.edit(todo_uid(old.id), summary="Old todo, renamed on the phone")
    new = [service.create_todo(f"New {n}") for n in range(5)]
    stopped = []

    def stop_server(change):  # right after the first change from the phone is committed here
        if not stopped:
            stopped.append(change)
            radicale.stop()

    unsubscribe = service.subscribe(stop_server)
    with pytest.raises(SyncError) as cut:
        run_pass(service, PASSWORD)
    unsubscribe()
    assert "cannot reach the CalDAV server" in _one_line(cut.value)
    assert stopped

    radicale.start()
    run_pass(service, PASSWORD)
    on_phone = phone.todos()  # fails on a duplicate UID
    assert set(on_phone) >= {todo_uid(t.id) for t in [old, *new]}
    assert len(on_phone) == 2 + 1 + len(new)
    assert service.get_goal(goal.id).roadmap.node("a").completed
    assert service.get_todo(old.id).title == "Old todo, renamed on the phone"
    again = run_pass(service, PASSWORD)
    assert (again.uploaded, again.applied) == ([], [])


def _calendar_files(radicale, account) -> int:
    from urllib.parse import urlsplit

    folder = radicale.folder / "collections" / "collection-root" / urlsplit(account.calendar_url).path.strip("/")
    return sum(1 for f in folder.glob("*.ics"))


@pytest.mark.slow
def test_a_pass_killed_with_sigkill_is_finished_by_the_next_without_duplicates_or_loss(service, db_path, radicale, account, phone):
    goal = _goal(service)
    edited = service.create_todo("Edited here")
    ticked = service.create_todo("Ticked on the phone")
    run_pass(service, PASSWORD)
    service.update_todo(edited.id, title="Edited here, before the kill")
    phone.edit(todo_uid(ticked.id), status="COMPLETED")
    many = [service.create_todo(f"Bulk {n}") for n in range(150)]
    before = _calendar_files(radicale, account)

    env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path), "GOALS_DESKTOP_CALDAV_PASSWORD": PASSWORD}
    child = subprocess.Popen([sys.executable, "-m", "goals_desktop", "sync", "caldav", "run"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _calendar_files(radicale, account) < before + 20 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL, "the pass ended before it could be killed"
    assert before + 20 <= _calendar_files(radicale, account) < before + len(many)

    run_pass(service, PASSWORD)
    on_phone = phone.todos()  # fails on a duplicate UID
    expected = {todo_uid(t.id) for t in [edited, ticked, *many]} | {milestone_uid(goal.id, n) for n in "ab"}
    assert set(on_phone) == expected
    assert str(on_phone[todo_uid(edited.id)]["summary"]) == "Edited here, before the kill"
    assert service.get_todo(ticked.id).completed
    assert len(service.list_todos()) == 152
    again = run_pass(service, PASSWORD)
    assert (again.uploaded, again.applied) == ([], [])


def test_unreachable_server_and_wrong_password_are_one_line_and_change_nothing(service, db_path, radicale, account):
    _goal(service)
    before = _app_rows(db_path)
    with pytest.raises(SyncError) as unreachable:
        setup(service, f"http://127.0.0.1:{free_port()}/", "alice", PASSWORD)
    assert "cannot reach the CalDAV server" in _one_line(unreachable.value)
    with pytest.raises(SyncError) as refused:
        run_pass(service, "wrong password")
    assert "401" in _one_line(refused.value)
    assert _app_rows(db_path) == before
    assert "401" in SyncStore(service.db).meta()["last_pass"]


def test_another_users_calendar_is_403(service, radicale, account):
    from goals_desktop.sync.engine import SyncPass

    _goal(service)
    bob = Server(radicale.url, "bob", "bob-secret")
    import caldav

    bob.calendar = caldav.Calendar(client=bob.client, url=account.calendar_url)
    with pytest.raises(SyncError) as refused:
        SyncPass(service, bob, account.calendar_url).run()
    assert "403" in _one_line(refused.value)
    bob.close()


@pytest.fixture
def via_proxy(service, radicale):
    with FaultProxy(radicale.url) as proxy:
        made, _ = setup(service, proxy.url, "alice", PASSWORD, calendar=f"Proxied {os.urandom(3).hex()}")
        yield proxy, made


def test_412_on_every_write_is_one_line_and_changes_nothing(service, db_path, via_proxy, radicale):
    proxy, made = via_proxy
    todo = service.create_todo("Water plants")
    run_pass(service, PASSWORD)
    service.update_todo(todo.id, title="Water the plants")
    before = _app_rows(db_path)
    proxy.put_status = 412
    with pytest.raises(SyncError) as loop:
        run_pass(service, PASSWORD)
    assert "412" in _one_line(loop.value)
    assert _app_rows(db_path) == before
    phone = Phone(radicale.url, made.calendar_url)
    assert str(phone.todos()[todo_uid(todo.id)]["summary"]) == "Water plants"
    proxy.put_status = None
    run_pass(service, PASSWORD)
    assert str(phone.todos()[todo_uid(todo.id)]["summary"]) == "Water the plants"
    phone.close()


def test_a_5xx_in_the_middle_of_a_pass_stops_it_and_the_next_pass_finishes(service, db_path, via_proxy, radicale):
    proxy, made = via_proxy
    todos = [service.create_todo(f"Todo {n}") for n in range(6)]
    proxy.fail_after = proxy.forwarded + 5  # the listing, then a few uploads, then 503
    before = _app_rows(db_path)
    with pytest.raises(SyncError) as failed:
        run_pass(service, PASSWORD)
    assert "503" in _one_line(failed.value)
    assert _app_rows(db_path) == before
    proxy.fail_after = None
    run_pass(service, PASSWORD)
    phone = Phone(radicale.url, made.calendar_url)
    assert set(phone.todos()) == {todo_uid(t.id) for t in todos}
    phone.close()


def test_a_malformed_vtodo_is_skipped_and_named_the_rest_comes_back(service, db_path, via_proxy, radicale):
    proxy, made = via_proxy
    bad = service.create_todo("Bad one", due_date="2027-01-15")
    good = service.create_todo("Good one")
    run_pass(service, PASSWORD)
    phone = Phone(radicale.url, made.calendar_url)
    phone.edit(todo_uid(bad.id), summary="Bad one, edited")
    phone.edit(todo_uid(good.id), status="COMPLETED")
    proxy.rewrite = lambda body: body.replace(b"DUE;VALUE=DATE:20270115", b"DUE;VALUE=DATE:2027XX15")
    service.update_todo(bad.id, notes="edited here too")  # held back while the VTODO is unreadable
    report = run_pass(service, PASSWORD)
    assert len(report.skipped) == 1 and todo_uid(bad.id) in report.skipped[0]
    assert service.get_todo(bad.id).title == "Bad one"
    assert service.get_todo(good.id).completed
    assert str(phone.todos()[todo_uid(bad.id)]["summary"]) == "Bad one, edited"
    # Readable again: both edits meet.
    proxy.rewrite = None
    run_pass(service, PASSWORD)
    assert str(phone.todos()[todo_uid(bad.id)]["description"]) == "edited here too"
    assert (service.get_todo(bad.id).title, service.get_todo(bad.id).notes) == ("Bad one, edited", "edited here too")
    phone.close()


def test_the_server_reports_deletions_and_starts_over_after_an_unknown_token(radicale, account, phone):
    server = Server(radicale.url, "alice", PASSWORD)
    try:
        server.open_calendar(account.calendar, account.calendar_url)
        phone.add("Kept", "kept@phone")
        phone.add("Dropped", "dropped@phone")
        first = server.changes(None)
        dropped, kept = server.href_for("dropped@phone"), server.href_for("kept@phone")
        assert first.full and {dropped, kept} <= set(first.etags) and all(first.etags.values())
        phone.delete("dropped@phone")

        since = server.changes(first.token)
        assert not since.full and since.deleted == {dropped} and since.etags == {}
        assert since.token and since.token != first.token

        # Radicale answers 403 to a token it never issued: a full listing, not a refusal.
        over = server.changes(first.token + "-unknown")
        assert over.full and kept in over.etags and dropped not in over.etags
    finally:
        server.close()


@pytest.mark.parametrize(("reason", "expected"), [("Unauthorized", "401 Unauthorized"), ("Forbidden", "403 Forbidden")])
def test_a_refusal_is_told_by_its_status_not_by_the_digits_of_the_servers_port(reason, expected):
    """caldav's AuthorizationError names the URL in its text: a server on port 34039 once made a
    wrong password read as "refuses this account access (403 Forbidden)"."""
    from caldav.lib import error as dav

    from goals_desktop.sync.server import talking_to

    url = "http://127.0.0.1:34039/"
    with pytest.raises(SyncError) as refused:
        with talking_to(url):
            raise dav.AuthorizationError(url=url + "phone/calendar/", reason=reason)
    assert str(refused.value).endswith(f"({expected}).")
