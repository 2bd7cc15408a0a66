"""Due dates and notes edited in the Todos panel (real clicks and keys), one undo step each; renaming
a goal in the window renames its roadmap todo."""

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from goals_desktop.ui.todo_tree import TITLE_COLUMN


def select_todo(qtbot, panel, title):
    tree = panel.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(TITLE_COLUMN) == title)
    rect = tree.visualRect(tree.indexFromItem(item, TITLE_COLUMN))
    # On the title's words, past the check box.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 50, rect.center().y()))
    assert tree.currentItem() is item
    return item


def test_due_date_and_notes_are_editable_and_undoable(qtbot, window, planned):
    window.left_tabs.setCurrentWidget(window.todos_panel)
    panel = window.todos_panel
    service = window.service
    todo = service.create_todo("Write the report", goal_id=planned)
    qtbot.waitUntil(lambda: todo.id in panel._todos)
    details = panel.details
    assert not details.isEnabled()
    select_todo(qtbot, panel, "Write the report")
    assert details.isEnabled() and not details.due_check.isChecked()
    assert details.due_edit.date() == QDate(2026, 3, 2)  # starts at (pinned) today

    qtbot.mouseClick(details.due_check, Qt.MouseButton.LeftButton)
    assert service.get_todo(todo.id).due_date == "2026-03-02T00:00:00Z"
    details.due_edit.setDate(QDate(2026, 4, 15))
    assert service.get_todo(todo.id).due_date == "2026-04-15T00:00:00Z"
    qtbot.waitUntil(lambda: panel.item_for(todo.id) is not None and panel.item_for(todo.id).text(1) == "2026-04-15")

    details.notes_edit.setFocus()
    qtbot.waitUntil(details.notes_edit.hasFocus)
    qtbot.keyClicks(details.notes_edit, "Draft by Friday")
    panel.tree.setFocus()  # leaving the notes commits them
    qtbot.waitUntil(lambda: service.get_todo(todo.id).notes == "Draft by Friday")
    assert window.undo_stack.undoText() == "Edit notes of todo “Write the report”"

    # The dated todo shows on the goal's timeline.
    window.right_tabs.setCurrentWidget(window.timeline)
    qtbot.waitUntil(lambda: todo.id in window.timeline.view.markers)

    window.undo_stack.undo()
    assert service.get_todo(todo.id).notes == ""
    window.undo_stack.undo()
    assert service.get_todo(todo.id).due_date == "2026-03-02T00:00:00Z"
    window.undo_stack.undo()
    assert service.get_todo(todo.id).due_date is None
    qtbot.waitUntil(lambda: not details.due_check.isChecked())
    qtbot.waitUntil(lambda: todo.id not in window.timeline.view.markers)


def test_overdue_todos_read_overdue_against_today(qtbot, window):
    window.left_tabs.setCurrentWidget(window.todos_panel)
    panel = window.todos_panel
    panel.set_filter(None)
    late = select_todo(qtbot, panel, "Renew library card")
    assert late.text(1) == "Overdue 2026-02-20"
    assert select_todo(qtbot, panel, "Book a GPU for project 2").text(1) == "2026-04-20"
    assert panel.details.notes_edit.toPlainText() == "Ask the lab first; cloud as a fallback."


def test_renaming_a_goal_in_the_window_renames_its_roadmap_todo(qtbot, window, planned):
    service = window.service
    todo = service.todos_from_roadmap(planned)
    dialog = window.goals.goal_actions.edit_goal()
    dialog.title_edit.setFocus()
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Learn ML properly")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get_todo(todo.id).title == "Learn ML properly"
    qtbot.waitUntil(lambda: panel_title(window, todo.id) == "Learn ML properly")
    window.undo_stack.undo()
    assert service.get_todo(todo.id).title == "Learn Machine Learning"
    qtbot.waitUntil(lambda: panel_title(window, todo.id) == "Learn Machine Learning")


def panel_title(window, todo_id):
    item = window.todos_panel.item_for(todo_id)
    return item.text(TITLE_COLUMN) if item is not None else None
