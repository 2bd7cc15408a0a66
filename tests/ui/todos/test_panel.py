"""Editing todos in the panel: create, rename, subtasks, delete, filter, and the unlinked notice."""

from PySide6.QtCore import Qt

from goals_desktop.ui.todo_tree import TITLE_COLUMN


def test_create_rename_subtask_delete_with_undo(qtbot, rig, service):
    panel = rig.panel
    qtbot.keyClicks(panel.new_title, "Buy <b>books</b>")
    qtbot.keyClick(panel.new_title, Qt.Key.Key_Return)
    (todo,) = service.list_todos()
    assert todo.title == "Buy <b>books</b>"
    item = panel.item_for(todo.id)
    # Shown as plain text, markup and all.
    assert item.text(TITLE_COLUMN) == "Buy <b>books</b>"

    panel.tree.setCurrentItem(item)
    panel.activateWindow()
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    editor = panel.tree.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Buy books")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: service.get_todo(todo.id).title == "Buy books")

    panel.tree.setCurrentItem(panel.item_for(todo.id))
    panel.add_subtask_to_selected()
    qtbot.keyClick(panel.tree.focusWidget(), Qt.Key.Key_Return)
    assert [s.title for s in service.get_todo(todo.id).subtasks] == ["New subtask"]

    panel.tree.setCurrentItem(panel.item_for(todo.id))
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert service.list_todos() == []
    rig.undo_stack.undo()
    restored = service.get_todo(todo.id)
    assert restored.title == "Buy books" and len(restored.subtasks) == 1
    rig.undo_stack.undo()  # the subtask
    assert service.get_todo(todo.id).subtasks == []
    rig.undo_stack.undo()  # the rename
    assert service.get_todo(todo.id).title == "Buy <b>books</b>"
    rig.undo_stack.undo()  # the creation
    assert service.list_todos() == []
    rig.undo_stack.redo()
    assert service.get_todo(todo.id).title == "Buy <b>books</b>"


def test_blank_title_is_refused_with_one_line(qtbot, rig, service):
    errors = []
    rig.panel.context.message_posted.connect(errors.append)
    qtbot.keyClick(rig.panel.new_title, Qt.Key.Key_Return)
    assert service.list_todos() == [] and rig.undo_stack.count() == 0
    assert len(errors) == 1 and "\n" not in errors[0]
    assert rig.panel.notice.isVisible()


def test_filter_open_done_all(qtbot, rig, service, seeded_goal):
    done = service.create_todo("Done one")
    service.set_todo_completed(done.id, True)
    open_ = service.create_todo("Open one")
    panel = rig.panel
    titles = lambda: [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]  # noqa: E731
    panel.set_filter(False)
    assert titles() == ["Open one"]
    panel.set_filter(True)
    assert titles() == ["Done one"]
    panel.set_filter(None)
    assert titles() == ["Done one", "Open one"]
    # Checking the open one in the Open view takes it out of the list.
    panel.set_filter(False)
    rig.click_check(open_.id)
    qtbot.waitUntil(lambda: titles() == [])
    assert service.get_todo(open_.id).completed is True
    panel.set_goal_filter(seeded_goal.id)
    panel.set_filter(None)
    assert titles() == []
    rig.conversions.send_roadmap()
    assert titles() == ["Learn Machine Learning"]


def test_overdue_is_shown(rig, service):
    todo = service.create_todo("Late", due_date="2020-01-01")
    item = rig.panel.item_for(todo.id)
    assert item.text(1) == "Overdue 2020-01-01"
    later = service.create_todo("Later", due_date="2999-01-01")
    assert rig.panel.item_for(later.id).text(1) == "2999-01-01"


def test_removing_a_milestone_names_the_unlinked_todo(qtbot, rig, service, seeded_goal):
    rig.editor.select_node("node_2")
    rig.conversions.todo_from_selected_node()
    assert not rig.panel.notice.isVisible()
    rig.editor.activateWindow()
    rig.editor.view.setFocus()
    qtbot.waitUntil(rig.editor.view.hasFocus)
    qtbot.keyClick(rig.editor.view, Qt.Key.Key_Delete)
    assert "node_2" not in rig.editor.scene.nodes
    assert rig.panel.notice.isVisible()
    assert "Study linear algebra" in rig.panel.notice.text() and "\n" not in rig.panel.notice.text()
    (todo,) = service.list_todos()
    assert todo.node_id is None
    # Undo puts the milestone back and links the todo again.
    rig.undo_stack.undo()
    assert service.list_todos()[0].node_id == "node_2"
