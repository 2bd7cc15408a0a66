"""File ▸ Calendar sync…: the CalDAV account, sync now, sync every N minutes and shortly after a
change; and the status strip's word on the last sync or its error.

CalendarSyncContext owns the actions (`file_actions`), the status label and the timers; the window
only places them. A pass runs on a worker thread against a second Database on the same data
(storage.caldav_state.second_copy): the network never blocks the window, and what the pass
changes reaches the window as another copy's commits do (DatabaseWatcher reloads it).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.domain.errors import GoalsError
from goals_desktop.storage.caldav_state import SyncStore, second_copy
from goals_desktop.ui.context import KeptDialog, PanelContext

#: "Shortly after a change": long enough to gather a burst of edits into one pass.
AFTER_CHANGE_MS = 20_000


class CalendarSyncContext(QObject):
    """The calendar sync's actions, timers and status label for one window's service."""

    started = Signal()
    finished = Signal(str)  # the status line
    _done = Signal(object, object)  # (report dict or None, error text or None), from the worker

    def __init__(self, context: PanelContext, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service = context.service
        self.settings = settings
        self.session_password: str | None = None  # only where there is no keyring; never saved
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="caldav-sync")
        self._running = False
        self._again = False
        self.settings_dialog = KeptDialog(context, lambda: CalendarSyncDialog(self, context.dialog_parent))
        self.dialog_action = QAction(self.tr("Calendar s&ync…"), self)
        self.dialog_action.setObjectName("calendarSyncAction")
        self.dialog_action.triggered.connect(self.open_dialog)
        self.sync_now_action = QAction(self.tr("Sync calendar now"), self)
        self.sync_now_action.setObjectName("syncNowAction")
        self.sync_now_action.triggered.connect(self.sync_now)
        self.file_actions = [self.dialog_action, self.sync_now_action]
        self.status_label = QLabel(objectName="calendarSyncStatus")
        self.every = QTimer(self)
        self.every.timeout.connect(self.sync_now)
        self.after_change = QTimer(self, singleShot=True, interval=AFTER_CHANGE_MS)
        self.after_change.timeout.connect(self.sync_now)
        self._done.connect(self._finished)
        self._unsubscribe = service.subscribe(self._changed_here)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.apply_settings()
        self.status_label.setText(self._last_pass_text())

    # -- settings ----------------------------------------------------------------------------------

    def interval_minutes(self) -> int:
        return int(self.settings.value("calendarSync/intervalMinutes", 0) or 0)

    def after_changes(self) -> bool:
        return str(self.settings.value("calendarSync/afterChange", "false")).lower() == "true"

    def configured(self) -> bool:
        return bool(SyncStore(self.service.db).meta().get("url"))

    def apply_settings(self) -> None:
        minutes = self.interval_minutes()
        if minutes > 0 and self.configured():
            self.every.start(minutes * 60_000)
        else:
            self.every.stop()

    def _changed_here(self, _change) -> None:
        if self.after_changes() and self.configured():
            self.after_change.start()

    # -- passes ------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        if not self.configured():
            self.status_label.setText(self.tr("Calendar sync is not set up (File ▸ Calendar sync…)."))
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.sync_now_action.setEnabled(False)
        self.status_label.setText(self.tr("Syncing with the calendar…"))
        self.started.emit()
        self._pool.submit(self._work, self.session_password)

    def _work(self, password: str | None) -> None:
        """On the worker thread: one pass on its own Database; nothing of Qt but a queued signal."""
        from goals_desktop.storage import GoalService
        from goals_desktop.sync.account import run_pass

        database = None
        try:
            database = second_copy(self.service.db)
            report = run_pass(GoalService(database), password)
            self._done.emit(report.to_dict(), None)
        except GoalsError as error:
            self._done.emit(None, str(error))
        except Exception as error:  # a bug must not leave the window believing a pass still runs
            self._done.emit(None, f"unexpected problem ({type(error).__name__})")
        finally:
            if database is not None:
                database.close()

    def _finished(self, report: dict[str, Any] | None, error: str | None) -> None:
        self._running = False
        self.sync_now_action.setEnabled(True)
        text = self._last_pass_text() if error is None else self.tr("Calendar sync failed: %1").replace("%1", error)
        self.status_label.setText(text)
        self.finished.emit(text)
        if self._again:
            self._again = False
            self.sync_now()

    def _last_pass_text(self) -> str:
        meta = SyncStore(self.service.db).meta()
        if not meta.get("url"):
            return ""
        if not meta.get("last_pass"):
            return self.tr("Calendar: not synced yet")
        last = json.loads(meta["last_pass"])
        when = last["at"][11:16] + " UTC" if len(last.get("at", "")) >= 16 else last.get("at", "")
        if last.get("error"):
            return self.tr("Calendar sync failed at %1: %2").replace("%1", when).replace("%2", last["error"])
        up, down = len(last.get("to_server", [])), len(last.get("from_server", []))
        return self.tr("Calendar synced at %1 (%2 up, %3 down)").replace("%1", when).replace("%2", str(up)).replace("%3", str(down))

    # -- the dialog --------------------------------------------------------------------------------

    def open_dialog(self) -> CalendarSyncDialog:
        return self.settings_dialog.open()

    async def shutdown(self) -> None:
        self.every.stop()
        self.after_change.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)


class CalendarSyncDialog(QDialog):
    """The account (server, user, password, calendar) and when to sync."""

    _setup_done = Signal(object, object)  # (message, error)

    def __init__(self, context: CalendarSyncContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("calendarSyncDialog")
        self.setWindowTitle(self.tr("Calendar sync"))
        self.url = QLineEdit(objectName="caldavUrl")
        self.url.setPlaceholderText(self.tr("https://dav.example.org/"))
        self.user = QLineEdit(objectName="caldavUser")
        self.password = QLineEdit(objectName="caldavPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.calendar = QLineEdit(objectName="caldavCalendar")
        self.interval = QSpinBox(objectName="syncInterval")
        self.interval.setRange(0, 24 * 60)
        self.interval.setSpecialValueText(self.tr("never"))
        self.interval.setSuffix(self.tr(" min"))
        self.after_change = QCheckBox(self.tr("Sync shortly after a change"), objectName="syncAfterChange")
        self.connect_button = QPushButton(self.tr("Save and connect"), objectName="caldavConnect")
        self.sync_button = QPushButton(self.tr("Sync now"), objectName="caldavSyncNow")
        self.account_state = QLabel(objectName="caldavAccountState")  # what connecting found
        self.account_state.setWordWrap(True)
        self.state = QLabel(objectName="caldavState")  # the last pass, as in the status strip
        self.state.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server URL"), self.url)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Calendar"), self.calendar)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow("", self.after_change)
        row = QHBoxLayout()
        row.addWidget(self.connect_button)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.account_state)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.connect_button.clicked.connect(self.save_and_connect)
        self.sync_button.clicked.connect(context.sync_now)
        self.interval.valueChanged.connect(self._schedule_changed)
        self.after_change.toggled.connect(self._schedule_changed)
        context.finished.connect(self.state.setText)
        context.started.connect(lambda: self.state.setText(self.tr("Syncing with the calendar…")))
        self._setup_done.connect(self._connected)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="caldav-setup")

    def load(self) -> None:
        from goals_desktop.sync.server import DEFAULT_CALENDAR

        meta = SyncStore(self.context.service.db).meta()
        self.url.setText(meta.get("url", ""))
        self.user.setText(meta.get("user", ""))
        self.calendar.setText(meta.get("calendar") or DEFAULT_CALENDAR)
        self.password.clear()
        self.password.setPlaceholderText(self.tr("stored — type to replace") if meta.get("url") else "")
        self.interval.blockSignals(True)
        self.after_change.blockSignals(True)
        self.interval.setValue(self.context.interval_minutes())
        self.after_change.setChecked(self.context.after_changes())
        self.interval.blockSignals(False)
        self.after_change.blockSignals(False)
        self.sync_button.setEnabled(bool(meta.get("url")))
        self.account_state.clear()
        self.state.setText(self.context.status_label.text())

    def _schedule_changed(self) -> None:
        self.context.settings.setValue("calendarSync/intervalMinutes", self.interval.value())
        self.context.settings.setValue("calendarSync/afterChange", "true" if self.after_change.isChecked() else "false")
        self.context.apply_settings()

    def save_and_connect(self) -> None:
        url, user, password, calendar = self.url.text(), self.user.text(), self.password.text(), self.calendar.text()
        if not password:
            password = self.context.session_password or ""
        self.connect_button.setEnabled(False)
        self.account_state.setText(self.tr("Connecting…"))
        self._pool.submit(self._setup, url, user, password, calendar)

    def _setup(self, url: str, user: str, password: str, calendar: str) -> None:
        from goals_desktop.sync.account import Account, password_for, setup

        database = None
        try:
            database = second_copy(self.context.service.db)
            from goals_desktop.storage import GoalService

            password = password_for(Account(url.strip(), user.strip()), password or None)
            account, in_keyring = setup(GoalService(database), url, user, password, calendar.strip() or None)
            self._setup_done.emit((account.calendar, in_keyring, password), None)
        except GoalsError as error:
            self._setup_done.emit(None, str(error))
        except Exception as error:  # a bug must not leave the dialog waiting for ever
            self._setup_done.emit(None, f"unexpected problem ({type(error).__name__}: {error})")
        finally:
            if database is not None:
                database.close()

    def _connected(self, result, error: str | None) -> None:
        self.connect_button.setEnabled(True)
        if error is not None:
            self.account_state.setText(self.tr("Cannot connect: %1").replace("%1", error))
            return
        calendar, in_keyring, password = result
        self.context.session_password = None if in_keyring else password
        self.password.clear()
        self.sync_button.setEnabled(True)
        where = self.tr("The password is in the system keyring.") if in_keyring else self.tr(
            "No system keyring: the password is kept until the app closes."
        )
        self.account_state.setText(self.tr("Connected to the calendar “%1”.").replace("%1", calendar) + " " + where)
        self.context.apply_settings()
        self.context.sync_now()
