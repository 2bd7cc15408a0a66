"""`goals-desktop sync caldav ...` through the real entry point, against Radicale."""

from __future__ import annotations

import json
import os

from tests.support.cli_forks import run_cli
from tests.sync.conftest import PASSWORD, Phone


def _cli(db_path, *args, stdin=None, password_env=False):
    env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path)}
    if password_env:
        env["GOALS_DESKTOP_CALDAV_PASSWORD"] = PASSWORD
    return run_cli(args, env=env, input=stdin, timeout=120)


def test_setup_run_and_status(db_path, radicale):
    setup = _cli(db_path, "sync", "caldav", "setup", "--url", radicale.url, "--user", "alice", "--password-stdin",
                 "--calendar", "CLI calendar", stdin=PASSWORD + "\n")
    assert setup.returncode == 0, setup.stderr
    assert "No system keyring here" in setup.stdout
    made = _cli(db_path, "todos", "create", "Call mum", "--due", "2026-12-24")
    assert made.returncode == 0, made.stderr

    no_password = _cli(db_path, "sync", "caldav", "run")
    assert no_password.returncode == 1 and no_password.stderr.count("\n") == 1
    assert "GOALS_DESKTOP_CALDAV_PASSWORD" in no_password.stderr

    done = _cli(db_path, "sync", "caldav", "run", "--json", password_env=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["to_server"] == ["created: Call mum"]
    status = json.loads(_cli(db_path, "sync", "caldav", "status", "--json").stdout)
    assert status["calendar"] == "CLI calendar" and status["last_pass"]["summary"].startswith("1 to the server")
    assert PASSWORD not in json.dumps(status)

    phone = Phone(radicale.url, status["calendar_url"])
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Call mum"]
    phone.close()

    wrong = _cli(db_path, "sync", "caldav", "run", "--password-stdin", stdin="nope\n")
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "401" in wrong.stderr
    shown = _cli(db_path, "sync", "caldav", "status")
    assert "failed" in shown.stdout and "401" in shown.stdout


def test_the_password_is_never_written_to_a_file(db_path, radicale, tmp_path):
    _cli(db_path, "sync", "caldav", "setup", "--url", radicale.url, "--user", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
