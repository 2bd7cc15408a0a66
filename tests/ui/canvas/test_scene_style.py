"""The scene's colours live in `canvas_style`; QGraphicsScene.style() is Qt's again."""

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyle

from goals_desktop.ui.canvas.scene import RoadmapScene
from goals_desktop.ui.canvas.items import CanvasStyle


def test_scene_style_is_qt_style_and_colours_are_canvas_style(qapp):
    scene = RoadmapScene(QPalette())
    assert isinstance(scene.style(), QStyle) and scene.style() is QApplication.style()
    assert isinstance(scene.canvas_style, CanvasStyle)
    assert scene.backgroundBrush().color() == scene.canvas_style.background
