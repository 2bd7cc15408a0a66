"""A real MainWindow on the test database, its own settings file and config folder (API token)."""

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("GOALS_DESKTOP_API_TOKEN", raising=False)
    return tmp_path / "config"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot, db_path, settings):
    opened = []

    def open_():
        window = MainWindow(GoalService(Database(db_path)), settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.service.db.close()


@pytest.fixture
def qasync_runner():
    import asyncio

    import qasync

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        yield runner
