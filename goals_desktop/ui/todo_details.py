"""Due date and notes of the todo selected in the Todos panel, editable in place.

Each committed change (ticking "Due", picking a date, leaving the notes) is one undo step
(commands.todos.EditTodoCommand, pushed by the Todos panel); the panel then follows the service's announcement like any change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from goals_desktop.domain.rules import local_today
from goals_desktop.domain.todos import Todo


class TodoDetails(QWidget):
    edit_requested = Signal(str, str, object)  # todo id, field ("due_date" or "notes"), new value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("todoDetails")
        self.todo: Todo | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.due_check = QCheckBox("Due")
        self.due_edit = QDateEdit()
        self.due_edit.setAccessibleName(self.tr("Due date"))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText("Notes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))  # a placeholder is no name
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.installEventFilter(self)
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(due_row)
        layout.addWidget(self.notes_edit)
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit.dateChanged.connect(lambda _date: self._commit("due_date"))
        self.set_todo(None)

    def set_todo(self, todo: Todo | None) -> None:
        """Show todo's due date and notes (None: nothing selected); notes being typed are kept."""
        same = todo is not None and self.todo is not None and todo.id == self.todo.id
        self.todo = todo
        self.setEnabled(todo is not None)
        self.heading.setText(f"Details of “{todo.title}”" if todo is not None else "Select a todo to edit its due date and notes")
        blocked = [w.blockSignals(True) for w in (self.due_check, self.due_edit)]
        self.due_check.setChecked(bool(todo and todo.due_date))
        self.due_edit.setEnabled(bool(todo and todo.due_date))
        day = QDate.fromString(todo.due_date[:10], "yyyy-MM-dd") if todo and todo.due_date else None
        if day is None:
            today = local_today()
            day = QDate(today.year, today.month, today.day)
        self.due_edit.setDate(day)
        for widget, was in zip((self.due_check, self.due_edit), blocked):
            widget.blockSignals(was)
        notes = todo.notes if todo is not None else ""
        if not (same and self.notes_edit.hasFocus()) and self.notes_edit.toPlainText() != notes:
            self.notes_edit.setPlainText(notes)

    def value_of(self, name: str) -> Any:
        if name == "notes":
            return self.notes_edit.toPlainText()
        if name == "due_date":
            return self.due_edit.date().toString("yyyy-MM-dd") + "T00:00:00Z" if self.due_check.isChecked() else None
        raise KeyError(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes_edit and event.type() == QEvent.Type.FocusOut:
            self._commit("notes")
        return super().eventFilter(watched, event)

    def _due_toggled(self, checked: bool) -> None:
        self.due_edit.setEnabled(checked)
        self._commit("due_date")

    def _commit(self, name: str) -> None:
        if self.todo is None:
            return
        value = self.value_of(name)
        current = getattr(self.todo, name)
        if name == "due_date" and current and value:
            current = current[:10] + "T00:00:00Z"
        if value != current:
            self.edit_requested.emit(self.todo.id, name, value)
