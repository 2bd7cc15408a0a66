"""A real main window for the window tests."""

from PySide6.QtCore import QSettings

from goals_desktop.storage import Database, GoalService
from goals_desktop.ui.main_window import MainWindow


def window_showing(qtbot, db_path, tmp_path, goal_id):
    """A MainWindow on db_path, large enough for every panel, with goal_id on the canvas (yields;
    its database is closed after)."""
    service = GoalService(Database(db_path))
    window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.goals.select_goal(goal_id)
    qtbot.waitUntil(lambda: window.editor.goal_id() == goal_id)
    yield window
    service.db.close()
