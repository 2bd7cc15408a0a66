"""New goal…, Edit goal…, Delete goal…: the goal list panel's actions and their dialogs, each
change one undo step (commands.goals) pushed through the context, on the context's current goal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Goal
from goals_desktop.ui.commands.goals import CreateGoalCommand, DeleteGoalCommand, EditGoalCommand
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.goal_dialog import GoalDialog


class GoalActions(QObject):
    created = Signal(str)  # a goal made with New goal… (the window offers to generate its roadmap)

    def __init__(self, context: PanelContext, goal_list: QWidget) -> None:
        super().__init__(goal_list)
        self.context = context
        self.new_goal_action = QAction(self.tr("&New goal…"), self, shortcut=QKeySequence.StandardKey.New)
        self.new_goal_action.triggered.connect(self.new_goal)
        self.edit_goal_action = QAction(self.tr("&Edit goal…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.edit_goal_action.triggered.connect(self.edit_goal)
        self.delete_goal_action = QAction(self.tr("&Delete goal…"), self, shortcut=QKeySequence.StandardKey.Delete)
        # Delete means "this goal" only in the list; on the canvas it deletes milestones.
        self.delete_goal_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_goal_action.triggered.connect(self.delete_goal)
        goal_list.addAction(self.delete_goal_action)
        context.current.changed.connect(lambda _goal_id: self.update_actions())
        self.update_actions()

    def update_actions(self) -> None:
        has_goal = self.context.current.id is not None
        self.edit_goal_action.setEnabled(has_goal)
        self.delete_goal_action.setEnabled(has_goal)

    def current_goal(self) -> Goal | None:
        goal_id = self.context.current.id
        try:
            return self.context.service.get_goal(goal_id) if goal_id is not None else None
        except GoalsError:
            return None

    def new_goal(self):
        dialog = GoalDialog(self.context.dialog_parent)

        def save(values: dict) -> None:
            pushed = self.context.push(CreateGoalCommand(self.context.service, values))
            if pushed:
                dialog.accept()
                self.context.message(self.tr("Created “{title}”.").format(title=values["title"]))
                self.created.emit(pushed.command.goal_id)
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self.context.open_dialog(dialog)
        return dialog

    def edit_goal(self):
        goal = self.current_goal()
        if goal is None:
            return None
        dialog = GoalDialog(self.context.dialog_parent, goal)

        def save(values: dict) -> None:
            command = EditGoalCommand(self.context.service, goal, values)
            pushed = None if command.is_empty() else self.context.push(command)
            if pushed is None or pushed:
                dialog.accept()
            else:
                dialog.show_error(pushed.error)

        dialog.accepted_values.connect(save)
        self.context.open_dialog(dialog)
        return dialog

    def delete_goal(self) -> QMessageBox | None:
        goal = self.current_goal()
        if goal is None:
            return None
        service = self.context.service
        todo_count = len(service.list_todos(goal_id=goal.id))
        box = QMessageBox(self.context.dialog_parent, objectName="confirmDelete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete goal"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Delete “{title}” and its roadmap?").format(title=goal.title))
        box.setInformativeText(self.tr("You can undo this with Ctrl+Z."))
        delete_all = keep_todos = None
        if todo_count:
            box.setInformativeText(self.tr("It has %n linked todos. You can undo this with Ctrl+Z.", "", todo_count))
            keep_todos = box.addButton(self.tr("Delete goal, keep todos"), QMessageBox.ButtonRole.AcceptRole)
            delete_all = box.addButton(self.tr("Delete goal and todos"), QMessageBox.ButtonRole.DestructiveRole)
        else:
            delete_all = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(*_args) -> None:
            clicked = box.clickedButton()
            if clicked in (delete_all, keep_todos) and clicked is not None:
                try:
                    command = DeleteGoalCommand(service, goal.id, clicked is delete_all and todo_count > 0)
                except GoalsError as error:  # gone meanwhile (another copy deleted it)
                    self.context.message(str(error))
                    return
                self.context.push(command)

        box.finished.connect(answered)
        self.context.open_dialog(box)
        return box
