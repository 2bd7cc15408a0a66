"""The window's side of "nothing lost": recovering from a bad database file at start, restoring a
backup while running, and noticing another copy's changes (two copies work side by side)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from goals_desktop import APP_NAME
from goals_desktop.domain.errors import StorageError
from goals_desktop.storage.backup import list_backups, restore_backup
from goals_desktop.storage.db import ChangeWatcher, Database

# How the window words each way forward a StorageError offers (storage/errors.py ERROR_KINDS).
ACTION_LABELS = {
    "restore_backup": "Restore from backup…",
    "open_other": "Open another file…",
    "retry": "Try again",
    "update_app": "Update Goals Desktop",
    "quit": "Quit",
}

POLL_INTERVAL_MS = 1500


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


def choose_other_file(parent: QWidget | None, current: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Open or create a goals database", str(current.parent), "Goals database (*.sqlite3 *.sqlite *.db);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


class DatabaseWatcher(QObject):
    """Polls SQLite's data_version: another copy (or the CLI) committed → `changed` fires."""

    changed = Signal()

    def __init__(self, database: Database, parent=None) -> None:
        super().__init__(parent)
        self._watcher = ChangeWatcher(database)
        self.timer = QTimer(self, interval=POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        try:
            changed = self._watcher.changed()
        except StorageError:
            return False  # the next real call reports it in one sentence
        if changed:
            self.changed.emit()
        return changed


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
