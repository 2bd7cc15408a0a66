"""Window-level fixtures for tests/ui: today pinned, a real MainWindow on the test database."""

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow
from tests.ui.plan_data import TODAY, populate


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", TODAY)


@pytest.fixture
def planned(db_path):
    """The example plan in the test database: (goal id)."""
    service = GoalService(Database(db_path))
    _service, goal_id = populate(service)
    service.db.close()
    return goal_id


@pytest.fixture
def window(qtbot, db_path, tmp_path, planned):
    service = GoalService(Database(db_path))
    window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.select_goal(planned)
    qtbot.waitUntil(lambda: window.editor.goal_id() == planned)
    yield window
    service.db.close()
