"""TodosPanel: the Todos view — a tree of todos (subtasks as children) with check boxes, due dates,
an open/done/all filter, and the linked goal/milestone shown and clickable.

Every change is one undo command (commands.todos) pushed through the context; the panel rebuilds from
the service's Change announcements, so ticks made on the canvas (or the CLI) show at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.domain.errors import GoalsError, NotFoundError
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.todos import Subtask, Todo
from goals_desktop.storage import Change
from goals_desktop.ui import palette as colours
from goals_desktop.ui.commands.runner import Pushed
from goals_desktop.ui.commands.todos import (
    AddSubtaskCommand,
    CreateTodoCommand,
    DeleteTodoCommand,
    EditTodoCommand,
    RenameCommand,
    SetSubtaskCompletedCommand,
    SetTodoCompletedCommand,
)
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.text import plain_tooltip
from goals_desktop.ui.todo_details import TodoDetails
from goals_desktop.ui.todo_tree import (
    DUE_COLUMN,
    LINK_COLUMN,
    SHOWN_ROLE,
    SUBTASK_ROLE,
    TITLE_COLUMN,
    TODO_ROLE,
    EmptyListHint,
    TodoColumns,
)

FILTERS = (("Open", False), ("Done", True), ("All", None))


def _day(value: str | None) -> str:
    return (value or "")[:10]


def _is_overdue(due: str | None, completed: bool, today: dt.date) -> bool:
    if not due or completed:
        return False
    try:
        return dt.date.fromisoformat(_day(due)) < today
    except ValueError:
        return False


class TodosPanel(QWidget):
    # The person clicked a linked milestone: the window selects the goal and the node on the canvas.
    node_activated = Signal(str, str)

    def __init__(self, context: PanelContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service = context.service
        self.undo_stack = context.undo_stack
        self._goal_filter: str | None = None
        self._todos: dict[str, Todo] = {}
        self._linked_goals: set[str] = set()
        self._rebuilding = False

        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText("New todo…")
        self.new_title.setAccessibleName(self.tr("New todo"))  # a placeholder is no name
        self.new_title.returnPressed.connect(self.create_from_field)
        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName(self.tr("Show todos"))
        for text, _ in FILTERS:
            self.filter_box.addItem(text)
        self.filter_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.create_from_field)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Todos"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Todo", "Due", "Goal · milestone"])
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.columns = TodoColumns(self.tree)
        self.empty_hint = EmptyListHint(self.tree, self._empty_text)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemClicked.connect(self._item_clicked)
        self.tree.itemSelectionChanged.connect(self._update_actions)

        self.notice = QLabel()
        self.notice.setObjectName("todosNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(False)
        self.notice.hide()

        self.add_subtask_action = self._action("Add subtask", self.add_subtask_to_selected, "Ctrl+Shift+Return")
        self.rename_action = self._action("Rename", self.rename_selected, Qt.Key.Key_F2)
        self.delete_action = self._action("Delete todo", self.delete_selected, QKeySequence.StandardKey.Delete)
        self.toggle_action = self._action("Check off / reopen", self.toggle_selected, Qt.Key.Key_Space)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.subtask_button = QPushButton("Add subtask")
        self.subtask_button.clicked.connect(self.add_subtask_to_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)

        top = QHBoxLayout()
        top.addWidget(self.new_title, 1)
        top.addWidget(self.add_button)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.filter_box)
        self.details = TodoDetails()
        self.details.edit_requested.connect(self._details_edited)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subtask_button)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.notice)
        layout.addLayout(bottom)
        layout.addWidget(self.details)

        unsubscribe = service.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._fit_tree_palette()
        self.refresh()

    def _empty_text(self) -> str:
        if not self._todos:
            where = "for this goal " if self._goal_filter else ""
            return (f"No todos {where}yet. Type one above and press Enter, or right-click a milestone on the canvas: "
                    "\u201cMake a todo from this milestone\u201d or \u201cSend roadmap to todos\u201d.")
        shown = FILTERS[max(0, self.filter_box.currentIndex())][0].lower()
        return f"No {shown} todos. Choose Show \u25b8 All to see every todo."

    def _action(self, text: str, slot, shortcut) -> QAction:
        act = QAction(text, self.tree)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        act.triggered.connect(lambda *_: slot())
        self.tree.addAction(act)
        return act

    # -- filters ----------------------------------------------------------------------------

    def set_filter(self, completed: bool | None) -> None:
        """False: open todos, True: done, None: all."""
        self.filter_box.setCurrentIndex([value for _, value in FILTERS].index(completed))

    def set_goal_filter(self, goal_id: str | None) -> None:
        self._goal_filter = goal_id
        self.refresh()

    # -- showing ----------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind == "todos" or (
            change.kind in ("roadmap", "deleted", "updated") and change.goal_id in self._linked_goals
        ):
            # A roadmap or goal change can only show in rows linked to that goal (a milestone's
            # label, the goal's title); a drag on a goal no todo names costs nothing here.
            self.refresh()
        unlinked = getattr(change.detail, "unlinked", ())
        if change.kind == "todos" and unlinked:
            self.show_notice("Kept, but no longer linked: " + "; ".join(link.describe() for link in unlinked) + ".")

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setToolTip(text)
        self.notice.setVisible(bool(text))

    def refresh(self, restyle: bool = False) -> None:
        """Bring the tree in line with the service: rows whose todo or subtask changed are rewritten
        in place, new ones inserted, gone ones removed; every other row (its item, selection and
        expansion) is left alone. restyle rewrites every row (the palette changed)."""
        completed = FILTERS[max(0, self.filter_box.currentIndex())][1]
        goal_filter = self._goal_filter
        try:
            todos = self.service.list_todos(goal_id=goal_filter)
        except NotFoundError:
            self._goal_filter = goal_filter = None
            todos = self.service.list_todos()
        # A todo with some subtasks done is still open; the filter is on the todo itself.
        shown = [t for t in todos if completed is None or t.completed == completed]
        self._todos = {t.id: t for t in todos}
        self._linked_goals = {t.goal_id for t in todos if t.goal_id}
        today = local_today()
        selected = self.selected_ids()
        self._rebuilding = True
        try:
            self._sync_rows(None, [(t.id, t) for t in shown], today, restyle)
            if selected and self.selected_ids() != selected:
                restore = self.item_for(*selected)  # a row that moved loses its selection
                if restore is not None:
                    self.tree.setCurrentItem(restore)
        finally:
            self._rebuilding = False
        self._update_actions()

    def _sync_rows(
        self, parent: QTreeWidgetItem | None, wanted: list[tuple[str, Todo | Subtask]], today: dt.date, restyle: bool
    ) -> None:
        """Make parent's rows (top level: todos; under a todo: its subtasks) be `wanted`, in order."""
        tree = self.tree
        count = tree.topLevelItemCount if parent is None else parent.childCount
        item_at = tree.topLevelItem if parent is None else parent.child
        take = tree.takeTopLevelItem if parent is None else parent.takeChild
        insert = tree.insertTopLevelItem if parent is None else parent.insertChild
        role = TODO_ROLE if parent is None else SUBTASK_ROLE
        keys = {key for key, _ in wanted}
        for index in reversed(range(count())):
            if item_at(index).data(TITLE_COLUMN, role) not in keys:
                take(index)
        for index, (key, thing) in enumerate(wanted):
            item = item_at(index) if index < count() else None
            if item is None or item.data(TITLE_COLUMN, role) != key:
                # New, or moved up by a removal/reorder: find it further down, or make it.
                found = next((i for i in range(index + 1, count()) if item_at(i).data(TITLE_COLUMN, role) == key), None)
                if found is None:
                    item = QTreeWidgetItem()
                    insert(index, item)
                else:
                    expanded = item_at(found).isExpanded()
                    item = take(found)
                    insert(index, item)
                    item.setExpanded(expanded)
            if restyle or item.data(TITLE_COLUMN, SHOWN_ROLE) != (thing, today):
                self._fill(item, thing, parent, today)
                item.setData(TITLE_COLUMN, SHOWN_ROLE, (thing, today))
            if parent is None:
                first_subtasks = item.childCount() == 0 and thing.subtasks
                self._sync_rows(item, [(sub.id, sub) for sub in thing.subtasks], today, restyle)
                if first_subtasks:
                    item.setExpanded(True)

    def _fill(self, item: QTreeWidgetItem, thing: Todo | Subtask, parent: QTreeWidgetItem | None, today: dt.date) -> None:
        """Write one row from its todo (parent None) or subtask, every column and role, so that a
        row rewritten in place keeps nothing of what it showed before."""
        subtask = thing if parent is not None else None
        todo_id = parent.data(TITLE_COLUMN, TODO_ROLE) if parent is not None else thing.id
        item.setText(TITLE_COLUMN, thing.title)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
        )
        item.setCheckState(TITLE_COLUMN, Qt.CheckState.Checked if thing.completed else Qt.CheckState.Unchecked)
        item.setData(TITLE_COLUMN, TODO_ROLE, todo_id)
        item.setData(TITLE_COLUMN, SUBTASK_ROLE, subtask.id if subtask else None)
        done_brush = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        item.setData(TITLE_COLUMN, Qt.ItemDataRole.ForegroundRole, done_brush if thing.completed else None)
        due_text, due_tip, due_brush = "", "", None
        if subtask is None:
            todo = thing
            item.setToolTip(TITLE_COLUMN, todo.notes or "")
            if todo.due_date:
                overdue = _is_overdue(todo.due_date, todo.completed, today)
                due_text = ("Overdue " if overdue else "") + _day(todo.due_date)
                if overdue:
                    due_brush, due_tip = QBrush(colours.bad(self.palette())), f"Was due {_day(todo.due_date)}"
            link = " · ".join(x for x in (todo.goal_title, todo.node_label) if x)
            node_id = todo.node_id
        else:
            item.setToolTip(TITLE_COLUMN, "")
            link, node_id = subtask.node_label or "", subtask.node_id
        item.setText(DUE_COLUMN, due_text)
        item.setToolTip(DUE_COLUMN, due_tip)
        item.setData(DUE_COLUMN, Qt.ItemDataRole.ForegroundRole, due_brush)
        item.setText(LINK_COLUMN, link)
        item.setData(LINK_COLUMN, Qt.ItemDataRole.ForegroundRole, self._link_brush() if link else None)
        # The column elides in a narrow panel: the tooltip always names the link in full.
        where = "Click to show this milestone on the canvas" if node_id else "Click to show this goal"
        item.setToolTip(LINK_COLUMN, plain_tooltip(f"{link}\n{where}") if link else "")

    def _link_brush(self) -> QBrush:
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link)
        # Many dark palettes keep Qt's default dark-blue link colour, unreadable on a dark base.
        base = palette.color(QPalette.ColorRole.Base)
        if base.lightness() < 128 and link.lightness() - base.lightness() < 110:
            link = palette.color(QPalette.ColorRole.Highlight).lighter(130)
        return QBrush(link)

    def _fit_tree_palette(self) -> None:
        palette = self.palette()
        window, base = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)
        if base.lightness() < 128:
            # Fusion outlines item check boxes in Window.darker(): on a dark theme that is the
            # background itself, so empty boxes vanish. A lighter Window role only moves that outline.
            window = palette.color(QPalette.ColorRole.Text).darker(110)
        tree_palette = self.tree.palette()
        tree_palette.setColor(QPalette.ColorRole.Window, window)
        self.tree.setPalette(tree_palette)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and not self._rebuilding:
            self._fit_tree_palette()
            self.refresh(restyle=True)

    # -- finding things ---------------------------------------------------------------------

    def item_for(self, todo_id: str, subtask_id: str | None = None) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(TITLE_COLUMN, TODO_ROLE) != todo_id:
                continue
            if subtask_id is None:
                return top
            for j in range(top.childCount()):
                if top.child(j).data(TITLE_COLUMN, SUBTASK_ROLE) == subtask_id:
                    return top.child(j)
        return None

    def selected_ids(self) -> tuple[str, str | None] | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(TITLE_COLUMN, TODO_ROLE), item.data(TITLE_COLUMN, SUBTASK_ROLE)

    def _update_actions(self) -> None:
        has = self.selected_ids() is not None
        for act in (self.add_subtask_action, self.rename_action, self.delete_action, self.toggle_action):
            act.setEnabled(has)
        self.subtask_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        ids = self.selected_ids()
        self.details.set_todo(self._todos.get(ids[0]) if ids else None)

    def _details_edited(self, todo_id: str, name: str, value) -> None:
        todo = self._todos.get(todo_id)
        if todo is not None:
            self._push(EditTodoCommand(self.service, todo, {name: getattr(todo, name)}, {name: value}))

    # -- changes ----------------------------------------------------------------------------

    def _report(self, text: str) -> None:
        self.context.message(text)
        self.show_notice(text)

    def _push(self, command) -> Pushed:
        pushed = self.context.push(command)  # a refusal's reason goes to the status bar
        if not pushed:
            self.show_notice(pushed.error)
            self.refresh()  # put back a check box or title the refused edit changed on screen
        return pushed

    def create_todo(self, title: str) -> str | None:
        pushed = self._push(CreateTodoCommand(self.service, title, goal_id=self._goal_filter))
        if not pushed:
            return None
        item = self.item_for(pushed.value.id)
        if item is not None:
            self.tree.setCurrentItem(item)
        return pushed.value.id

    def create_from_field(self) -> None:
        if self.create_todo(self.new_title.text()) is not None:
            self.new_title.clear()
            self.show_notice("")

    def add_subtask(self, todo_id: str, title: str = "New subtask") -> str | None:
        todo = self._todos.get(todo_id)
        if todo is None:
            try:
                todo = self.service.get_todo(todo_id)  # a todo the filter hides
            except GoalsError as error:
                self._report(str(error))
                return None
        pushed = self._push(AddSubtaskCommand(self.service, todo, title))
        if not pushed:
            return None
        subtask_id = pushed.command.subtask_id
        item = self.item_for(todo_id, subtask_id)
        if item is not None:
            self.tree.setCurrentItem(item)
        return subtask_id

    def add_subtask_to_selected(self) -> None:
        ids = self.selected_ids()
        if ids is None:
            self._report("Select a todo to add a subtask to it.")
            return
        subtask_id = self.add_subtask(ids[0])
        item = self.item_for(ids[0], subtask_id) if subtask_id else None
        if item is not None:
            self.tree.editItem(item, TITLE_COLUMN)

    def rename_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.editItem(item, TITLE_COLUMN)

    def delete_todo(self, todo_id: str) -> None:
        todo = self._todos.get(todo_id)
        if todo is not None:
            self._push(DeleteTodoCommand(self.service, todo))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids is None:
            return
        todo_id, subtask_id = ids
        if subtask_id is None:
            self.delete_todo(todo_id)
        else:
            self._report("Delete works on whole todos; select the todo itself.")

    def set_completed(self, todo_id: str, subtask_id: str | None, completed: bool) -> None:
        todo = self._todos.get(todo_id)
        if todo is None:
            return
        if subtask_id is None:
            self._push(SetTodoCompletedCommand(self.service, todo, completed))
        else:
            subtask = todo.subtask(subtask_id)
            self._push(SetSubtaskCompletedCommand(self.service, todo_id, subtask_id, subtask.title, completed))

    def toggle_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        checked = item.checkState(TITLE_COLUMN) == Qt.CheckState.Checked
        self.set_completed(item.data(TITLE_COLUMN, TODO_ROLE), item.data(TITLE_COLUMN, SUBTASK_ROLE), not checked)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._rebuilding or column != TITLE_COLUMN:
            return
        todo_id, subtask_id = item.data(TITLE_COLUMN, TODO_ROLE), item.data(TITLE_COLUMN, SUBTASK_ROLE)
        todo = self._todos.get(todo_id)
        if todo is None:
            return
        thing = todo.subtask(subtask_id) if subtask_id else todo
        # The row now shows the person's edit rather than the stored todo: the next refresh must
        # rewrite it (back to the stored value, if the service refuses the edit).
        self._rebuilding = True
        try:
            item.setData(TITLE_COLUMN, SHOWN_ROLE, None)
        finally:
            self._rebuilding = False
        checked = item.checkState(TITLE_COLUMN) == Qt.CheckState.Checked
        if checked != thing.completed:
            # Deferred past the signal: the command's refresh rewrites this very row.
            QTimer.singleShot(0, self, lambda: self.set_completed(todo_id, subtask_id, checked))
        elif item.text(TITLE_COLUMN) != thing.title:
            command = RenameCommand(self.service, todo_id, subtask_id, thing.title, item.text(TITLE_COLUMN))
            QTimer.singleShot(0, self, lambda: self._push(command))

    def _item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != LINK_COLUMN or not item.text(LINK_COLUMN):
            return
        todo = self._todos.get(item.data(TITLE_COLUMN, TODO_ROLE))
        if todo is None or todo.goal_id is None:
            return
        subtask_id = item.data(TITLE_COLUMN, SUBTASK_ROLE)
        node_id = todo.subtask(subtask_id).node_id if subtask_id else todo.node_id
        self.node_activated.emit(todo.goal_id, node_id or "")
