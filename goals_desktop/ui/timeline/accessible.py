"""What a screen reader hears of the Timeline: each milestone row as a check box, a child of the
Timeline in dependency order, named by its label and described as on the canvas; its actions check
it off and move its due date a day (the same undo steps as Space and +/-)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QAccessible, QAccessibleActionInterface

from goals_desktop.ui.accessibility import AccessibleChildren, ItemAction
from goals_desktop.ui.canvas.accessible import spoken_plan, waits_for

if TYPE_CHECKING:
    from goals_desktop.ui.timeline.view import TimelineView




class TimelineAccessibility:
    """The Timeline's milestone rows as AccessibleItems (see goals_desktop.ui.accessibility)."""

    def __init__(self, view: TimelineView) -> None:
        self.view = view
        view.setAccessibleName(QCoreApplication.translate("TimelineAccessibility", "Timeline"))
        view.setAccessibleDescription(QCoreApplication.translate("TimelineAccessibility", "Milestones against days: Up and Down walk them, Space checks one off, + and - move its due date a day"))
        self._indexed: list | None = None
        self._index: dict = {}
        self.children = AccessibleChildren(view, self)

    def changed(self) -> None:
        self.children.changed()

    def focus_moved(self, node_id: str | None) -> None:
        self.children.focus_moved(node_id)

    def _row(self, item_id: str):
        """(index, Row) of a milestone's row; (None, None) if it has none. Indexed once per rebuild."""
        rows = self.view.rows
        if self._indexed is not rows:
            self._index = {r.key: (i, r) for i, r in enumerate(rows) if r.kind == "milestone"}
            self._indexed = rows
        return self._index.get(item_id, (None, None))

    # -- AccessibleItems ------------------------------------------------------------------------------

    def accessible_ids(self) -> list[str]:
        return self.view.keyboard.milestone_keys()

    def accessible_name(self, item_id: str) -> str:
        _index, row = self._row(item_id)
        return row.label if row is not None else ""

    def accessible_description(self, item_id: str) -> str:
        _index, row = self._row(item_id)
        goal = self.view.goal
        if row is None or row.node is None:
            return ""
        return spoken_plan(row.plan, row.node.completed, row.node.due_date, waits_for(goal).get(item_id, []))

    def accessible_checked(self, item_id: str) -> bool | None:
        _index, row = self._row(item_id)
        return bool(row.node.completed) if row is not None and row.node is not None else None

    def accessible_rect(self, item_id: str) -> QRect:
        index, _row = self._row(item_id)
        if index is None:
            return QRect()
        view = self.view
        box = view.mapFromScene(view.row_rect(index)).boundingRect()
        return QRect(view.viewport().mapToGlobal(box.topLeft()), box.size())

    def accessible_focus(self) -> str | None:
        return self.view.keyboard.focused

    def accessible_actions(self, item_id: str) -> list[ItemAction]:
        _index, row = self._row(item_id)
        done = row is not None and row.node is not None and row.node.completed
        actions = [ItemAction(QAccessibleActionInterface.toggleAction(), QCoreApplication.translate("TimelineAccessibility", "Reopen") if done else QCoreApplication.translate("TimelineAccessibility", "Check off"), QCoreApplication.translate("TimelineAccessibility", "Check the milestone off, or reopen it"), "Space")]
        if item_id in self.view.bars:
            actions += [
                ItemAction(QAccessibleActionInterface.increaseAction(), QCoreApplication.translate("TimelineAccessibility", "One day later"), QCoreApplication.translate("TimelineAccessibility", "Move its due date one day later"), "+"),
                ItemAction(QAccessibleActionInterface.decreaseAction(), QCoreApplication.translate("TimelineAccessibility", "One day earlier"), QCoreApplication.translate("TimelineAccessibility", "Move its due date one day earlier"), "-"),
            ]
        actions.append(ItemAction(QAccessibleActionInterface.setFocusAction(), QCoreApplication.translate("TimelineAccessibility", "Focus"), QCoreApplication.translate("TimelineAccessibility", "Put the keyboard focus on the milestone")))
        return actions

    def accessible_do(self, item_id: str, action: str) -> None:
        keyboard = self.view.keyboard
        if action == QAccessibleActionInterface.toggleAction():
            self.view.toggle_requested.emit(item_id)
        elif action in (QAccessibleActionInterface.increaseAction(), QAccessibleActionInterface.decreaseAction()):
            keyboard.focused = item_id
            keyboard.shift_due(1 if action == QAccessibleActionInterface.increaseAction() else -1)
        elif action == QAccessibleActionInterface.setFocusAction():
            self.view.setFocus()
            keyboard.focus(item_id)


ROLE = QAccessible.Role.Pane
