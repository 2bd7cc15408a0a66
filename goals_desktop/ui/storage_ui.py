"""The window's side of "nothing lost": recovering from a bad database at start, restoring a
backup while running, and following another copy's changes (two copies work side by side, on one
file or one PostgreSQL server)."""

from __future__ import annotations

import itertools
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goals_desktop import APP_NAME
from goals_desktop.domain.errors import StorageError
from goals_desktop.storage.backup import list_backups, restore_backup
from goals_desktop.storage.db import ChangeWatcher, Database
from goals_desktop.storage.dialects import dialect_for, location_of
from goals_desktop.storage.location import database_target
from goals_desktop.ui.context import PanelContext

# How the window words each way forward a StorageError offers (storage/errors.py ERROR_KINDS).
ACTION_LABELS = {
    "restore_backup": "Restore from backup…",
    "open_other": "Open another database…",  # a file or a postgresql:// URL
    "retry": "Try again",
    "update_app": "Update Goals Desktop",
    "quit": "Quit",
}

POLL_INTERVAL_MS = 1500
BURST_MS = 30  # commits heard closer together than this reload the window once


def ask_recovery(error: StorageError, parent: QWidget | None = None) -> str:
    """Before the window exists (no qasync loop yet, so exec() is safe): one sentence, a way forward."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(error), parent=parent)
    box.setObjectName("storageErrorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    actions = [a for a in (getattr(error, "actions", None) or ("quit",)) if a != "update_app"]
    if "quit" not in actions:
        actions.append("quit")
    buttons = {}
    for action in actions:
        role = QMessageBox.ButtonRole.RejectRole if action == "quit" else QMessageBox.ButtonRole.AcceptRole
        buttons[box.addButton(ACTION_LABELS.get(action, action), role)] = action
    box.exec()
    return buttons.get(box.clickedButton(), "quit")


def choose_other_file(parent: QWidget | None, current: Path | str) -> Path | str | None:
    """Before the window exists (exec() is safe): a file or a postgresql:// URL, or None."""
    dialog = OpenDatabaseDialog(parent, current)
    return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None


class OpenDatabaseDialog(QDialog):
    """File ▸ Open database…: an SQLite file (typed or picked with Browse…) or a postgresql:// URL.

    A password typed into the URL is used for this session only: the window keeps and shows the
    URL without it (~/.pgpass or PGPASSWORD keep it across sessions, outside the app's settings).
    """

    def __init__(self, parent: QWidget | None, current: Path | str | None = None) -> None:
        super().__init__(parent, objectName="openDatabaseDialog")
        self.setWindowTitle("Open database")
        self._chosen: Path | str | None = None
        self.field = QLineEdit(objectName="databaseField")
        self.field.setPlaceholderText("goals.sqlite3, or postgresql://user@host/dbname")
        self.field.setMinimumWidth(460)
        if current is not None:
            self.field.setText(location_of(current))
        browse = QPushButton("Browse…", objectName="browseButton")
        browse.clicked.connect(self._browse)
        self.error = QLabel(objectName="databaseError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A database file, or a PostgreSQL server shared by several machines:"))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        # open(), not getSaveFileName(): no nested event loop under qasync.
        files = QFileDialog(self, "Open or create a goals database", filter="Goals database (*.sqlite3 *.sqlite *.db);;All files (*)")
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        files.setOption(QFileDialog.Option.DontConfirmOverwrite)
        files.fileSelected.connect(self.field.setText)
        self._files = files
        files.open()

    def _check_and_accept(self) -> None:
        text = self.field.text().strip()
        if not text:
            return self._show_error("Give a file or a postgresql:// URL.")
        try:
            dialect_for(database_target(text))  # the URL's form and the driver; nothing is opened yet
        except StorageError as error:
            return self._show_error(str(error))
        self._chosen = database_target(text)
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def target(self) -> Path | str | None:
        return self._chosen


class _ThreadBridge(QObject):
    """Where listening threads report, instead of emitting on a window's object (which may be
    deleted while the thread is mid-emit). It lives as long as the program, in the GUI thread, so
    its queued slots run there and find the watcher — if it still exists — by key."""

    changed = Signal(int)
    state = Signal(int, bool)

    def __init__(self) -> None:
        super().__init__()
        self.watchers: weakref.WeakValueDictionary[int, DatabaseWatcher] = weakref.WeakValueDictionary()
        self.changed.connect(self._changed)
        self.state.connect(self._state)

    @Slot(int)
    def _changed(self, key: int) -> None:
        watcher = self.watchers.get(key)
        if watcher is not None:
            try:
                watcher._burst.start()
            except RuntimeError:  # its window is gone
                pass

    @Slot(int, bool)
    def _state(self, key: int, connected: bool) -> None:
        watcher = self.watchers.get(key)
        if watcher is not None:
            try:
                watcher.connection_changed.emit(connected)
            except RuntimeError:
                pass


_bridge: _ThreadBridge | None = None
_keys = itertools.count(1)


def _thread_bridge() -> _ThreadBridge:
    global _bridge
    if _bridge is None:
        _bridge = _ThreadBridge()
    return _bridge


class DatabaseWatcher(QObject):
    """Another copy (or the CLI, or the API server) committed → `changed` fires.

    On an SQLite file it polls data_version from a timer. On PostgreSQL a LISTEN thread pushes
    each commit within milliseconds (no polling), bursts fold into one `changed`, and
    `connection_changed(False/True)` says when the server connection drops and comes back.
    """

    changed = Signal()
    connection_changed = Signal(bool)

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, interval=POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self._burst = QTimer(self, singleShot=True, interval=BURST_MS)
        self._burst.timeout.connect(self.changed)
        if database.is_file:
            self._watcher = ChangeWatcher(database)
            self.timer.start()
        else:
            bridge, key = _thread_bridge(), next(_keys)
            bridge.watchers[key] = self
            self._watcher = ChangeWatcher(
                database,
                on_change=lambda: bridge.changed.emit(key),
                on_state=lambda connected: bridge.state.emit(key, connected),
            )
        # A window dropped without closing must not leave its listening thread and connection behind.
        self._closer = weakref.finalize(self, self._watcher.close)

    @property
    def connected(self) -> bool:
        return self._watcher.connected

    def poll(self) -> bool:
        """Look now (the timer does this on SQLite; on PostgreSQL after the thread caught up)."""
        try:
            changed = self._watcher.changed()
        except StorageError:
            return False  # the next real call reports it in one sentence
        if changed:
            self._burst.stop()
            self.changed.emit()
        return changed

    def close(self) -> None:
        self.timer.stop()
        self._closer()


class RestoreBackupFlow(QObject):
    """File ▸ Restore from backup…: pick a backup (non-blocking), restore it, the window reloads."""

    message = Signal(str)
    restored = Signal()

    def __init__(self, database: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.database = database
        self.parent_widget = parent
        self.dialog: QInputDialog | None = None

    def start(self) -> QInputDialog | None:
        if not self.database.is_file:
            self.message.emit(
                "A PostgreSQL database is backed up and restored by its server (pg_dump, pg_restore), not from this window."
            )
            return None
        backups = list_backups(self.database.path)
        if not backups:
            self.message.emit("There are no backups of this database yet.")
            return None
        labels = [f"{b.created.strftime('%Y-%m-%d %H:%M')} UTC — {b.reason}" for b in backups]
        dialog = QInputDialog(self.parent_widget, objectName="restoreDialog")
        dialog.setWindowTitle("Restore from backup")
        dialog.setLabelText("Replace the current data with this backup (the current data is kept as a backup first):")
        dialog.setComboBoxItems(labels)
        dialog.setComboBoxEditable(False)
        dialog.textValueSelected.connect(lambda text: self._restore(backups[labels.index(text)]))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _restore(self, backup) -> None:
        try:
            restore_backup(self.database.path, backup, database=self.database)
        except StorageError as error:
            self.message.emit(str(error))
            return
        self.message.emit(f"Restored the backup from {backup.created.strftime('%Y-%m-%d %H:%M')} UTC.")
        self.restored.emit()


class DatabaseActions(QObject):
    """The database itself, as the window shows it: File ▸ Open database… and Restore from
    backup…, a problem the start-up checks found, another copy's commits (`reloaded`), and the
    connection to a server (`connection_text`, always in view while it is lost)."""

    reloaded = Signal()  # data changed outside this window: every panel shows it again
    open_requested = Signal(object)  # a Path or a postgresql:// URL to open in a new window
    connection_text = Signal(str, str)  # text, tooltip ("" and "": connected)

    def __init__(self, context: PanelContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        self.database = context.service.database
        self.watcher = DatabaseWatcher(self.database, self)
        self.watcher.changed.connect(self.reloaded)
        self.watcher.connection_changed.connect(lambda connected: self.show_connection())
        self.restore_flow = RestoreBackupFlow(self.database, parent)
        self.restore_flow.message.connect(context.message)
        self.restore_flow.restored.connect(self.reloaded)
        self.open_action = QAction("&Open database…", self, shortcut=QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_database)
        self.restore_action = QAction("Restore from &backup…", self)
        self.restore_action.triggered.connect(lambda: self.restore_flow.start())

    def show_connection(self, quiet: bool = False) -> None:
        """Changes made while the connection is lost fail with one sentence and stay undone, so
        nothing typed is taken as saved."""
        if self.watcher.connected:
            self.connection_text.emit("", "")
            if not quiet:
                self.context.message("Connected to the database server again; showing its latest data.")
        else:
            self.connection_text.emit("Server connection lost — reconnecting…", self.database.location)

    def open_database(self) -> QWidget:
        current = self.database.location if not self.database.is_file else self.database.path
        dialog = OpenDatabaseDialog(self.parent_widget, current)
        dialog.accepted.connect(lambda: self.open_requested.emit(dialog.target()))
        self.context.open_dialog(dialog)
        return dialog

    def report_problem(self, text: str) -> QMessageBox:
        """What the start-up check found wrong with the open file: one sentence, and the backup."""
        box = QMessageBox(self.parent_widget, objectName="storageProblemBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        restore = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda *_: box.clickedButton() is restore and self.restore_flow.start())
        self.context.message(text)
        self.context.open_dialog(box)
        return box

    def close(self) -> None:
        self.watcher.close()
