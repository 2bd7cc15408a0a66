"""Roadmap canvas benchmark (offscreen): python bench/canvas_bench.py [sizes...]

For 200 / 2,000 / 5,000 nodes it reports, each against a bare scene of plain QGraphicsRectItems
(one per node) and QGraphicsLineItems (one per edge) at the same positions, in the same run:
  build  - layered layout + RoadmapScene.sync() of the goal (the baseline: same layout + adding the plain items)
  drag   - mean frame time of a scripted mouse drag of one node (move event + synchronous repaint)
  repaint- median full repaint with the whole roadmap fitted in the view (zoomed far out)
All in CPU time of this process (see CLOCK).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsLineItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView  # noqa: E402

from timing import CPU, median_time, timed  # noqa: E402

from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap  # noqa: E402
from goals_desktop.layout import layered_positions  # noqa: E402
from goals_desktop.ui.canvas.items import NODE_HEIGHT, NODE_WIDTH  # noqa: E402
from goals_desktop.ui.canvas.scene import RoadmapScene  # noqa: E402
from goals_desktop.ui.canvas.view import RoadmapView  # noqa: E402

DRAG_FRAMES = 40
REPAINTS = 10
# Layout, scene building and raster painting all run on this thread, and the machine is shared, so
# wall time would mostly measure the other jobs: CPU time of this process.
CLOCK = CPU


def make_roadmap(count: int, seed: int = 1) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(count)]
    links = []
    for i in range(1, count):
        for parent in rng.sample(range(max(0, i - 20), i), k=min(i, rng.choice([1, 1, 2]))):
            links.append((ids[parent], ids[i]))
    return ids, links


def build_ours(ids, links):
    positions = layered_positions(ids, links)
    goal = Goal(
        id="g", title="bench", description=None, target_date=None, progress=0, status="active",
        created_at="", updated_at="",
        roadmap=Roadmap(
            [Node(id=i, label=f"Milestone {i} with a longer label", position=positions[i], estimated_time="1 week") for i in ids],
            [Edge(f"e{k}", s, t) for k, (s, t) in enumerate(links)],
        ),
    )
    scene = RoadmapScene(QApplication.instance().palette())
    scene.sync(goal)
    view = RoadmapView(scene)
    return scene, view, positions


def build_bare(ids, links):
    positions = layered_positions(ids, links)
    scene = QGraphicsScene()
    items = {}
    for node_id in ids:
        p = positions[node_id]
        item = QGraphicsRectItem(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)
        item.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        item.setPos(p.x, p.y)
        scene.addItem(item)
        items[node_id] = item
    for s, t in links:
        scene.addItem(QGraphicsLineItem(positions[s].x, positions[s].y, positions[t].x, positions[t].y))
    rect = scene.itemsBoundingRect()
    scene.setSceneRect(rect.adjusted(-1500, -1500, 1500, 1500))
    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    return scene, view, positions


def drag_frames(view: QGraphicsView, centre: Position) -> float:
    view.resize(1280, 800)
    view.show()
    view.resetTransform()
    view.centerOn(centre.x, centre.y)
    QApplication.processEvents()
    viewport = view.viewport()
    grab = QPointF(centre.x + 60, centre.y + 10)
    start = view.mapFromScene(grab)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    viewport.repaint()
    frames = []
    for frame in range(1, DRAG_FRAMES + 1):
        point = start + type(start)(frame * 4, frame * 3)
        frames.append(timed(lambda: (QTest.mouseMove(viewport, point), viewport.repaint()), CLOCK)[1])
    dragged = view.scene().itemAt(view.mapToScene(point), view.transform())
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QApplication.processEvents()
    moved = dragged is not None and (dragged.pos() - QPointF(centre.x, centre.y)).manhattanLength() > 100
    if not moved:
        raise SystemExit("the scripted drag did not move the node; the figures would be meaningless")
    return statistics.mean(frames)


def zoomed_out_repaint(view: QGraphicsView, content: QRectF) -> tuple[float, float]:
    view.resize(1280, 800)
    view.fitInView(content, Qt.AspectRatioMode.KeepAspectRatio)
    QApplication.processEvents()
    viewport = view.viewport()
    _, first = timed(viewport.repaint, CLOCK)
    return first, median_time(viewport.repaint, REPAINTS, CLOCK)


def main(sizes: list[int]) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    warm_ids, warm_links = make_roadmap(100)
    for build in (build_bare, build_ours):  # first-use costs (fonts, pixmaps) out of the figures
        _scene, warm_view, _ = build(warm_ids, warm_links)
        warm_view.show()
        warm_view.viewport().repaint()
        warm_view.close()
    print(f"{'nodes':>6} | {'build ms (ratio)':>20} | {'drag frame ms (ratio)':>22} | {'zoomed-out repaint ms (ratio)':>30} | first repaint ms (ratio)")
    for count in sizes:
        ids, links = make_roadmap(count)
        (bare_scene, bare_view, positions), bare_build = timed(lambda: build_bare(ids, links), CLOCK)
        (scene, view, _), ours_build = timed(lambda: build_ours(ids, links), CLOCK)

        layout_ms = timed(lambda: layered_positions(ids, links), CLOCK)[1] * 1000
        middle = positions[ids[count // 2]]
        bare_drag = drag_frames(bare_view, middle)
        ours_drag = drag_frames(view, middle)
        # Releasing emitted the move for the editor; the bare scene has nothing to save.
        bare_first, bare_repaint = zoomed_out_repaint(bare_view, bare_scene.itemsBoundingRect())
        ours_first, ours_repaint = zoomed_out_repaint(view, scene.content_rect())

        def cell(ours: float, bare: float) -> str:
            return f"{ours * 1000:8.1f} ({ours / bare:4.1f}x)"

        print(
            f"{count:>6} | {cell(ours_build, bare_build):>20} | {cell(ours_drag, bare_drag):>22} | "
            f"{cell(ours_repaint, bare_repaint):>30} | {cell(ours_first, bare_first)}"
        )
        print(
            f"{'':>6}   bare: build {bare_build * 1000:.1f} ms, drag {bare_drag * 1000:.2f} ms, "
            f"repaint {bare_repaint * 1000:.1f} ms, first repaint {bare_first * 1000:.1f} ms; "
            f"layered layout alone {layout_ms:.1f} ms (in both builds)"
        )
        for v in (view, bare_view):
            v.close()
            v.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 2000, 5000])
