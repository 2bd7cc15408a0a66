"""Build the double-click app with PyInstaller, then use the frozen binary as a person would."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.support.openai_server import OpenAIServer, Reply, milestone_lines

pytestmark = pytest.mark.slow


# `frozen_app` (tests/conftest.py) builds the bundle once per run; the real-X smoke test uses it too.


def run(app, *argv, env=None, timeout=60):
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    full_env.pop("PYTHONPATH", None)
    return subprocess.run([str(app / "goals-desktop"), *argv], capture_output=True, text=True, env=full_env, timeout=timeout)


def test_version_and_cli(frozen_app, tmp_path):
    from goals_desktop import __version__

    assert run(frozen_app, "--version").stdout.strip() == f"goals-desktop {__version__}"
    env = {"GOALS_DESKTOP_DATABASE": str(tmp_path / "frozen.sqlite3")}
    assert run(frozen_app, "goals", "create", "Frozen goal", env=env).returncode == 0
    listed = run(frozen_app, "goals", "list", "--json", env=env)
    assert listed.returncode == 0 and [g["title"] for g in json.loads(listed.stdout)] == ["Frozen goal"]
    bad = run(frozen_app, "goals", "show", "goal_nope", env=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_window_starts_and_paints(frozen_app, tmp_path):
    env = {"GOALS_DESKTOP_DATABASE": str(tmp_path / "window.sqlite3"), "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    started = run(frozen_app, env=env)
    assert started.returncode == 0, started.stderr[-2000:]
    assert "first-paint" in started.stdout and "Traceback" not in started.stderr
    # The frozen app ran its migrations and made the example goal.
    listed = run(frozen_app, "goals", "list", "--json", env=env)
    assert len(json.loads(listed.stdout)) == 1


def test_roadmap_generation_through_the_frozen_openai_stack(frozen_app, tmp_path):
    env = {"GOALS_DESKTOP_DATABASE": str(tmp_path / "ai.sqlite3"), "GOALS_DESKTOP_CONFIG_DIR": str(tmp_path / "config")}
    created = run(frozen_app, "goals", "create", "Learn to sail", "--json", env=env)
    goal_id = json.loads(created.stdout)["id"]
    with OpenAIServer() as server:
        server.script(Reply(content=milestone_lines(7), tokens_per_second=2000))
        env.update({"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-frozen-test-key", "GOALS_DESKTOP_MODEL": "test-model"})
        generated = run(frozen_app, "roadmap", "generate", goal_id, "--json", env=env)
    assert generated.returncode == 0, generated.stderr[-2000:]
    frames = [json.loads(line) for line in generated.stdout.splitlines()]
    assert frames[-1] == {"goal_id": goal_id, "success": True}
    assert any("roadmap" in frame for frame in frames)
    shown = json.loads(run(frozen_app, "goals", "show", goal_id, "--json", env=env).stdout)
    assert len(shown["roadmap"]["nodes"]) == 7


def test_bundle_is_lean(frozen_app):
    names = [str(p.relative_to(frozen_app)) for p in frozen_app.rglob("*")]
    for unwanted in ("PyQt5", "PyQt6", "PySide2", "QtQml", "QtQuick", "QtPdf", "libqgtk3", "libqeglfs", "libqvnc",
                     "libqjpeg", "yaml"):
        assert not any(unwanted in name for name in names), unwanted
    # Qt's own translations only for the languages the app ships (goals_desktop/i18n/*.qm).
    shipped = {m.group(1) for name in names if (m := re.search(r"i18n/goals_desktop_(\w+)\.qm$", name))}
    qt_catalogues = [name for name in names if "/translations/" in name]
    assert {Path(name).name for name in qt_catalogues} == {f"{c}_{lang}.qm" for c in ("qt", "qtbase") for lang in shipped}
    assert any(name.endswith("0001_initial.py") for name in names)  # migrations shipped as files


def test_the_frozen_app_opens_a_postgresql_url(frozen_app, pg_pool):
    name = pg_pool.acquire()
    try:
        env = {"GOALS_DESKTOP_DATABASE": pg_pool.server.url(name)}
        created = run(frozen_app, "goals", "create", "On the server", env=env)
        assert created.returncode == 0, created.stderr[-2000:]
        listed = run(frozen_app, "goals", "list", "--json", env=env)
        assert [g["title"] for g in json.loads(listed.stdout)] == ["On the server"]
        checked = run(frozen_app, "db", "check", env=env)
        assert checked.returncode == 0 and "(current)" in checked.stdout
    finally:
        pg_pool.release(name)


def test_the_bundle_speaks_german(frozen_app, tmp_path):
    """The .qm files ship in the bundle: ours, and Qt's own for the same language."""
    env = {"GOALS_DESKTOP_DATABASE": str(tmp_path / "window.sqlite3"), "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    started = run(frozen_app, "--lang", "de", env=env)
    assert started.returncode == 0, started.stderr[-2000:]
    log = "\n".join(path.read_text() for path in (tmp_path / "logs").rglob("*.log*"))
    assert "Window language: de (Qt's own catalogue loaded)" in log
