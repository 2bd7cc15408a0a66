"""The window with a bad file, a backup to restore, and a second copy writing the same file."""

import os

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from goals_desktop.app import open_database
from goals_desktop.storage import Database, GoalService, open_service
from goals_desktop.storage.backup import create_backup, list_backups


def click_when_shown(qtbot, label_part: str):
    """Answer the next message box by clicking the button whose text contains label_part."""
    clicked = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        clicked.append(box.text())
        button = next(b for b in box.buttons() if label_part in b.text())
        button.click()

    QTimer.singleShot(20, answer)
    return clicked


def test_a_second_copy_writing_the_same_file_shows_up_and_clears_stale_undo(qtbot, window, db_path, seed_goal):
    (goal,) = window.service.import_goals([seed_goal])
    window.goals.select_goal(goal.id)
    other = GoalService(Database(db_path))  # another copy of the app on the same file
    other.update_node(goal.id, "node_2", completed=True)
    added = other.create_goal("Made elsewhere")
    assert window.database.watcher.poll() is True
    assert window.goals.model.row_of(added.id) >= 0
    assert window.editor.scene.nodes["node_2"].node.completed is True
    assert window.goals.header.progress.value() == 100 and window.undo_stack.count() == 0
    assert window.database.watcher.poll() is False  # nothing new since
    other.db.close()


def test_own_writes_do_not_count_as_another_copy(qtbot, window):
    window.service.create_goal("Mine")
    assert window.database.watcher.poll() is False


@pytest.mark.sqlite_only
def test_damaged_file_at_start_offers_the_backup_and_restores_it(qtbot, db_path):
    service = open_service(db_path)
    service.create_goal("Precious plan")
    create_backup(db_path, reason="manual")
    service.db.close()
    with open(db_path, "r+b") as damaged:
        damaged.seek(4096)
        damaged.write(os.urandom(4096))
    seen = click_when_shown(qtbot, "Restore from backup")
    reopened = open_database(db_path)
    assert len(seen) == 1 and "\n" not in seen[0] and "damaged" in seen[0].lower()
    assert reopened is not None and [g.title for g in reopened.list_goals()] == ["Precious plan"]
    # The damaged file was set aside, not thrown away.
    assert any(p.name.endswith(".damaged") for p in (db_path.parent / "backups").iterdir())
    reopened.db.close()


def test_quitting_from_the_error_leaves_the_file_alone(qtbot, tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database at all")
    click_when_shown(qtbot, "Quit")
    assert open_database(path) is None
    assert path.read_text() == "not a database at all"


@pytest.mark.sqlite_only
def test_restore_from_backup_in_the_running_window(qtbot, window, db_path):
    window.service.create_goal("Kept in the backup")
    create_backup(db_path, reason="manual")
    window.service.create_goal("Added after the backup")
    dialog = window.database.restore_flow.start()
    assert dialog is not None and dialog.comboBoxItems()[0].endswith("manual")
    dialog.setTextValue(dialog.comboBoxItems()[0])
    dialog.accept()
    qtbot.waitUntil(lambda: window.goals.model.rowCount() == 1)
    assert [g.title for g in window.service.list_goals()] == ["Kept in the backup"]
    assert any(b.reason == "before-restore" for b in list_backups(db_path))
