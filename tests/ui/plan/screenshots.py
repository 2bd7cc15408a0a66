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

from tests.ui.plan_data import populated_service  # noqa: E402

OUT = Path("/tmp/shots/plan")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from goals_desktop.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    service, goal_id = populated_service(folder)
    window = MainWindow(service, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    window.goals.select_goal(goal_id)
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

    # A breakdown streaming in next to its milestone (the preview the AI fills in).
    from goals_desktop.domain.models import Node
    from goals_desktop.ui.generation_strip import OfferGenerationDialog

    editor = window.editor
    editor.scene.clearSelection()
    editor.begin_preview(keep_roadmap=True)
    previous = []
    for index, label in enumerate(["Read ISLR chapter 3", "Fit a line by hand", "Logistic regression in scikit-learn"]):
        node = Node(f"preview{index}", label, estimated_time="3 days")
        editor.preview_add_node(node, previous[-1:], beside="lr")
        previous.append(node.id)
    app.processEvents()
    editor.grab().save(str(OUT / "canvas-breakdown-preview.png"))
    editor.end_preview()

    offer = OfferGenerationDialog("Learn Rust", window)
    offer.context_edit.setPlainText("I know C; about 4 hours a week")
    offer.show()
    app.processEvents()
    offer.grab().save(str(OUT / "offer-generation.png"))
    offer.close()

    window.left_tabs.setCurrentWidget(window.todos_panel)
    app.processEvents()
    tree = window.todos_panel.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    app.processEvents()
    window.grab().save(str(OUT / "window-todos.png"))
    window.left_tabs.setCurrentIndex(0)

    # A goal with no roadmap: the overview and an empty timeline.
    empty = next(g.id for g in service.list_goals() if g.title == "Run a half marathon")
    window.goals.select_goal(empty)
    app.processEvents()
    window.grab().save(str(OUT / "window-no-roadmap.png"))

    # Dark palette.
    from tests.ui.canvas.screenshots import dark_palette

    window.goals.select_goal(goal_id)
    app.setPalette(dark_palette())
    app.processEvents()
    window.right_tabs.setCurrentWidget(window.timeline)
    app.processEvents()
    window.grab().save(str(OUT / "window-timeline-dark.png"))
    window.right_tabs.setCurrentIndex(0)
    window.editor.critical_path_action.setChecked(True)
    app.processEvents()
    window.grab().save(str(OUT / "window-critical-path-dark.png"))
    print(f"Screenshots in {OUT}")
    window.close()
    service.db.close()


if __name__ == "__main__":
    main()
