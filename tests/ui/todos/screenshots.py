"""Screenshots of the Todos view beside the canvas (offscreen): python tests/ui/todos/screenshots.py"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QSplitter  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext  # noqa: E402
from goals_desktop.ui.todo_actions import TodoConversions  # noqa: E402
from goals_desktop.ui.todos_view import TodosPanel  # noqa: E402
from tests.ui.canvas.screenshots import dark_palette  # noqa: E402
from tests.conftest import SEED_GOAL  # noqa: E402

OUT = Path("/tmp/shots/todosview")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as tmp:
        service = GoalService(Database(Path(tmp) / "shots.sqlite3"))
        (goal,) = service.import_goals([SEED_GOAL])
        stack = QUndoStack()
        splitter = QSplitter()
        editor = RoadmapEditor(PanelContext(service, stack))
        panel = TodosPanel(PanelContext(service, stack))
        splitter.addWidget(panel)
        splitter.addWidget(editor)
        splitter.resize(1400, 600)
        splitter.setSizes([620, 780])
        conversions = TodoConversions(PanelContext(service, stack), editor)
        editor.show_goal(goal.id)
        conversions.send_roadmap()
        editor.select_node("node_2")
        conversions.todo_from_selected_node()
        service.create_todo("Renew library card", due_date="2020-03-01", subtasks=["Find old card", "Bring ID"])
        service.create_todo("Plan <b>study</b> week", due_date="2999-06-01", notes="Plain text, not markup")
        panel.set_filter(None)
        panel.show_notice("Kept, but no longer linked: todo 'Old plan' lost its milestone.")
        splitter.show()
        app.processEvents()
        editor.fit_view()
        splitter.grab().save(str(OUT / "light.png"))
        app.setPalette(dark_palette())
        app.processEvents()
        splitter.grab().save(str(OUT / "dark.png"))
        print(f"saved {OUT}/light.png and dark.png")


if __name__ == "__main__":
    main()
