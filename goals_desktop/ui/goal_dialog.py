"""Create/edit a goal: title, description, optional target date, status. Errors show inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidgetAction,
    QWidget,
)

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Goal
from goals_desktop.domain.statuses import STATUSES
from goals_desktop.ui import palette as colours


class GoalDialog(QDialog):
    """Opened with open() (never exec(): the app runs on qasync); `accepted_values` carries the result.

    Validation uses the same rules as the service, so what the dialog accepts the service saves.
    """

    accepted_values = Signal(dict)

    def __init__(self, parent: QWidget | None = None, goal: Goal | None = None) -> None:
        super().__init__(parent)
        self.goal = goal
        self.setWindowTitle("Edit goal" if goal else "New goal")
        self.setObjectName("goalDialog")
        self.setMinimumWidth(440)

        self.title_edit = QLineEdit(objectName="titleEdit")
        self.title_edit.setPlaceholderText("What do you want to achieve?")
        self.title_edit.setMaxLength(rules.TITLE_MAX + 50)  # longer input gets a clear message, not silence
        self.description_edit = QPlainTextEdit(objectName="descriptionEdit")
        self.description_edit.setPlaceholderText("Why it matters, what done looks like (optional)")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)

        # A free-text field (not a QDateEdit, whose validator silently rewrites what is typed) so
        # a typo gets a clear message; the calendar button fills it in for those who prefer to click.
        self.target_edit = QLineEdit(objectName="targetDateEdit")
        self.target_edit.setPlaceholderText("YYYY-MM-DD (optional)")
        self.target_edit.setClearButtonEnabled(True)
        self.calendar = QCalendarWidget(objectName="targetCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._date_picked)
        self.calendar_menu = QMenu(self)
        calendar_action = QWidgetAction(self.calendar_menu)
        calendar_action.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(calendar_action)
        self.calendar_button = QToolButton(objectName="calendarButton", text="Calendar…")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_button.setMenu(self.calendar_menu)
        self.calendar_menu.aboutToShow.connect(self._calendar_opening)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.calendar_button)

        self.status_combo = QComboBox(objectName="statusCombo")
        self.status_combo.addItems(STATUSES)

        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color: {colours.bad(self.palette()).name()};")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Description", self.description_edit)
        form.addRow("Target date", target_row)
        form.addRow("Status", self.status_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if goal is not None:
            self.title_edit.setText(goal.title)
            self.description_edit.setPlainText(goal.description or "")
            if goal.target_date:
                self.target_edit.setText(goal.target_date[:10])
            self.status_combo.setCurrentText(goal.status)
        else:
            self.status_combo.setEnabled(False)  # a new goal starts active
        for signal in (self.title_edit.textEdited, self.description_edit.textChanged, self.target_edit.textEdited):
            signal.connect(self.error_label.hide)

    def values(self) -> dict[str, Any]:
        """The form as service arguments, validated; raises ValidationError with one sentence."""
        title = rules.clean_title(self.title_edit.text())
        description = rules.clean_optional_text(self.description_edit.toPlainText(), "description")
        target_date = rules.parse_date(self.target_edit.text(), "target date")
        return {"title": title, "description": description, "target_date": target_date, "status": self.status_combo.currentText()}

    def _calendar_opening(self) -> None:
        typed = QDate.fromString(self.target_edit.text().strip()[:10], "yyyy-MM-dd")
        self.calendar.setSelectedDate(typed if typed.isValid() else QDate.currentDate().addMonths(3))

    def _date_picked(self, day: QDate) -> None:
        self.target_edit.setText(day.toString("yyyy-MM-dd"))
        self.calendar_menu.close()
        self.error_label.hide()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _try_accept(self) -> None:
        try:
            values = self.values()
        except ValidationError as error:
            self.show_error(str(error))
            return
        self.accepted_values.emit(values)
