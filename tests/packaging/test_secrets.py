"""After a run that used an API key — configure, generate, a refused key, an export, a crash
report — the key is nowhere: not in the database, settings, logs, exports or anything printed."""

import io
import json
import logging
import sys

import pytest

from goals_desktop import logging_setup
from goals_desktop.ai import settings as ai_settings
from goals_desktop.cli import main
from tests.support.openai_server import OpenAIServer, Reply, milestone_lines

KEY = "sk-test-SECRET-a1b2c3d4e5f6g7h8"
STORED_KEY = "sk-proj-STORED-z9y8x7w6v5u4"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GOALS_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GOALS_DESKTOP_MODEL"):
        monkeypatch.delenv(name, raising=False)
    ai_settings._session_keys.clear()
    root = logging.getLogger()
    before = list(root.handlers)
    logging_setup.setup_logging()
    yield tmp_path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    ai_settings._session_keys.clear()


@pytest.mark.sqlite_only  # searches the database file for the key
def test_the_api_key_is_never_written_anywhere(isolated, db_path, capsys, monkeypatch):
    printed = []

    def run(*argv, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        out, err = capsys.readouterr()
        printed.append(out + err)
        return code

    with OpenAIServer() as server:
        # A key kept by the app (keyring, or this session where none exists) ...
        assert run("ai", "configure", "--base-url", server.base_url, "--model", "test-model", "--api-key-stdin", stdin=STORED_KEY + "\n") == 0
        assert run("goals", "create", "Learn to sail") == 0
        assert main(["goals", "list", "--json"]) == 0
        goal_id = json.loads(capsys.readouterr().out)[0]["id"]
        server.script(Reply(content=milestone_lines(6)))
        assert run("roadmap", "generate", goal_id) == 0
        # ... and one from the environment, which the server refuses.
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        server.script(Reply(status=401, error_body={"error": {"message": f"Incorrect API key provided: {KEY}"}}))
        assert run("roadmap", "generate", goal_id, "--json") == 1
        sent = [r["headers"].get("authorization", "") for r in server.requests if r["path"].endswith("/chat/completions")]
        assert sent == [f"Bearer {STORED_KEY}", f"Bearer {KEY}"]  # the keys were really used

    export = isolated / "export.json"
    assert run("goals", "export", "--output", str(export)) == 0
    try:
        raise RuntimeError(f"crash while holding {KEY} and {STORED_KEY}")
    except RuntimeError:
        logging.getLogger("goals_desktop.crash").exception("Unexpected error")

    files = [p for p in isolated.rglob("*") if p.is_file()] + [p for p in db_path.parent.glob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in files) and export in files and db_path in files
    for secret in (KEY, STORED_KEY):
        for path in files:
            assert secret.encode() not in path.read_bytes(), f"{secret} found in {path}"
        for text in printed:
            assert secret not in text
