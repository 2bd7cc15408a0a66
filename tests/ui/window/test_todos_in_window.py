"""The issue's "done when" inside the real window: seed goal → Send roadmap to todos → tick in the
Todos view → the canvas and progress follow; uncheck on the canvas → the subtask reopens."""

from PySide6.QtCore import Qt

from goals_desktop.ui.canvas.items import NodeItem


def click_checkbox(qtbot, window, node_id):
    view = window.editor.view
    point = view.mapFromScene(window.editor.scene.nodes[node_id].mapToScene(NodeItem.CHECKBOX.center()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)



def test_todos_panel_sync_with_canvas_in_the_window(qtbot, window, seed_goal):
    (goal,) = window.service.import_goals([seed_goal])
    window.service.update_node(goal.id, "node_1", completed=False)
    window.goals.select_goal(goal.id)
    qtbot.waitUntil(lambda: "node_2" in window.editor.scene.nodes)
    window.show_todos_action.trigger()
    assert window.todos_panel.isVisible()
    assert window.todo_conversions.roadmap_action in window.roadmap_menu.actions()

    window.todo_conversions.roadmap_action.trigger()
    (todo,) = window.service.list_todos(goal_id=goal.id)
    subtask = next(s for s in todo.subtasks if s.node_id == "node_2")
    qtbot.waitUntil(lambda: window.todos_panel.item_for(todo.id, subtask.id) is not None)
    window.todos_panel.set_completed(todo.id, subtask.id, True)

    qtbot.waitUntil(lambda: window.editor.scene.nodes["node_2"].node.completed)
    qtbot.waitUntil(lambda: window.goals.header.progress.value() == 50)
    click_checkbox(qtbot, window, "node_2")
    qtbot.waitUntil(lambda: window.todos_panel.item_for(todo.id, subtask.id).checkState(0) == Qt.CheckState.Unchecked)
    assert not next(s for s in window.service.get_todo(todo.id).subtasks if s.id == subtask.id).completed

    window.todos_panel.node_activated.emit(goal.id, "node_2")
    assert window.editor.scene.selected_node_ids() == ["node_2"]
