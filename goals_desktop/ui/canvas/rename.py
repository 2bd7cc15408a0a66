"""Renaming a milestone in place: a text box over its card; Enter (or clicking elsewhere) keeps a
valid label, Esc cancels. The rename itself is the editor's undo step (RoadmapEditor.rename_node)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ValidationError


class _LabelBox(QLineEdit):
    """In-place rename box: Enter commits, Esc cancels."""

    cancelled = Signal()
    focus_lost = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # QLineEdit passes Enter on to its parent; here that is the canvas, where Enter opens the details.
            event.accept()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        # Clicking elsewhere keeps a valid new label, as item views do; popups (the context menu)
        # do not count as leaving.
        if event.reason() != Qt.FocusReason.PopupFocusReason and self.isVisible():
            self.focus_lost.emit()


class LabelRename(QObject):
    """The rename box of a RoadmapEditor (editor)."""

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.node_id: str | None = None
        self.box = _LabelBox(editor.view.viewport())
        self.box.setObjectName("nodeLabelEditor")
        self.box.hide()
        self.box.returnPressed.connect(self.finish)
        self.box.cancelled.connect(self.cancel)
        self.box.focus_lost.connect(lambda: self.finish(leaving=True))

    def start(self, node_id: str) -> None:
        editor = self.editor
        item, node = editor.scene.nodes.get(node_id), editor.node(node_id)
        if item is None or node is None:
            return
        self.node_id = node_id
        rect = editor.view.mapFromScene(item.mapToScene(item.RECT).boundingRect()).boundingRect()
        box = self.box
        height = max(box.sizeHint().height(), 24)
        box.setGeometry(rect.left(), rect.center().y() - height // 2, max(rect.width(), 160), height)
        box.setText(node.label)
        box.selectAll()
        box.show()
        box.setFocus()

    def finish(self, leaving: bool = False) -> None:
        node_id, node = self.node_id, self.editor.node(self.node_id or "")
        if node_id is None or node is None or self.editor.goal_id() is None:
            return self.cancel()
        try:
            label = rules.clean_title(self.box.text(), "milestone label", rules.LABEL_MAX)
        except ValidationError as error:
            # Enter keeps the box open so the label can be fixed; leaving drops the edit. Either way nothing is saved.
            self.editor.context.message(str(error) + (" The label was left unchanged." if leaving else ""))
            if leaving:
                self.cancel()
            return
        self.cancel()
        self.editor.rename_node(node_id, label)

    def cancel(self) -> None:
        self.node_id = None
        if self.box.isVisible():
            self.box.hide()
            self.editor.view.setFocus()
