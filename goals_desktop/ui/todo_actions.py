"""Canvas -> todos conversions as QActions: "Make a todo from this milestone" and "Send roadmap to todos".

Each is one undo command on the shared stack; converting again updates the same todo (the service
never duplicates). The result is reported as a one-line message."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.todos import Todo
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.commands.todos import ConvertCommand
from goals_desktop.ui.context import PanelContext


class TodoConversions(QObject):
    """The two actions, for the Roadmap menu (roadmap_actions) and a milestone's context menu
    (node_actions); they work on the goal and milestones shown on `editor`."""

    def __init__(self, context: PanelContext, editor: RoadmapEditor) -> None:
        super().__init__(editor)
        self.context, self.service, self.editor = context, context.service, editor
        self.milestone_action = QAction("Make a todo from this milestone", editor)
        self.milestone_action.triggered.connect(lambda *_: self.todo_from_selected_node())
        self.roadmap_action = QAction("Send roadmap to todos", editor)
        self.roadmap_action.triggered.connect(lambda *_: self.send_roadmap())
        self.roadmap_actions = [self.milestone_action, self.roadmap_action]
        self.node_actions = [self.milestone_action, self.roadmap_action]
        editor.scene.selectionChanged.connect(self.update_actions)
        editor.goal_shown.connect(lambda _goal_id: self.update_actions())
        unsubscribe = self.service.subscribe(lambda change: self.update_actions())
        self.destroyed.connect(lambda *_: unsubscribe())
        self.update_actions()

    def update_actions(self) -> None:
        try:
            goal_id = self.editor.goal_id()
            usable = goal_id is not None and not self.editor.is_previewing()
            one_node = len(self.editor.scene.selected_node_ids()) == 1
            self.milestone_action.setEnabled(usable and one_node)
            self.roadmap_action.setEnabled(usable and bool(self.editor.scene.nodes))
        except RuntimeError:
            # The scene empties its selection while the editor is being destroyed: nothing to update.
            return

    def _existing(self, goal_id: str, kind: str, node_id: str | None = None) -> Todo | None:
        for todo in self.service.list_todos(goal_id=goal_id):
            if todo.kind == kind and (node_id is None or todo.node_id == node_id):
                return todo
        return None

    def _convert(self, goal_id: str, text: str, what: str, convert, kind: str, node_id: str | None = None) -> Todo | None:
        try:
            existing = self._existing(goal_id, kind, node_id)
        except GoalsError as error:  # the goal went away meanwhile
            self.context.message(str(error))
            return None
        pushed = self.context.push(ConvertCommand(self.service, text, convert, existing))
        if not pushed:
            return None
        todo = pushed.value
        count = len(todo.subtasks)
        verb = "Made" if pushed.command.created else "Updated"
        self.context.message(f"{verb} todo “{todo.title}” from {what} ({count} subtask{'s' if count != 1 else ''}).")
        return todo

    def todo_from_node(self, goal_id: str, node_id: str) -> Todo | None:
        node = self.editor.node(node_id) if self.editor.goal_id() == goal_id else None
        label = node.label if node else node_id
        return self._convert(
            goal_id, f"Make a todo from “{label}”", "the milestone",
            lambda: self.service.todo_from_node(goal_id, node_id), "milestone", node_id,
        )

    def todo_from_selected_node(self) -> Todo | None:
        nodes = self.editor.scene.selected_node_ids()
        goal_id = self.editor.goal_id()
        if goal_id is None or len(nodes) != 1:
            self.context.message("Select one milestone to make a todo from it.")
            return None
        return self.todo_from_node(goal_id, nodes[0])

    def send_roadmap(self) -> Todo | None:
        goal_id = self.editor.goal_id()
        if goal_id is None:
            self.context.message("Select a goal first.")
            return None
        return self._convert(
            goal_id, "Send roadmap to todos", "the roadmap", lambda: self.service.todos_from_roadmap(goal_id), "roadmap"
        )
