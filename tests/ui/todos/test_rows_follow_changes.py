"""The Todos panel rewrites only the rows whose todo changed: a node drag touches no row, a tick
elsewhere touches only its own rows, and every other row keeps its item (selection, expansion)."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.todo_tree import TITLE_COLUMN
from goals_desktop.ui.todos_view import TodosPanel


@pytest.fixture
def panel_and_canvas(qtbot, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    roadmap_todo = service.todos_from_roadmap(goal.id)
    plain = service.create_todo("Plain", subtasks=["a", "b"])
    stack = QUndoStack()
    editor, panel = RoadmapEditor(PanelContext(service, stack)), TodosPanel(PanelContext(service, stack))
    for widget in (editor, panel):
        qtbot.addWidget(widget)
        widget.resize(900, 600)
        widget.show()
        qtbot.waitExposed(widget)
    editor.show_goal(goal.id)
    panel.set_filter(None)
    return editor, panel, roadmap_todo, plain


def rows(panel):
    """Every row's item object, top level and children, in tree order."""
    tree, found = panel.tree, []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        found.append(top)
        found.extend(top.child(j) for j in range(top.childCount()))
    return found


class Touches:
    """The tree model's own change signals while something happens."""

    def __init__(self, panel):
        model = panel.tree.model()
        self.changed, self.structural = set(), []
        model.dataChanged.connect(
            lambda first, last, *_: self.changed.update(
                (first.parent().row(), r) for r in range(first.row(), last.row() + 1)
            )
        )
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset, model.layoutChanged):
            signal.connect(lambda *args, name=signal: self.structural.append(name))


def touched(touches, top_row):
    """The rows rewritten of the todo at top_row: itself and its subtasks."""
    return {(parent, row) for parent, row in touches.changed if (parent, row) == (-1, top_row) or parent == top_row}


def test_a_node_drag_rewrites_no_row(qtbot, panel_and_canvas):
    editor, panel, _roadmap_todo, _plain = panel_and_canvas
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(1))
    panel.tree.topLevelItem(1).setExpanded(False)
    before = rows(panel)
    touches = Touches(panel)

    viewport = editor.view.viewport()
    start = editor.view.mapFromScene(editor.scene.nodes["node_2"].pos() + QPointF(20, 20))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPointF(12 * step, 8 * step).toPoint())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPointF(60, 40).toPoint())
    assert editor.undo_stack.count() == 1  # the drag was saved (and announced)

    assert rows(panel) == before and all(a is b for a, b in zip(rows(panel), before))
    assert touches.changed == set() and touches.structural == []
    assert panel.tree.currentItem() is before[2] and not panel.tree.topLevelItem(1).isExpanded()


def test_a_tick_elsewhere_rewrites_only_its_own_rows(qtbot, panel_and_canvas):
    editor, panel, roadmap_todo, plain = panel_and_canvas
    before = rows(panel)
    roadmap_rows = before[:3]
    touches = Touches(panel)

    panel.set_completed(plain.id, None, True)  # the plain todo and its two subtasks get ticked
    after = rows(panel)
    assert all(a is b for a, b in zip(after, before)) and len(after) == len(before)
    assert panel.item_for(plain.id).checkState(TITLE_COLUMN) == Qt.CheckState.Checked
    assert touches.structural == []
    assert touched(touches, 0) == set() and touched(touches, 1)
    assert [r.checkState(TITLE_COLUMN) for r in roadmap_rows] == [
        Qt.CheckState.Unchecked, Qt.CheckState.Checked, Qt.CheckState.Unchecked
    ]

    # A milestone checked on the canvas rewrites the roadmap todo's rows, and only those.
    touches.changed.clear()
    editor.scene.nodes["node_2"].setSelected(True)
    editor.toggle_selected()
    assert panel.item_for(roadmap_todo.id, roadmap_todo.subtasks[1].id) is roadmap_rows[2]
    assert roadmap_rows[2].checkState(TITLE_COLUMN) == Qt.CheckState.Checked
    assert roadmap_rows[0].checkState(TITLE_COLUMN) == Qt.CheckState.Checked  # all subtasks done
    assert touched(touches, 1) == set() and touched(touches, 0)


def test_rows_come_and_go_in_order_and_the_rest_stay(qtbot, panel_and_canvas, service):
    _editor, panel, roadmap_todo, plain = panel_and_canvas
    kept = rows(panel)
    service.create_todo("Fresh")
    assert [panel.tree.topLevelItem(i).text(TITLE_COLUMN) for i in range(3)] == [
        "Learn Machine Learning", "Plain", "Fresh"
    ]
    service.delete_todo(plain.id)
    assert [panel.tree.topLevelItem(i).text(TITLE_COLUMN) for i in range(2)] == ["Learn Machine Learning", "Fresh"]
    assert panel.item_for(roadmap_todo.id) is kept[0] and panel.tree.topLevelItemCount() == 2
    assert kept[0].isExpanded() and kept[0].childCount() == 2


def test_a_refused_edit_in_a_row_is_put_back(qtbot, panel_and_canvas, service):
    _editor, panel, _roadmap_todo, plain = panel_and_canvas
    messages = []
    panel.context.message_posted.connect(messages.append)
    item = panel.item_for(plain.id)
    item.setText(TITLE_COLUMN, "   ")  # what the tree's editor commits
    qtbot.waitUntil(lambda: messages != [])
    assert item.text(TITLE_COLUMN) == "Plain" and panel.item_for(plain.id) is item
    assert service.get_todo(plain.id).title == "Plain" and "\n" not in messages[0]
    assert panel.undo_stack.count() == 0
