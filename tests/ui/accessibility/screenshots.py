"""Screenshots of the keyboard focus on the canvas and the Timeline, light and dark (offscreen):

    python tests/ui/accessibility/screenshots.py [OUT]      (default OUT: /tmp/shots/accessibility)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOALS_DESKTOP_TODAY", "2026-03-02")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPalette, QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from goals_desktop.domain.schedule import local_today  # noqa: E402
from goals_desktop.ui.canvas.editor import RoadmapEditor  # noqa: E402
from goals_desktop.ui.context import PanelContext  # noqa: E402
from goals_desktop.ui.timeline.view import TimelineView  # noqa: E402
from goals_desktop.domain.schedule import schedule_goal  # noqa: E402
from tests.ui.canvas.screenshots import dark_palette  # noqa: E402
from tests.ui.plan_data import populated_service  # noqa: E402


def shoot(out: Path, name: str, palette: QPalette) -> list[Path]:
    app = QApplication.instance()
    app.setPalette(palette)
    service, goal_id = populated_service(Path(tempfile.mkdtemp()))
    editor = RoadmapEditor(PanelContext(service, QUndoStack()))
    editor.resize(1000, 640)
    editor.show()
    editor.show_goal(goal_id)
    editor.activateWindow()
    editor.view.setFocus()
    QTest.qWait(100)
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab):
        QTest.keyClick(editor.view, key)
    editor.view.set_zoom(0.9)
    editor.view.centerOn(editor.scene.nodes[editor.keyboard.focused])
    QTest.qWait(100)
    canvas = out / f"canvas-focus-{name}.png"
    editor.view.grab().save(str(canvas))
    editor.close()

    timeline = TimelineView()
    timeline.resize(1000, 420)
    timeline.show()
    goal = service.get_goal(goal_id)
    timeline.set_content(goal, schedule_goal(goal, local_today()), [], local_today())
    timeline.activateWindow()
    timeline.setFocus()
    QTest.qWait(100)
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down):
        QTest.keyClick(timeline, key)
    QTest.qWait(100)
    bars = out / f"timeline-focus-{name}.png"
    timeline.grab().save(str(bars))
    timeline.close()
    service.db.close()
    return [canvas, bars]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots/accessibility")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    light = app.style().standardPalette()
    for path in shoot(out, "light", light) + shoot(out, "dark", dark_palette()):
        print(path)


if __name__ == "__main__":
    main()
