"""The roadmap scene: a map node id -> NodeItem (and edge id -> EdgeItem) kept in step with the
goal GoalService returns. Mouse gestures become requests (signals); the editor turns each into
an undo command, the service commits it, and the resulting Change re-syncs this scene."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPalette, QPen, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsScene, QGraphicsSceneMouseEvent

from collections.abc import Iterator
from datetime import date, timedelta

from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap
from goals_desktop.domain.schedule import Schedule
from goals_desktop.layout import layered_positions, layout_roadmap
from goals_desktop.layout.breakdown import place_breakdown

from .items import EdgeItem, NodeItem
from .style import CanvasStyle

SCENE_MARGIN = 1500.0
# Below this zoom arrows are cached as pixmaps like the milestones, so a repaint of a far-out view
# calls into Python for none of them. Nearer, a long arrow's pixmap would be large enough to push
# the milestones' pixmaps out of Qt's pixmap cache; there they are drawn each time.
EDGE_CACHE_ZOOM = 0.2
# QPixmapCache counts every pixmap as at least 1 KB, however few pixels it has. Far out, all the
# milestones and arrows of a big roadmap are cached at once; with Qt's default limit (10 MB) the
# pixmaps of 5,000 milestones and their arrows evicted each other on every repaint (a cyclic LRU
# misses every time). So the limit grows with the scene, never shrinks: the pixmaps themselves stay
# as small as the view makes them.
PIXMAP_CACHE_KB_PER_ITEM = 2


_preview_warm = False  # (warm_up_preview)


def _back_to_back(source, target) -> bool:
    """A link on the critical path: both ends critical and the second starts as the first ends."""
    if source is None or target is None or not (source.critical and target.critical):
        return False
    end = max(source.work_finish, source.planned_due) if source.fixed_due else source.work_finish
    return target.planned_start == end + timedelta(days=1)


class RoadmapScene(QGraphicsScene):
    toggle_requested = Signal(list)  # [node_id]
    move_finished = Signal(dict, dict)  # {node_id: Position} before, after
    connect_requested = Signal(str, str)  # source id, target id
    rename_requested = Signal(str)  # node id
    add_requested = Signal(QPointF)  # double-click on the background: a new milestone there

    def __init__(self, palette: QPalette, parent=None) -> None:
        super().__init__(parent)
        # The default BSP index stays: it keeps hit tests and drags cheap with thousands of items.
        self.canvas_style = CanvasStyle.from_palette(palette)
        self.setBackgroundBrush(self.canvas_style.background)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.preview_nodes: dict[str, NodeItem] = {}
        self.preview_edges: list[EdgeItem] = []
        # Where the shown milestones stood before a breakdown's preview shifted them to make room.
        self._preview_homes: dict[str, QPointF] = {}
        self._drag_start: dict[str, QPointF] = {}
        self._link_source: NodeItem | None = None
        self._link_line: QGraphicsLineItem | None = None
        self._link_target: NodeItem | None = None
        self.schedule: Schedule | None = None
        self.show_critical = False
        self.today: date | None = None
        self._edge_cache = QGraphicsItem.CacheMode.NoCache
        self._default_pixmap_cache_kb = QPixmapCache.cacheLimit()
        self.setSceneRect(QRectF(-SCENE_MARGIN, -SCENE_MARGIN, 2 * SCENE_MARGIN, 2 * SCENE_MARGIN))

    # -- following the model ---------------------------------------------------------------

    def apply_palette(self, palette: QPalette) -> None:
        self.canvas_style = CanvasStyle.from_palette(palette)
        self.setBackgroundBrush(self.canvas_style.background)
        for item in self.items():
            item.update()  # also drops each node's cached pixmap

    def sync(self, goal: Goal | None) -> None:
        """Reconcile the items with goal's roadmap by id: update, add, remove; keep selection."""
        roadmap = goal.roadmap if goal is not None else None
        nodes = roadmap.nodes if roadmap is not None else []
        edges = roadmap.edges if roadmap is not None else []
        unplaced = layout_roadmap(roadmap, only_unplaced=True) if roadmap and any(n.position is None for n in nodes) else {}

        wanted_edges = {e.id: e for e in edges}
        for edge_id in [e for e in self.edges if e not in wanted_edges]:
            self._remove_edge(edge_id)
        wanted_nodes = {n.id for n in nodes}
        for node_id in [n for n in self.nodes if n not in wanted_nodes]:
            item = self.nodes.pop(node_id)
            for edge in list(item.edges):
                self._remove_edge(edge.edge_id)
            self.removeItem(item)

        for node in nodes:
            position = node.position or unplaced.get(node.id) or Position(0.0, 0.0)
            item = self.nodes.get(node.id)
            if item is None:
                item = NodeItem(node)
                self.nodes[node.id] = item
                item.setPos(position.x, position.y)
                self.addItem(item)
            else:
                item.set_node(node)
                if item.pos() != QPointF(position.x, position.y):
                    item.setPos(position.x, position.y)

        for edge in edges:
            current = self.edges.get(edge.id)
            if current is not None and (current.source.node_id, current.target.node_id) == (edge.source, edge.target):
                continue
            if current is not None:
                self._remove_edge(edge.id)
            source, target = self.nodes.get(edge.source), self.nodes.get(edge.target)
            if source is not None and target is not None:
                item = EdgeItem(edge.id, source, target)
                item.setCacheMode(self._edge_cache)
                self.edges[edge.id] = item
                self.addItem(item)
        self.update_scene_rect()

    def set_schedule(self, schedule: Schedule | None, show_critical: bool) -> None:
        """Each milestone shows its place in the plan; with show_critical the critical path stands
        out (the rest fades). Call after sync(): it marks the items sync() made."""
        self.schedule, self.show_critical = schedule, show_critical
        self.today = schedule.today if schedule is not None else None
        plans = schedule.milestones if schedule is not None else {}
        for node_id, item in self.nodes.items():
            item.set_plan(plans.get(node_id), show_critical and schedule is not None)
        for item in self.edges.values():
            source, target = plans.get(item.source.node_id), plans.get(item.target.node_id)
            item.set_critical(_back_to_back(source, target), show_critical and schedule is not None)

    def follow_zoom(self, zoom: float) -> None:
        """Cache the arrows as pixmaps when the view is far out, draw them each time when near (the
        view calls this before each repaint; it changes something only when EDGE_CACHE_ZOOM is crossed)."""
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if zoom < EDGE_CACHE_ZOOM else QGraphicsItem.CacheMode.NoCache
        items = len(self.nodes) + len(self.edges) + len(self.preview_nodes) + len(self.preview_edges)
        needed = self._default_pixmap_cache_kb + PIXMAP_CACHE_KB_PER_ITEM * items
        if QPixmapCache.cacheLimit() < needed:
            QPixmapCache.setCacheLimit(needed)
        if mode != self._edge_cache:
            self._edge_cache = mode
            for item in [*self.edges.values(), *self.preview_edges]:
                item.setCacheMode(mode)

    def _remove_edge(self, edge_id: str) -> None:
        item = self.edges.pop(edge_id, None)
        if item is not None:
            item.detach()
            self.removeItem(item)

    def update_scene_rect(self) -> None:
        """Content plus a wide margin, so the view can pan past the edges; set by hand, never computed by Qt."""
        bounds = QRectF()
        for item in self.nodes.values():
            bounds = bounds.united(item.sceneBoundingRect()) if not bounds.isNull() else item.sceneBoundingRect()
        for item in self.preview_nodes.values():
            bounds = bounds.united(item.sceneBoundingRect()) if not bounds.isNull() else item.sceneBoundingRect()
        if bounds.isNull():
            bounds = QRectF(-1, -1, 2, 2)
        self.setSceneRect(bounds.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    def content_rect(self) -> QRectF:
        bounds = QRectF()
        for item in [*self.nodes.values(), *self.preview_nodes.values()]:
            bounds = item.sceneBoundingRect() if bounds.isNull() else bounds.united(item.sceneBoundingRect())
        return bounds

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem) and not i.preview]

    def selected_edge_ids(self) -> list[str]:
        return [i.edge_id for i in self.selectedItems() if isinstance(i, EdgeItem) and not i.preview]

    # -- streaming preview (AI generation) -------------------------------------------------

    def clear_preview(self) -> None:
        for edge in self.preview_edges:
            edge.detach()
            self.removeItem(edge)
        for item in self.preview_nodes.values():
            self.removeItem(item)
        self.preview_edges.clear()
        self.preview_nodes.clear()
        homes, self._preview_homes = self._preview_homes, {}
        for node_id, home in homes.items():
            item = self.nodes.get(node_id)
            if item is not None and item.pos() != home:
                item.setPos(home)

    def adopt_preview(self, goal: Goal) -> None:
        """Turn the preview's items into goal's where they show its milestones and links (a
        generation saves what it streamed, same ids), then sync(goal): the redraw after a save
        builds only what the preview did not show. What is left of the preview stays preview."""
        roadmap = goal.roadmap
        if roadmap is not None:
            for node in roadmap.nodes:
                item = self.preview_nodes.get(node.id)
                if item is not None and node.id not in self.nodes:
                    del self.preview_nodes[node.id]
                    item.stop_previewing(node)
                    self.nodes[node.id] = item
            arrows = {(e.source.node_id, e.target.node_id): e for e in self.preview_edges}
            for edge in roadmap.edges:
                item = arrows.pop((edge.source, edge.target), None)
                if item is not None and edge.id not in self.edges and not (item.source.preview or item.target.preview):
                    self.preview_edges.remove(item)
                    item.stop_previewing(edge.id)
                    self.edges[edge.id] = item
        self.sync(goal)

    def warm_up_preview(self) -> Iterator[None]:
        """In steps (ui/turns.in_turns), while a generation waits for the model: two preview milestones
        and their arrow made and drawn into an image, then dropped. The first in a process cost Qt and
        PySide more than their own work (fonts, the enums they use: ~3 ms on a busy machine, which the
        first milestone to arrive paid on top of its own)."""
        global _preview_warm
        if _preview_warm:
            return
        _preview_warm = True
        first, second = NodeItem(Node("warm-up:a", "Warm up"), preview=True), NodeItem(Node("warm-up:b", "Warm up"), preview=True)
        yield
        scene = RoadmapScene(self.palette())
        second.setPos(0, 150)
        for item in (first, second, EdgeItem("warm-up", first, second, preview=True)):
            scene.addItem(item)
        yield
        image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        scene.render(painter)
        painter.end()
        yield
        scene.clear()

    def add_preview_node(self, node: Node, depends_on: list[str], beside: str | None = None) -> NodeItem:
        item = NodeItem(node, preview=True)
        self.preview_nodes[node.id] = item
        self.addItem(item)
        for source_id in depends_on:
            source = self.preview_nodes.get(source_id)
            if source is not None and source is not item:
                edge = EdgeItem(f"preview:{source_id}->{node.id}", source, item, preview=True)
                edge.setCacheMode(self._edge_cache)
                self.preview_edges.append(edge)
                self.addItem(edge)
        links = [(e.source.node_id, e.target.node_id) for e in self.preview_edges]
        # Re-layering every arrival is cheap at roadmap sizes and keeps the partial graph tidy.
        if beside is not None and beside in self.nodes:
            # Where the breakdown will be saved (the same function places it): in the flow, what
            # follows the milestone shifted to make room until the preview ends.
            if not self._preview_homes:
                self._preview_homes = {i: item.pos() for i, item in self.nodes.items()}
            positions = place_breakdown(self._shown_before_preview(), beside, list(self.preview_nodes), links)
            for node_id, home in self._preview_homes.items():
                place = positions.get(node_id)
                target = QPointF(place.x, place.y) if place is not None else home
                if self.nodes[node_id].pos() != target:
                    self.nodes[node_id].setPos(target)
        else:
            positions = layered_positions(list(self.preview_nodes), links)
        for node_id, preview in self.preview_nodes.items():
            position = positions[node_id]
            preview.setPos(position.x, position.y)
        self.update_scene_rect()
        return item

    def _shown_before_preview(self) -> Roadmap:
        """The shown milestones where they stood before the preview, and their links."""
        homes = self._preview_homes
        nodes = [Node(i, item.node.label, position=Position(homes[i].x(), homes[i].y())) for i, item in self.nodes.items()]
        return Roadmap(nodes, [Edge(i, e.source.node_id, e.target.node_id) for i, e in self.edges.items()])

    # -- gestures ----------------------------------------------------------------------------

    def node_at(self, scene_pos: QPointF) -> NodeItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            node = self.node_at(event.scenePos())
            if node is not None and not node.preview:
                local = node.mapFromScene(event.scenePos())
                if node.checkbox_hit(local):
                    event.accept()
                    self.toggle_requested.emit([node.node_id])
                    return
                if node.handle_hit(local):
                    event.accept()
                    self._link_source = node
                    self._link_line = QGraphicsLineItem(QLineF(node.mapToScene(node.HANDLE_CENTRE), event.scenePos()))
                    pen = QPen(self.canvas_style.accent, 2, Qt.PenStyle.DashLine)
                    self._link_line.setPen(pen)
                    self._link_line.setZValue(10)
                    self.addItem(self._link_line)
                    return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {
                i.node_id: i.pos() for i in self.selectedItems() if isinstance(i, NodeItem) and not i.preview
            }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_line is not None:
            line = self._link_line.line()
            line.setP2(event.scenePos())
            self._link_line.setLine(line)
            target = self.node_at(event.scenePos())
            if target is self._link_source or (target is not None and target.preview):
                target = None
            self._set_link_target(target)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_line is not None:
            source = self._link_source
            self.removeItem(self._link_line)
            self._link_line = self._link_source = None
            self._set_link_target(None)
            target = self.node_at(event.scenePos())
            event.accept()
            if source is not None and target is not None and target is not source and not target.preview:
                self.connect_requested.emit(source.node_id, target.node_id)
            return
        super().mouseReleaseEvent(event)
        start, self._drag_start = self._drag_start, {}
        before, after = {}, {}
        for node_id, old in start.items():
            item = self.nodes.get(node_id)
            if item is not None and item.pos() != old:
                before[node_id] = Position(old.x(), old.y())
                after[node_id] = Position(item.pos().x(), item.pos().y())
        if after:
            self.move_finished.emit(before, after)

    def _set_link_target(self, target: NodeItem | None) -> None:
        if target is self._link_target:
            return
        for item, on in ((self._link_target, False), (target, True)):
            if item is not None:
                item.link_target = on
                item.update()
        self._link_target = target

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        node = self.node_at(event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton and node is not None and not node.preview:
            if not node.checkbox_hit(node.mapFromScene(event.scenePos())):
                event.accept()
                self.rename_requested.emit(node.node_id)
                return
        if event.button() == Qt.MouseButton.LeftButton and not self.items(event.scenePos()):
            event.accept()
            self.add_requested.emit(event.scenePos())
            return
        super().mouseDoubleClickEvent(event)
