"""A real MainWindow on the test database, with its own settings file."""

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path, tmp_path, seed_goal):
    service = GoalService(Database(db_path))
    service.import_goals([seed_goal])
    window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    service.db.close()
