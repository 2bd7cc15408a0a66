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

PLAN = {
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals and build 3 projects, one of them deployed.",
    "target_date": "2026-06-30",
    "roadmap": {
        "nodes": [
            {"id": "py", "label": "Python basics", "estimated_time": "2 weeks", "completed": True},
            {"id": "np", "label": "NumPy and pandas", "estimated_time": "10 days", "due_date": "2026-02-27"},
            {"id": "la", "label": "Linear algebra refresher", "estimated_time": "3 weeks"},
            {"id": "stats", "label": "Probability and statistics", "estimated_time": "1 month"},
            {"id": "lr", "label": "Linear and logistic regression", "estimated_time": "2-3 weeks"},
            {"id": "trees", "label": "Decision trees and forests", "estimated_time": "soon-ish"},
            {"id": "nn", "label": "Neural network basics", "estimated_time": "1 month"},
            {"id": "p1", "label": "Project 1: house prices", "estimated_time": "2 weeks"},
            {"id": "p2", "label": "Project 2: image classifier", "estimated_time": "3 weeks"},
            {"id": "deploy", "label": "Deploy a model as an API", "estimated_time": "a weekend"},
        ],
        "edges": [
            {"source": "py", "target": "np"}, {"source": "py", "target": "la"}, {"source": "la", "target": "stats"},
            {"source": "np", "target": "lr"}, {"source": "stats", "target": "lr"}, {"source": "lr", "target": "trees"},
            {"source": "lr", "target": "nn"}, {"source": "trees", "target": "p1"}, {"source": "nn", "target": "p2"},
            {"source": "p1", "target": "deploy"}, {"source": "p2", "target": "deploy"},
        ],
    },
}


def populated_service(folder: Path) -> tuple[GoalService, str]:
    service = GoalService(Database(folder / "goals.sqlite3"))
    (goal,) = service.import_goals([PLAN])
    service.create_goal("Run a half marathon", "Sub 2 hours", "2026-10-01")
    other = service.create_goal("Read 20 books", target_date="2026-12-31")
    service.set_roadmap(other.id, {"nodes": [{"id": "a", "label": "Pick the list", "estimated_time": "1 day"}], "edges": []})
    todo = service.create_todo("Book a GPU for project 2", due_date="2026-04-20", goal_id=goal.id)
    service.update_todo(todo.id, notes="Ask the lab first; cloud as a fallback.")
    service.create_todo("Renew library card", due_date="2026-02-20")
    return service, goal.id


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
