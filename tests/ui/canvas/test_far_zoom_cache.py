"""Far out, the arrows are cached as pixmaps like the milestones (a repaint then calls no Python per
item); near, they are drawn each time. Pixmaps of a big roadmap all fit Qt's pixmap cache, and
what is drawn is the same either way."""

from PySide6.QtGui import QImage, QPixmapCache, QUndoStack
from PySide6.QtWidgets import QGraphicsItem

from goals_desktop.domain.models import Edge, Node, Roadmap
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.canvas.scene import EDGE_CACHE_ZOOM, PIXMAP_CACHE_KB_PER_ITEM

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


def grab(editor) -> QImage:
    return editor.view.viewport().grab().toImage()  # paints at once, through the view's paintEvent


def repaint(editor, mode) -> QImage:
    """A repaint of the view, after which every arrow's cache mode must be `mode`."""
    image = grab(editor)
    assert all(item.cacheMode() == mode for item in editor.scene.edges.values())
    return image


def test_arrows_are_cached_only_far_out_and_look_the_same(qtbot, service):
    count = 400
    goal = service.create_goal("Wide plan")
    nodes = [Node(id=f"n{i}", label=f"Step {i}") for i in range(count)]
    edges = [Edge(f"e{i}", f"n{i - 1}", f"n{i}") for i in range(1, count)]
    service.set_roadmap(goal.id, Roadmap(nodes, edges))
    editor = RoadmapEditor(PanelContext(service, QUndoStack()))
    qtbot.addWidget(editor)
    editor.resize(900, 600)
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_goal(goal.id)
    scene, view = editor.scene, editor.view
    qtbot.waitUntil(lambda: len(scene.edges) == count - 1 and view.viewport().isVisible())

    view.set_zoom(1.0)
    grab(editor)
    assert all(item.cacheMode() == QGraphicsItem.CacheMode.NoCache for item in scene.edges.values())

    view.set_zoom(EDGE_CACHE_ZOOM / 2)
    repaint(editor, CACHED)
    assert all(item.cacheMode() == CACHED for item in scene.nodes.values())
    assert QPixmapCache.cacheLimit() >= PIXMAP_CACHE_KB_PER_ITEM * (len(scene.nodes) + len(scene.edges))
    cached = grab(editor)

    # The same picture drawn without any cache.
    for item in [*scene.nodes.values(), *scene.edges.values()]:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    scene.follow_zoom = lambda zoom: None  # the view would cache the arrows again
    uncached = grab(editor)
    del scene.follow_zoom
    differing = sum(
        cached.pixel(x, y) != uncached.pixel(x, y) for x in range(0, cached.width(), 3) for y in range(0, cached.height(), 3)
    )
    assert differing < 0.01 * (cached.width() // 3) * (cached.height() // 3), differing

    # Near and far again; an arrow added while far out (a new link) is cached too; back near, none is.
    view.set_zoom(1.0)
    repaint(editor, QGraphicsItem.CacheMode.NoCache)
    view.set_zoom(EDGE_CACHE_ZOOM / 2)
    repaint(editor, CACHED)
    service.add_edge(goal.id, "n0", "n5", edge_id="late")
    qtbot.waitUntil(lambda: "late" in scene.edges)
    assert scene.edges["late"].cacheMode() == CACHED
    view.set_zoom(1.0)
    repaint(editor, QGraphicsItem.CacheMode.NoCache)
