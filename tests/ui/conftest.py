"""Fixtures shared by the window tests (tests/ui/...): today pinned, the example plan, a real
MainWindow on the test database (already showing the plan, or opened on demand as a fresh start of
the app would), the seed's goal, one undo stack, and the loopback model server saved as the provider."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from goals_desktop.ai import settings as ai_settings
from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow
from tests.support.windows import window_showing
from tests.ui.plan_data import TODAY, populate


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_TODAY", TODAY)


@pytest.fixture
def planned(db_path, sqlite_template):
    """The example plan in the test database: (goal id)."""
    sqlite_template.start(db_path)
    service = GoalService(Database(db_path))
    _service, goal_id = populate(service)
    service.db.close()
    return goal_id


@pytest.fixture
def window(qtbot, db_path, tmp_path, planned):
    yield from window_showing(qtbot, db_path, tmp_path, planned)


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, db_path, settings_path):
    """Open a MainWindow on db_path, as a fresh start of the app would (new Database each time)."""
    opened = []

    def open_():
        service = GoalService(Database(db_path))
        window = MainWindow(service, QSettings(str(settings_path), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.service.db.close()


@pytest.fixture
def seeded_goal(service, seed_goal):
    """The seed's example goal, imported through the service."""
    (goal,) = service.import_goals([seed_goal])
    return goal


@pytest.fixture
def undo_stack(qtbot):
    return QUndoStack()


@pytest.fixture
def llm(llm_server, provider):
    """The loopback model server, saved as the provider the way the settings dialog would."""
    ai_settings.save_settings(provider)
    return llm_server
