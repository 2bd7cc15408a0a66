"""Fixtures for window tests: a real MainWindow on the test database with its own settings file."""

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow


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
def window(open_window):
    return open_window()
