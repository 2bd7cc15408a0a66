"""A real TodosPanel and RoadmapEditor sharing one QUndoStack over the real test database."""

import pytest
from PySide6.QtCore import QPointF, Qt

from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.canvas.items import NodeItem
from goals_desktop.ui.todo_actions import TodoConversions
from goals_desktop.ui.todo_tree import TITLE_COLUMN
from goals_desktop.ui.todos_view import TodosPanel


class Rig:
    def __init__(self, qtbot, service, undo_stack, goal_id):
        self.qtbot, self.service, self.undo_stack = qtbot, service, undo_stack
        self.editor = RoadmapEditor(PanelContext(service, undo_stack))
        self.panel = TodosPanel(PanelContext(service, undo_stack))
        for widget, x in ((self.editor, 0), (self.panel, 1000)):
            qtbot.addWidget(widget)
            widget.move(x, 0)
        self.editor.resize(900, 600)
        self.panel.resize(700, 500)
        self.editor.show()
        self.panel.show()
        qtbot.waitExposed(self.editor)
        qtbot.waitExposed(self.panel)
        self.editor.show_goal(goal_id)
        self.conversions = TodoConversions(PanelContext(service, undo_stack), self.editor)
        self.editor.set_node_actions(self.conversions.node_actions)
        self.messages = []
        self.conversions.context.message_posted.connect(self.messages.append)
        self.activated = []
        self.panel.node_activated.connect(lambda g, n: self.activated.append((g, n)))
        self.panel.node_activated.connect(lambda g, n: self.editor.select_node(n))

    def click_check(self, todo_id, subtask_id=None):
        """A real click on the item's check box in the tree's viewport."""
        tree = self.panel.tree
        item = self.panel.item_for(todo_id, subtask_id)
        assert item is not None
        index = tree.indexFromItem(item, TITLE_COLUMN)
        rect = tree.visualRect(index)
        # The check indicator sits at the left of the cell, after the indentation.
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        option = QStyleOptionViewItem()
        tree.initViewItemOption(option) if hasattr(tree, "initViewItemOption") else None
        option.rect = rect
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        check = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
        point = check.center() if check.isValid() and rect.contains(check.center()) else rect.topLeft() + QPointF(10, rect.height() / 2).toPoint()
        self.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def click_node_checkbox(self, node_id):
        item = self.editor.scene.nodes[node_id]
        point = self.editor.view.mapFromScene(item.mapToScene(NodeItem.CHECKBOX.center()))
        self.qtbot.mouseClick(self.editor.view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def checked_in_panel(self, todo_id, subtask_id=None):
        item = self.panel.item_for(todo_id, subtask_id)
        return None if item is None else item.checkState(TITLE_COLUMN) == Qt.CheckState.Checked


@pytest.fixture
def rig(qtbot, service, undo_stack, seeded_goal):
    return Rig(qtbot, service, undo_stack, seeded_goal.id)
