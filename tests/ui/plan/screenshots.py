"""Screenshots of the plan in the window (offscreen) into /tmp/shots/plan/: python tests/ui/plan/screenshots.py

Today is pinned to 2026-03-02 so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GOALS_DESKTOP_TODAY"] = "2026-03-02"
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402

OUT = Path("/tmp/shots/plan")

from tests.ui.plan_data import PLAN, populated_service  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from goals_desktop.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    service, goal_id = populated_service(folder)
    window = MainWindow(service, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    window.select_goal(goal_id)
    app.processEvents()
    window.editor.fit_view()
    app.processEvents()
    window.grab().save(str(OUT / "window-overview.png"))

    window.editor.critical_path_action.setChecked(True)
    app.processEvents()
    window.grab().save(str(OUT / "window-critical-path.png"))
    window.editor.critical_path_action.setChecked(False)

    window.editor.select_node("lr")
    app.processEvents()
    window.editor.grab().save(str(OUT / "canvas-milestone-selected.png"))

    timeline = getattr(window, "timeline", None)
    if timeline is not None:
        window.right_tabs.setCurrentWidget(timeline)
        app.processEvents()
        timeline.fit()
        app.processEvents()
        window.grab().save(str(OUT / "window-timeline.png"))
        window.right_tabs.setCurrentIndex(0)

    window.left_tabs.setCurrentWidget(window.todos_panel)
    app.processEvents()
    window.grab().save(str(OUT / "window-todos.png"))
    print(f"Screenshots in {OUT}")
    window.close()
    service.db.close()


if __name__ == "__main__":
    main()
