"""Double-clicking the empty canvas adds a milestone right there, and the view stays still (it used to
re-centre on each new milestone, so the next double-click landed somewhere else). Found by the
real-X smoke test."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext


def test_milestones_land_under_the_pointer_and_the_view_stays(qtbot, service):
    goal = service.create_goal("Climb Mont Blanc")
    editor = RoadmapEditor(PanelContext(service, QUndoStack()))
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_goal(goal.id)
    view = editor.view
    clicks = [QPoint(150, 170), QPoint(450, 170), QPoint(150, 450)]
    wanted = [view.mapToScene(point) for point in clicks]
    for count, point in enumerate(clicks, 1):
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        nodes = service.get_goal(goal.id).roadmap.nodes
        assert len(nodes) == count
        assert (nodes[-1].position.x, nodes[-1].position.y) == (round(wanted[count - 1].x()), round(wanted[count - 1].y()))
        assert [view.mapToScene(p) for p in clicks] == wanted, "the view moved"
        assert editor.scene.selected_node_ids() == [nodes[-1].id]  # the new one is selected
