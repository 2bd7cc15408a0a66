"""Side panel for the selected milestone's details. Each committed field (Enter or leaving a text
field, toggling/choosing the due date) becomes one undo command through the editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.domain.models import Node


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class NodeDetailsPanel(QWidget):
    edit_requested = Signal(str, str, object)  # node id, field name, new value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeDetailsPanel")
        self.node: Node | None = None

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.hint = QLabel("Select a milestone to see and edit its details.")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)

        self.steps_edit = QPlainTextEdit()
        self.steps_edit.setPlaceholderText("One step per line")
        self.estimate_edit = QLineEdit()
        self.estimate_edit.setPlaceholderText("e.g. 2 weeks")
        self.resources_edit = QPlainTextEdit()
        self.resources_edit.setPlaceholderText("Books, links, courses — one per line")
        self.due_check = QCheckBox("Due")
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText("Anything worth remembering")
        for edit in (self.steps_edit, self.resources_edit, self.notes_edit):
            edit.setTabChangesFocus(True)
            edit.installEventFilter(self)
        self.error = QLabel()
        self.error.setObjectName("detailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9480f;")
        self.error.hide()

        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)

        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Steps (one per line)", self.steps_edit)
        form.addRow("Estimated time", self.estimate_edit)
        form.addRow("Resources (one per line)", self.resources_edit)
        form.addRow("Due date", due_row)
        form.addRow("Notes", self.notes_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.error)

        self.estimate_edit.editingFinished.connect(lambda: self._commit("estimated_time"))
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit.dateChanged.connect(lambda _date: self._commit("due_date"))
        self.set_node(None)

    # -- showing ---------------------------------------------------------------------------

    def set_node(self, node: Node | None, selected: int = 0) -> None:
        """Show node's fields; a field being edited keeps its text unless another node is shown.

        selected is how many milestones are selected, for the title when node is None."""
        same = node is not None and self.node is not None and node.id == self.node.id
        self.node = node
        if not same:
            self.show_error("")
        if node is not None:
            self.title.setText(node.label)
        else:
            self.title.setText(f"{selected} milestones selected" if selected > 1 else "No milestone selected")
        self.hint.setVisible(node is None)
        self.form.setEnabled(node is not None)
        node = node or Node(id="", label="")
        for widget, text in (
            (self.steps_edit, "\n".join(node.details)),
            (self.resources_edit, "\n".join(node.resources)),
            (self.notes_edit, node.notes),
        ):
            if not (same and widget.hasFocus()) and widget.toPlainText() != text:
                widget.setPlainText(text)
        if not (same and self.estimate_edit.hasFocus()):
            self.estimate_edit.setText(node.estimated_time)
        blocked = [w.blockSignals(True) for w in (self.due_check, self.due_edit)]
        self.due_check.setChecked(node.due_date is not None)
        self.due_edit.setEnabled(node.due_date is not None)
        if node.due_date:
            self.due_edit.setDate(QDate.fromString(node.due_date[:10], "yyyy-MM-dd"))
        else:
            self.due_edit.setDate(QDate.currentDate())
        for widget, was in zip((self.due_check, self.due_edit), blocked):
            widget.blockSignals(was)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- committing ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            name = {self.steps_edit: "details", self.resources_edit: "resources", self.notes_edit: "notes"}.get(watched)
            if name:
                self._commit(name)
        return super().eventFilter(watched, event)

    def _due_toggled(self, checked: bool) -> None:
        self.due_edit.setEnabled(checked)
        self._commit("due_date")

    def value_of(self, name: str) -> Any:
        if name == "details":
            return _lines(self.steps_edit.toPlainText())
        if name == "resources":
            return _lines(self.resources_edit.toPlainText())
        if name == "notes":
            return self.notes_edit.toPlainText()
        if name == "estimated_time":
            return self.estimate_edit.text().strip()
        if name == "due_date":
            return self.due_edit.date().toString("yyyy-MM-dd") + "T00:00:00Z" if self.due_check.isChecked() else None
        raise KeyError(name)

    def commit_all(self) -> None:
        for name in ("details", "estimated_time", "resources", "due_date", "notes"):
            self._commit(name)

    def _commit(self, name: str) -> None:
        if self.node is None:
            return
        value = self.value_of(name)
        if value != getattr(self.node, name):
            self.edit_requested.emit(self.node.id, name, value)
