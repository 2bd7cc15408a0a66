"""Creating, editing, deleting and finding goals through the window, with real input events."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QTableView

from goals_desktop.ui.goal_list import GOAL_ID_ROLE


def click_button(qtbot, dialog, standard_button):
    qtbot.mouseClick(dialog.buttons.button(standard_button), Qt.MouseButton.LeftButton)


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def list_titles(window):
    return [window.goals.model.index(r).data() for r in range(window.goals.model.rowCount())]


def test_new_goal_through_the_dialog_and_undo_redo(qtbot, window):
    assert window.goals.empty_label.isVisible() and "Ctrl+N" in window.goals.empty_label.text()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    type_into(qtbot, dialog.title_edit, "Learn to sail")
    type_into(qtbot, dialog.description_edit, "Day skipper by summer")
    type_into(qtbot, dialog.target_edit, "2027-06-30")
    click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    (goal,) = window.service.list_goals()
    assert (goal.title, goal.description, goal.target_date) == ("Learn to sail", "Day skipper by summer", "2027-06-30T00:00:00Z")
    qtbot.waitUntil(lambda: list_titles(window) == ["Learn to sail"] and window.goals.current_goal_id() == goal.id)
    assert window.goals.header.title.text() == "Learn to sail" and window.goals.header.isVisible()
    assert window.undo_action.text() == "&Undo New goal “Learn to sail”"
    toolbar_undo = next(a for a in window.toolbar.actions() if a.text() == "Undo")
    assert toolbar_undo.isEnabled() and toolbar_undo.toolTip() == "Undo New goal “Learn to sail”"

    window.undo_stack.undo()
    assert window.service.list_goals() == []
    qtbot.waitUntil(lambda: list_titles(window) == [] and window.goals.empty_label.isVisible())
    window.undo_stack.redo()
    assert [g.id for g in window.service.list_goals()] == [goal.id]
    qtbot.waitUntil(lambda: window.goals.current_goal_id() == goal.id)


@pytest.mark.parametrize(
    ("title", "date_text", "message"),
    [("   ", None, "must not be blank"), ("Fine title", "2026-02-30", "not a valid date"), ("x" * 201, None, "limit is 200")],
)
def test_bad_input_in_the_editor_is_shown_inline_and_saves_nothing(qtbot, window, title, date_text, message):
    dialog = window.goals.goal_actions.new_goal()
    type_into(qtbot, dialog.title_edit, title)
    if date_text:
        type_into(qtbot, dialog.target_edit, date_text)
    click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert message in dialog.error_label.text() and "\n" not in dialog.error_label.text()
    assert window.service.list_goals() == [] and window.undo_stack.count() == 0
    # Fixing the input clears the message and saves.
    type_into(qtbot, dialog.title_edit, "Fine title")
    type_into(qtbot, dialog.target_edit, "2026-12-31")
    assert not dialog.error_label.isVisible()
    click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [(g.title, g.target_date) for g in window.service.list_goals()] == [("Fine title", "2026-12-31T00:00:00Z")]


def test_the_calendar_fills_in_the_target_date(qtbot, window):
    dialog = window.goals.goal_actions.new_goal()
    type_into(qtbot, dialog.target_edit, "2027-03-10")
    # popup(), not the button's click: an InstantPopup button would block the test in QMenu.exec().
    dialog.calendar_menu.popup(dialog.calendar_button.mapToGlobal(dialog.calendar_button.rect().bottomLeft()))
    qtbot.waitUntil(dialog.calendar.isVisible)
    assert dialog.calendar.selectedDate().toString("yyyy-MM-dd") == "2027-03-10"
    day = dialog.calendar.findChild(QTableView)
    target = dialog.calendar.selectedDate().addDays(7)
    dialog.calendar.setSelectedDate(target)
    qtbot.mouseClick(day.viewport(), Qt.MouseButton.LeftButton, pos=day.visualRect(day.currentIndex()).center())
    assert dialog.target_edit.text() == "2027-03-17" and not dialog.calendar_menu.isVisible()


def test_edit_goal_changes_only_what_changed_and_undoes(qtbot, window):
    goal = window.service.create_goal("Run", "a marathon", "2027-04-01")
    window.goals.select_goal(goal.id)
    index = window.goals.model.index(window.goals.model.row_of(goal.id))
    point = window.goals.goal_list.visualRect(index).center()
    # A person's double-click: the first click's press/release, then the double-click event.
    qtbot.mouseClick(window.goals.goal_list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(window.goals.goal_list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dialog = QApplication.activeModalWidget()
    assert dialog.title_edit.text() == "Run" and dialog.target_edit.text() == "2027-04-01"
    type_into(qtbot, dialog.title_edit, "Run a marathon")
    dialog.status_combo.setCurrentText("abandoned")
    click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    edited = window.service.get_goal(goal.id)
    assert (edited.title, edited.status, edited.description, edited.target_date) == (
        "Run a marathon", "abandoned", "a marathon", "2027-04-01T00:00:00Z"
    )
    qtbot.waitUntil(lambda: window.goals.header.status.text() == "Abandoned")
    window.undo_stack.undo()
    assert (window.service.get_goal(goal.id).title, window.service.get_goal(goal.id).status) == ("Run", "active")


def test_delete_asks_first_and_undo_restores_the_roadmap(qtbot, window, seed_goal):
    (goal,) = window.service.import_goals([seed_goal])
    window.goals.select_goal(goal.id)
    window.goals.goal_list.setFocus()
    qtbot.keyClick(window.goals.goal_list, Qt.Key.Key_Delete)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox) and "Learn Machine Learning" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert window.service.list_goals() != []

    box = window.goals.goal_actions.delete_goal()
    delete_button = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete_button, Qt.MouseButton.LeftButton)
    assert window.service.list_goals() == []
    qtbot.waitUntil(lambda: window.editor.goal_id() is None)
    window.undo_stack.undo()
    restored = window.service.get_goal("goal_123")
    assert restored.to_dict() == goal.to_dict()
    qtbot.waitUntil(lambda: set(window.editor.scene.nodes) == {"node_1", "node_2"})
    assert window.goals.current_goal_id() == window.editor.goal_id() == "goal_123"


def test_delete_a_goal_with_todos_asks_whether_to_keep_them(qtbot, window, seed_goal):
    (goal,) = window.service.import_goals([seed_goal])
    window.service.todos_from_roadmap(goal.id)
    window.goals.select_goal(goal.id)
    box = window.goals.goal_actions.delete_goal()
    keep = next(b for b in box.buttons() if b.text() == "Delete goal, keep todos")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    (todo,) = window.service.list_todos()
    assert todo.goal_id is None
    window.undo_stack.undo()
    (todo,) = window.service.list_todos()
    assert todo.goal_id == goal.id


def test_filter_search_and_keyboard_navigation(qtbot, window):
    service = window.service
    a = service.create_goal("Alpha plan")
    b = service.create_goal("Beta plan")
    c = service.create_goal("Gamma")
    service.update_goal(b.id, status="abandoned")
    qtbot.waitUntil(lambda: window.goals.model.rowCount() == 3)
    window.goals.select_goal(a.id)
    window.goals.goal_list.setFocus()
    qtbot.keyClick(window.goals.goal_list, Qt.Key.Key_Down)
    assert window.goals.current_goal_id() == b.id and window.editor.goal_id() == b.id
    qtbot.keyClick(window.goals.goal_list, Qt.Key.Key_End)
    assert window.goals.current_goal_id() == c.id

    type_into(qtbot, window.goals.search_field, "plan")
    assert list_titles(window) == ["Alpha plan", "Beta plan"]
    window.goals.status_filter.setCurrentIndex(window.goals.status_filter.findData("abandoned"))
    qtbot.wait(10)
    assert list_titles(window) == ["Beta plan"] and window.goals.current_goal_id() == b.id
    type_into(qtbot, window.goals.search_field, "zzz")
    assert window.goals.empty_label.isVisible() and "match" in window.goals.empty_label.text()
    assert window.editor.goal_id() is None


def test_list_rows_are_labelled_for_people_and_assistive_tech(window):
    goal = window.service.create_goal("Read 20 books", target_date="2020-01-01")
    window.goals.model.reload()
    index = window.goals.model.index(window.goals.model.row_of(goal.id))
    assert index.data(GOAL_ID_ROLE) == goal.id
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Read 20 books, 0 percent, active"
