"""Fixtures for canvas tests: a real RoadmapEditor, shown offscreen, on the real test database."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext


@pytest.fixture
def make_editor(qtbot, service, undo_stack):
    def make(goal_id=None):
        editor = RoadmapEditor(PanelContext(service, undo_stack))
        qtbot.addWidget(editor)
        editor.resize(1100, 700)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        editor.show_goal(goal_id)
        editor.messages = []
        editor.context.message_posted.connect(editor.messages.append)
        return editor

    return make


@pytest.fixture
def editor(make_editor, seeded_goal):
    return make_editor(seeded_goal.id)


def view_point(editor, scene_point) -> QPoint:
    return editor.view.mapFromScene(QPointF(scene_point))


def node_centre(editor, node_id) -> QPointF:
    return editor.scene.nodes[node_id].pos()


def drag(qtbot, editor, start_scene: QPointF, end_scene: QPointF, modifier=Qt.KeyboardModifier.NoModifier, steps=5):
    """A real press / several moves / release on the viewport."""
    viewport = editor.view.viewport()
    start, end = view_point(editor, start_scene), view_point(editor, end_scene)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)
