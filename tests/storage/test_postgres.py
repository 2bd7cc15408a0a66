"""PostgreSQL only: the test server itself, writers queuing on the advisory lock, a busy or missing
server, refused logins, dropped connections, passwords never shown, LISTEN/NOTIFY between copies.

(The service, todo, CLI and safety tests run on PostgreSQL too, through the `backend` fixture.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from goals_desktop.domain.errors import NotFoundError, StorageError
from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.db import ChangeWatcher
from goals_desktop.storage.dialects import CHANGES_CHANNEL, WRITE_LOCK_KEY, location_of
from tests.support.backends import BACKENDS_ENV
from tests.support.cli_forks import run_cli
from tests.support.postgres_server import PASSWORD_ROLE, PostgresServer, reap_leftovers

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse"


@pytest.fixture
def pg_url(pg_pool):
    name = pg_pool.acquire()
    yield pg_pool.server.url(name)
    pg_pool.release(name)


@pytest.fixture
def pg_service(pg_url):
    database = Database(pg_url)
    yield GoalService(database)
    database.close()


def dbname(url: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(url).database


def wait_until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in state  # a zombie has exited; only its parent's bookkeeping is left


# -- the test server -------------------------------------------------------------------------------


def test_a_killed_test_run_leaves_no_server_running(tmp_path, pg_server):
    """SIGKILL a pytest that started the session server: postgres dies with it, reaping clears the folder."""
    env = {key: value for key, value in os.environ.items() if key != BACKENDS_ENV}
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "tests/storage/pg_kill_target.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = ""
        deadline = time.monotonic() + 120
        while not line.startswith("SERVER") and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line or child.poll() is None, "the child pytest ended without starting a server"
        _, pid, root = line.split()
        pid, root = int(pid), Path(root)
        assert not process_gone(pid) and root.is_dir()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        child.stdout.close()
    assert wait_until(lambda: process_gone(pid)), "postgres outlived the test process that started it"
    assert wait_until(lambda: not any(str(root) in _cmdline(p) for p in _pids())), "a postgres backend outlived it"
    assert root in reap_leftovers(root.parent) and not root.exists()


def _pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


# -- opening -------------------------------------------------------------------------------------------


def test_a_new_database_gets_the_schema_and_keeps_creation_order(pg_pool):
    name = pg_pool.acquire(empty_schema=True)
    url = pg_pool.server.url(name)
    try:
        database = Database(url)
        assert database.created and not database.is_file and database.path is None
        assert database.schema_revisions()[0] == database.schema_revisions()[1]
        service = GoalService(database)
        # Same second, so only the insertion order tells them apart (SQLite's rowid, our column here).
        titles = [f"Goal {i}" for i in range(30)]
        for title in titles:
            service.create_goal(title)
        assert [g.title for g in service.list_goals()] == titles
        database.close()
        again = Database(url)
        assert not again.created
        again.close()
    finally:
        pg_server_drop(pg_pool, name)


def pg_server_drop(pool, name):
    pool.server.drop_database(name)


def test_a_missing_database_is_one_sentence(pg_server):
    with pytest.raises(StorageError) as caught:
        Database(pg_server.url("no_such_db"))
    assert caught.value.kind == "cannot_open"
    assert "no such database" in str(caught.value) and "\n" not in str(caught.value)


def test_unsupported_url_and_mangled_url_are_refused_without_making_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StorageError, match="postgresql:// URLs, not mysql://"):
        Database("mysql://me@host/goals")
    with pytest.raises(StorageError, match="lost its '//'"):
        Database(Path("postgresql://me@host/goals"))
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_password_is_refused_and_never_shown(pg_server, pg_pool, monkeypatch):
    name = pg_pool.acquire(empty_schema=True)
    try:
        pg_server.execute(f'GRANT ALL ON SCHEMA public TO {PASSWORD_ROLE}', dbname=name)
        wrong = pg_server.url(name, user=PASSWORD_ROLE, password="wrong-secret-123")
        with pytest.raises(StorageError) as caught:
            Database(wrong)
        assert caught.value.kind == "auth" and "wrong-secret-123" not in str(caught.value)
        assert "PGPASSWORD" in str(caught.value) and "\n" not in str(caught.value)
        # The right one from the environment (never from settings): works, and appears nowhere.
        monkeypatch.setenv("PGPASSWORD", PASSWORD)
        database = Database(pg_server.url(name, user=PASSWORD_ROLE))
        assert PASSWORD not in database.location
        database.close()
        # Given in the URL for one run: used, but the location shown and logged has no password.
        with_password = pg_server.url(name, user=PASSWORD_ROLE, password="correct horse")
        monkeypatch.delenv("PGPASSWORD")
        database = Database(with_password)
        assert "horse" not in database.location and "horse" not in location_of(with_password)
        assert database.location.startswith(f"postgresql://{PASSWORD_ROLE}@/")
        database.close()
    finally:
        pg_server.drop_database(name)


# -- writers, locks, dropped connections ----------------------------------------------------------------


def test_writers_queue_on_the_advisory_lock_and_a_long_wait_is_one_sentence(pg_url, pg_server):
    database = Database(pg_url, busy_timeout_ms=300)
    service = GoalService(database)
    goal = service.create_goal("Before")
    name = dbname(pg_url)
    holder = psycopg.connect(pg_server.conninfo(name))
    try:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))  # another copy mid-write
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            service.update_goal(goal.id, title="During")
        assert caught.value.kind == "locked" and "try again" in str(caught.value)
        assert 0.25 < time.monotonic() - started < 5
        # Reading needs no write lock.
        assert service.get_goal(goal.id).title == "Before"
        # The writer waits while the other transaction is short, then goes through.
        threading.Timer(0.1, holder.rollback).start()
        relaxed = GoalService(Database(pg_url, busy_timeout_ms=5000))
        assert relaxed.update_goal(goal.id, title="After").title == "After"
        relaxed.db.close()
    finally:
        holder.close()
        database.close()


def test_a_dropped_connection_is_reconnected_for_the_next_call(pg_service, pg_server):
    goal = pg_service.create_goal("Survives")
    # Dropped: the backends are gone (the timeout makes pg_terminate_backend wait for that).
    pg_server.execute(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'goals-desktop'"
    )
    # The pool checks a connection before handing it out, so nobody sees the drop.
    assert pg_service.update_goal(goal.id, title="Still here").title == "Still here"
    assert [g.title for g in pg_service.list_goals()] == ["Still here"]


def test_a_connection_cut_mid_transaction_changes_nothing_and_says_so(pg_service, pg_server):
    goal = pg_service.create_goal("Whole")
    pg_service.set_roadmap(goal.id, {"nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}], "edges": []})
    before = pg_service.export_goals()
    with pytest.raises(StorageError) as caught:
        with pg_service.db.write() as conn:
            conn.exec_driver_sql("UPDATE nodes SET completed = TRUE WHERE id = 'a'")
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            pg_server.execute(f"SELECT pg_terminate_backend({pid})")
            conn.exec_driver_sql("UPDATE nodes SET completed = TRUE WHERE id = 'b'")
    assert caught.value.kind == "offline" and "nothing was changed" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert pg_service.export_goals() == before


def test_a_stopped_server_is_one_sentence_and_work_resumes_when_it_is_back(tmp_path):
    server = PostgresServer().start()
    try:
        server.create_database("goals")
        service = GoalService(Database(server.url("goals")))
        goal = service.create_goal("Kept")
        port_dir, data = server.socket_dir, server.data
        server.process.send_signal(signal.SIGINT)
        server.process.wait(30)
        with pytest.raises(StorageError) as caught:
            service.update_goal(goal.id, title="Lost?")
        assert caught.value.kind == "offline" and "cannot be reached" in str(caught.value)
        assert "\n" not in str(caught.value) and str(port_dir) in str(caught.value)
        # Same data folder, same socket: the server is back.
        server.process = subprocess.Popen(
            [str(server.bin / "postgres"), "-D", str(data), "-c", "listen_addresses=", "-c", f"unix_socket_directories={port_dir}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=__import__("tests.support.postgres_server", fromlist=["x"])._die_with_parent(server._uid, server._gid),
        )
        assert wait_until(server._ready, 30)
        assert service.get_goal(goal.id).title == "Kept"
        assert service.update_goal(goal.id, title="Back").title == "Back"
        service.db.close()
    finally:
        server.stop()


def test_values_postgres_cannot_hold_are_refused_as_input(pg_service):
    goal = pg_service.create_goal("Goal")
    with pytest.raises(NotFoundError):
        pg_service.get_goal("goal_nope")
    from goals_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        pg_service.list_goals(search="a\x00b")
    assert "\n" not in str(caught.value)
    assert [g.id for g in pg_service.list_goals()] == [goal.id]


# -- live updates --------------------------------------------------------------------------------------


def test_notify_is_sent_at_commit_only_and_carries_the_writers_token(pg_url, pg_server):
    name = dbname(pg_url)
    listener = psycopg.connect(pg_server.conninfo(name), autocommit=True)
    listener.execute(f"LISTEN {CHANGES_CHANNEL}")
    database = Database(pg_url)
    service = GoalService(database)
    try:
        with pytest.raises(NotFoundError):
            service.update_goal("goal_nope", title="x")  # rolled back: nothing to announce
        listener.execute("SELECT 1")
        assert list(listener.notifies(timeout=0.2)) == []
        service.create_goal("Committed")
        listener.execute("SELECT 1")
        payloads = [n.payload for n in listener.notifies(timeout=0.5, stop_after=1)]
        assert payloads == [database.token]
    finally:
        listener.close()
        database.close()


def test_a_call_that_changes_nothing_is_not_announced(pg_url, pg_server):
    name = dbname(pg_url)
    database = Database(pg_url)
    service = GoalService(database)
    goal = service.create_goal("Goal")
    service.set_roadmap(goal.id, {"nodes": [{"id": "a", "label": "A"}], "edges": []})
    listener = psycopg.connect(pg_server.conninfo(name), autocommit=True)
    listener.execute(f"LISTEN {CHANGES_CHANNEL}")
    try:
        service.update_node(goal.id, "a", completed=False)  # already open: nothing written
        listener.execute("SELECT 1")
        assert list(listener.notifies(timeout=0.3)) == []
        service.update_node(goal.id, "a", completed=True)
        listener.execute("SELECT 1")
        assert [n.payload for n in listener.notifies(timeout=0.5, stop_after=1)] == [database.token]
    finally:
        listener.close()
        database.close()


def test_push_watcher_hears_another_copy_within_a_second_and_not_itself(pg_url):
    mine, theirs = Database(pg_url), Database(pg_url)
    heard, states = [], []
    watcher = ChangeWatcher(mine, on_change=lambda: heard.append(time.monotonic()), on_state=states.append)
    try:
        assert watcher.pushes and watcher.connected
        GoalService(mine).create_goal("Mine")
        time.sleep(0.3)
        assert heard == []
        committed = time.monotonic()
        GoalService(theirs).create_goal("Theirs")
        assert wait_until(lambda: heard, 1.0), "no notification within a second"
        assert heard[0] - committed < 1.0
        assert watcher.changed() and not watcher.changed()
    finally:
        watcher.close()
        mine.close()
        theirs.close()
    assert not watcher.listener.running


def test_push_watcher_reports_a_lost_connection_and_comes_back(pg_url, pg_server):
    mine, theirs = Database(pg_url), Database(pg_url)
    heard, states = [], []
    watcher = ChangeWatcher(mine, on_change=lambda: heard.append(1), on_state=states.append)
    try:
        pid = watcher.listener._conn.info.backend_pid
        pg_server.execute(f"SELECT pg_terminate_backend({pid})")
        assert wait_until(lambda: states[:1] == [False], 5), states
        assert wait_until(lambda: states[-1:] == [True], 10), states
        assert heard, "after coming back it must report that it may have missed changes"
        heard.clear()
        GoalService(theirs).create_goal("After the drop")
        assert wait_until(lambda: heard, 2)
    finally:
        watcher.close()
        mine.close()
        theirs.close()


def test_window_watcher_polls_nothing_on_postgres(pg_url):
    """The pull form (what a plain loop or a test uses) sees other copies only."""
    mine, theirs = Database(pg_url), Database(pg_url)
    watcher = ChangeWatcher(mine)
    try:
        assert not watcher.pushes
        GoalService(mine).create_goal("Own")
        assert not watcher.changed()
        GoalService(theirs).create_goal("Other")
        assert watcher.changed() and not watcher.changed()
    finally:
        watcher.close()
        mine.close()
        theirs.close()


def test_environment_url_reaches_every_face(pg_url, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", pg_url)
    result = run_cli(["goals", "create", "Through the environment"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    database = Database(pg_url)
    assert [g.title for g in GoalService(database).list_goals()] == ["Through the environment"]
    database.close()
