"""A long roadmap streaming in (and then saved) stays readable: the view follows the newest milestone
at a zoom where labels are drawn, and the saved roadmap opens at its start, readable, instead of a
fitted wall of empty boxes."""

from PySide6.QtGui import QUndoStack

from goals_desktop.domain.models import Edge, Node, Roadmap
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.canvas.items import TEXT_LOD


def visible(editor, item) -> bool:
    shown = editor.view.mapToScene(editor.view.viewport().rect()).boundingRect()
    return shown.contains(item.sceneBoundingRect().center())


def test_streaming_follows_the_newest_then_the_start_is_shown(qtbot, service):
    goal = service.create_goal("Climb Mont Blanc")
    editor = RoadmapEditor(PanelContext(service, QUndoStack()))
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_goal(goal.id)

    nodes = [Node(id=f"n{i}", label=f"Step toward the summit {i}", estimated_time="1 week") for i in range(20)]
    editor.begin_preview()
    for index, node in enumerate(nodes):
        editor.preview_add_node(node, [f"n{index - 1}"] if index else [])
        assert visible(editor, editor.scene.preview_nodes[node.id]), f"milestone {index} arrived out of sight"
        assert editor.view.zoom() >= TEXT_LOD, "labels would not be drawn"

    service.set_roadmap(goal.id, Roadmap(nodes, [Edge(f"e{i}", f"n{i - 1}", f"n{i}") for i in range(1, 20)]))
    editor.end_preview()
    assert len(editor.scene.nodes) == 20 and editor.view.zoom() >= TEXT_LOD
    assert visible(editor, editor.scene.nodes["n0"]), "the roadmap opens at its start"
