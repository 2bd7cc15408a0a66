"""Reminders: once a day, at a time the user chooses, a desktop notification of what is due today
or overdue and of the goals that fell behind their schedule; clicking it opens the goal. A tray
icon where the desktop has one, and the option to keep running there when the window closes.

ReminderContext owns its actions (`file_actions`), timer, tray icon and notifier; the window only
places the actions. A click makes the goal the current goal (PanelContext.current), which every
panel follows, and brings the window (the context's parent) up.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QSettings, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.ui.context import KeptDialog, PanelContext
from goals_desktop.ui.notifications import Notifier

CHECK_EVERY_MS = 60_000
MAX_LINES = 6


class ReminderContext(QObject):
    open_goal = Signal(str)
    show_window = Signal()

    def __init__(self, context: PanelContext, settings: QSettings, parent: QWidget | None = None, today=None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = context.service
        self.settings = settings
        self._today = today  # tests pin the day; None: the clock (domain.rules.local_today)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QApplication.windowIcon() or QIcon(), self)
            self.tray.setToolTip("Goals Desktop")
            self.tray.activated.connect(lambda _reason: self.show_window.emit())
        self.notifier = Notifier(self.tray, self)
        self.notifier.clicked.connect(self._clicked)
        self.settings_action = QAction(self.tr("&Reminders…"), self)
        self.settings_action.setObjectName("remindersAction")
        self.settings_action.triggered.connect(self.open_dialog)
        self.remind_now_action = QAction(self.tr("Show today's reminder"), self)
        self.remind_now_action.triggered.connect(lambda: self.remind(force=True))
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.file_actions = [self.settings_action]
        self.settings_dialog = KeptDialog(context, lambda: RemindersDialog(self, context.dialog_parent))
        self._window: QWidget | None = parent if isinstance(parent, QWidget) else None
        if self._window is not None:
            self._follow_window(self._window)
        self._apply_tray()

    # -- settings --------------------------------------------------------------------------------

    def enabled(self) -> bool:
        return str(self.settings.value("reminders/enabled", "true")).lower() == "true"

    def time_of_day(self) -> QTime:
        value = QTime.fromString(str(self.settings.value("reminders/time", "09:00")), "HH:mm")
        return value if value.isValid() else QTime(9, 0)

    def keep_in_tray(self) -> bool:
        return self.tray is not None and str(self.settings.value("reminders/keepInTray", "false")).lower() == "true"

    def save(self, enabled: bool, time_of_day: QTime, keep_in_tray: bool) -> None:
        self.settings.setValue("reminders/enabled", "true" if enabled else "false")
        self.settings.setValue("reminders/time", time_of_day.toString("HH:mm"))
        self.settings.setValue("reminders/keepInTray", "true" if keep_in_tray else "false")
        self._apply_tray()

    def _apply_tray(self) -> None:
        if self.tray is not None:
            self.tray.setVisible(self.enabled() or self.keep_in_tray())

    # -- reminding -------------------------------------------------------------------------------

    def today(self) -> date:
        from goals_desktop.domain.rules import local_today

        return self._today or local_today()

    def check(self, now: datetime | None = None) -> bool:
        """Remind once a day, at or after the chosen time; True if it did now."""
        now = now or datetime.now()
        today = self.today()
        if not self.enabled() or str(self.settings.value("reminders/lastShown", "")) == today.isoformat():
            return False
        chosen = self.time_of_day()
        if (now.hour, now.minute) < (chosen.hour(), chosen.minute()):
            return False
        return self.remind()

    def remind(self, force: bool = False) -> bool:
        from goals_desktop.domain.errors import GoalsError
        from goals_desktop.sync.due import due_items, goals_behind

        today = self.today()
        try:
            due = [item for item in due_items(self.service, today) if item.kind != "subtask"]
            behind = goals_behind(self.service, today)
        except GoalsError:
            return False  # the database is away; the window says so, the next minute tries again
        self.settings.setValue("reminders/lastShown", today.isoformat())
        if not due and not behind and not force:
            return False
        overdue = sum(1 for item in due if item.overdue)
        if due:
            title = self.tr("%n due today or overdue", "", len(due))
            if overdue:
                title += " " + self.tr("(%n overdue)", "", overdue)
        elif behind:
            title = self.tr("%n goals behind schedule", "", len(behind))
        else:
            title = self.tr("Nothing due today")
        lines = []
        for item in due[:MAX_LINES]:
            goal = f" — {item.goal_title}" if item.goal_title else ""
            lines.append(f"{item.title}{goal}")
        if len(due) > MAX_LINES:
            lines.append(self.tr("and %n more", "", len(due) - MAX_LINES))
        for goal in behind:
            lines.append(self.tr("%1 is %2").replace("%1", goal.title).replace("%2", goal.text))
        goal_id = next((item.goal_id for item in due if item.goal_id), None) or (behind[0].goal_id if behind else None)
        self.notifier.notify(title, "\n".join(lines), goal_id)
        return True

    def _clicked(self, goal_id: str) -> None:
        self.show_window.emit()
        self.context.current.set(goal_id)
        self.open_goal.emit(goal_id)

    # -- the window --------------------------------------------------------------------------------

    def _follow_window(self, window: QWidget) -> None:
        """Clicks bring it up, keep-in-tray on its close, the tray's menu."""
        self.show_window.connect(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
        window.installEventFilter(self)
        if self.tray is not None:
            menu = QMenu(window)
            menu.addAction(self.tr("Show Goals Desktop"), lambda: self.show_window.emit())
            menu.addAction(self.remind_now_action)
            menu.addSeparator()
            menu.addAction(self.tr("Quit"), self._quit)
            self.tray.setContextMenu(menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the window manager's close (spontaneous): File ▸ Quit and the tray's Quit still quit.
        if watched is self._window and event.type() == QEvent.Type.Close and event.spontaneous() and self.keep_in_tray():
            self._window.hide()
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _quit(self) -> None:
        if self._window is not None:
            self._window.close()

    def open_dialog(self) -> RemindersDialog:
        return self.settings_dialog.open()

    async def shutdown(self) -> None:
        self.timer.stop()
        self.notifier.close()
        if self.tray is not None:
            self.tray.hide()


class RemindersDialog(QDialog):
    def __init__(self, context: ReminderContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("remindersDialog")
        self.setWindowTitle(self.tr("Reminders"))
        self.enabled = QCheckBox(self.tr("Remind me of what is due and of goals falling behind"), objectName="remindersEnabled")
        self.time = QTimeEdit(objectName="remindersTime")
        self.time.setDisplayFormat("HH:mm")
        self.keep_in_tray = QCheckBox(self.tr("Keep running in the tray when the window closes"), objectName="keepInTray")
        self.keep_in_tray.setEnabled(context.tray is not None)
        if context.tray is None:
            self.keep_in_tray.setToolTip(self.tr("This desktop has no system tray."))
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.tr("Every day at"), self.time)
        form.addRow(self.keep_in_tray)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def load(self) -> None:
        self.enabled.setChecked(self.context.enabled())
        self.time.setTime(self.context.time_of_day())
        self.keep_in_tray.setChecked(self.context.keep_in_tray())

    def save(self) -> None:
        self.context.save(self.enabled.isChecked(), self.time.time(), self.keep_in_tray.isChecked())
        self.accept()
