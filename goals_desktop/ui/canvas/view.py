"""The roadmap view: zoom under the cursor (clamped), pan by dragging the background or with the
middle button, Shift- or Ctrl-drag on the background for rubber-band selection."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from .items import EdgeItem, NodeItem

MIN_ZOOM = 0.05
MAX_ZOOM = 3.0
FIT_MAX_ZOOM = 1.0


class RoadmapView(QGraphicsView):
    context_menu_requested = Signal(object, QPointF, object)  # item or None, scene pos, global QPoint

    def __init__(self, scene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("roadmapView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # Anchoring is done by hand in wheelEvent: Qt's AnchorUnderMouse needs a hover position
        # it does not have for synthetic or first events.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Panning is by dragging; hidden scroll bars still scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty_message = ""
        self._pan_from: QPointF | None = None

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Scale to factor (clamped), keeping the scene point under anchor (view coords) still."""
        target = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(target - current) < 1e-9:
            return
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        scene_point = self.mapToScene(anchor.toPoint())
        self.scale(target / current, target / current)
        drift = QPointF(self.mapFromScene(scene_point)) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(drift.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(drift.y()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y()
        if not steps:
            return super().wheelEvent(event)
        self.set_zoom(self.zoom() * 1.0015**steps, event.position())
        event.accept()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def fit_rect(self, rect: QRectF, max_zoom: float = FIT_MAX_ZOOM) -> None:
        if rect.isNull() or rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        zoom = self.zoom()
        if zoom > max_zoom or zoom < MIN_ZOOM:
            self.set_zoom(max_zoom if zoom > max_zoom else MIN_ZOOM)
            self.centerOn(rect.center())

    def fit_content(self, rect: QRectF) -> None:
        """Fit the whole drawing (its bounds in rect); an empty one is shown at 100 % around the origin."""
        if not rect.isNull():
            self.fit_rect(rect)
        else:
            self.resetTransform()
            self.centerOn(0, 0)

    def fit_items(self, items) -> None:
        rect = QRectF()
        for item in items:
            rect = item.sceneBoundingRect() if rect.isNull() else rect.united(item.sceneBoundingRect())
        if not rect.isNull():
            self.fit_rect(rect, max_zoom=1.0)

    def follow_growing(self, rect: QRectF, newest, readable_zoom: float) -> None:
        """Show a growing drawing (a roadmap streaming in): all of it while it fits at readable_zoom,
        else the newest item at that zoom, scrolled to only once it would be out of sight (scrolling
        repaints the whole view). The fit is skipped well below readable: fitInView cost ~3 ms.

        A new zoom repaints every milestone from scratch (their cached images are per zoom: 2-4 ms
        a repaint on a busy machine, the longest part of an arrival), so the zoom changes only when
        the drawing outgrows the view or is much smaller than it, and then leaves it room to grow."""
        viewport = self.viewport().rect()
        fitted = min(viewport.width() / (rect.width() + 80), viewport.height() / (rect.height() + 80))
        if fitted > 0.9 * readable_zoom:
            seen = self.mapToScene(viewport).boundingRect()
            if not seen.contains(rect.adjusted(-20, -20, 20, 20)) or self.zoom() < 0.7 * min(fitted, 1.0):
                room_x, room_y = rect.width() / 8, rect.height() / 8
                self.fit_rect(rect.adjusted(-room_x, -room_y, room_x, room_y), max_zoom=1.0)
            if self.zoom() >= readable_zoom:
                return
        self.set_zoom(readable_zoom)
        seen = self.mapToScene(viewport).boundingRect().adjusted(20, 20, -20, -20)
        if not seen.contains(newest.sceneBoundingRect()):
            self.centerOn(newest)

    # -- pan / rubber band -----------------------------------------------------------------

    def _hit(self, pos) -> object:
        item = self.itemAt(pos)
        return item if isinstance(item, (NodeItem, EdgeItem)) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button, mods = event.button(), event.modifiers()
        on_background = self._hit(event.position().toPoint()) is None
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton
            and on_background
            and not mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        ):
            if button == Qt.MouseButton.LeftButton and self.scene() is not None:
                self.scene().clearSelection()
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton and on_background:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self.dragMode() != QGraphicsView.DragMode.NoDrag:
            self.setDragMode(QGraphicsView.DragMode.NoDrag)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self._hit(event.pos())
        self.context_menu_requested.emit(item, self.mapToScene(event.pos()), event.globalPos())
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        follow_zoom = getattr(self.scene(), "follow_zoom", None)
        if follow_zoom is not None:
            follow_zoom(self.zoom())
        super().paintEvent(event)

    # -- empty state -------------------------------------------------------------------------

    def set_empty_message(self, text: str) -> None:
        if text != self.empty_message:
            self.empty_message = text
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.empty_message:
            return
        painter.save()
        painter.resetTransform()
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_message)
        painter.restore()
