"""Shared fixtures: a real SQLite file per test, and Qt set to render offscreen."""

import os

# Before anything imports Qt: no display needed, and qasync must pick PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest

from goals_desktop.storage import Database, GoalService


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "goals.sqlite3"
    # Keep every face (CLI, window) of a test on this file, never the user's real database.
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", str(path))
    return path


@pytest.fixture
def service(db_path):
    database = Database(db_path)
    yield GoalService(database)
    database.close()


SEED_GOAL = {
    "id": "goal_123",
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals and build 3 projects",
    "target_date": "2026-12-31T00:00:00Z",
    "roadmap": {
        "nodes": [
            {"id": "node_1", "label": "Complete Python basics", "completed": True, "position": {"x": 100, "y": 100}},
            {"id": "node_2", "label": "Study linear algebra", "completed": False, "position": {"x": 200, "y": 100}},
        ],
        "edges": [{"id": "edge_1", "source": "node_1", "target": "node_2"}],
    },
    "progress": 25,
    "status": "active",
    "created_at": "2026-02-19T10:00:00Z",
    "updated_at": "2026-02-19T10:00:00Z",
}


@pytest.fixture
def seed_goal():
    import copy

    return copy.deepcopy(SEED_GOAL)


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory):
    """The double-click app built with PyInstaller, once per test run (tests/packaging, tests/ui)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, str(root / "resources" / "pyinstaller" / "build.py"), "--dist", str(out / "dist"), "--work", str(out / "work")],
        capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    app = out / "dist" / "goals-desktop"
    assert (app / "goals-desktop").is_file()
    assert list((out / "dist").glob("goals-desktop-*.tar.gz"))
    return app
