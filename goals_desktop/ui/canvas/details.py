"""Side panel for the selected milestone's details. Each committed field (Enter or leaving a text
field, toggling/choosing the due date) becomes one undo command through the editor. With no
milestone selected it shows the goal's overview: description, schedule, what is due next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QFrame,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from goals_desktop.domain.durations import parse_duration
from goals_desktop.domain.models import Goal, Node
from goals_desktop.domain import rules
from goals_desktop.domain.schedule import MilestonePlan, Schedule, goal_signal
from goals_desktop.ui import palette as colours
from goals_desktop.ui.words import date_format, date_text, percent_text, words

DUE_NEXT = 5


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class GoalOverview(QWidget):
    """The goal at a glance: its signal in words and colour, dates, progress, description, due next."""

    node_activated = Signal(str)  # a milestone in "Due next" was clicked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("goalOverview")
        self.title = _title_label("overviewTitle")
        self.signal = _text_label("overviewSignal")
        self.facts = _text_label("overviewFacts")
        self.description = _text_label("overviewDescription")
        self.due_next_label = QLabel(self.tr("Due next"))
        bold = self.due_next_label.font()
        bold.setBold(True)
        self.due_next_label.setFont(bold)
        self.due_next = QListWidget(objectName="overviewDueNext")
        self.due_next.setAccessibleName(self.tr("Milestones due next"))
        self.due_next.setWordWrap(True)
        self.due_next.itemClicked.connect(lambda item: self.node_activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.hint = QLabel(self.tr("Select a milestone to see and edit its details."))
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.signal, self.facts, self.description, self.due_next_label):
            layout.addWidget(widget)
        layout.addWidget(self.due_next, 1)
        layout.addStretch(0)  # takes the room when there is no "Due next" list
        layout.addWidget(self.hint)

    def show_goal(self, goal: Goal, schedule: Schedule | None) -> None:
        self.title.setText(goal.title)
        signal = goal_signal(goal, schedule.today, schedule) if schedule is not None else goal_signal(goal, _today())
        self.signal.setText(f"● {words().signal_full(signal)}")
        style = f"color: {colours.signal_colour(signal, self.palette()).name()}; font-weight: 600;"
        if self.signal.styleSheet() != style:  # (a new style sheet is parsed and applied anew: ~1 ms)
            self.signal.setStyleSheet(style)
        nodes = goal.roadmap.nodes if goal.roadmap is not None else []
        done = sum(1 for n in nodes if n.completed)
        facts = [self.tr("Target {date}").format(date=date_text(goal.target_date)) if goal.target_date else self.tr("No target date")]
        if schedule is not None and schedule.open_count:
            facts[0] += self.tr(" · projected finish {date}").format(date=date_text(schedule.projected_finish))
        if nodes:
            facts.append(
                self.tr("Progress {percent} · {done} of %n milestones done", "", len(nodes)).format(
                    percent=percent_text(goal.progress), done=done
                )
            )
        else:
            facts.append(self.tr("No milestones yet: add some or generate a roadmap"))
        if schedule is not None and schedule.critical_path:
            facts.append(self.tr("Critical path: %n milestones", "", len(schedule.critical_path)))
        self.facts.setText("\n".join(facts))
        self.description.setText(goal.description or "")
        self.description.setVisible(bool(goal.description))
        self.due_next.clear()
        plans = schedule.due_next(DUE_NEXT) if schedule is not None else []
        labels = {n.id: n.label for n in nodes}
        for plan in plans:
            item = QListWidgetItem(f"{date_text(plan.planned_due)}  {labels.get(plan.node_id, '')}" + self._flags(plan))
            item.setData(Qt.ItemDataRole.UserRole, plan.node_id)
            item.setToolTip(words().plan(plan))
            if plan.overdue or plan.late:
                item.setForeground(colours.bad(self.palette()) if plan.overdue else colours.warning(self.palette()))
            self.due_next.addItem(item)
        self.due_next_label.setVisible(bool(plans))
        self.due_next.setVisible(bool(plans))

    def _flags(self, plan: MilestonePlan) -> str:
        flags = [
            word
            for word, on in ((self.tr("overdue"), plan.overdue), (self.tr("late"), plan.late and not plan.overdue), (self.tr("critical"), plan.critical))
            if on
        ]
        return self.tr(" ({flags})").format(flags=self.tr(", ").join(flags)) if flags else ""


def _title_label(name: str = "") -> QLabel:
    """A panel's heading: plain text, bold, a little larger, wrapped."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _text_label(name: str) -> QLabel:
    """Words from the data: plain text (never markup), wrapped."""
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _today():
    return rules.local_today()  # looked up at each call (tests set the day)


class NodeDetailsPanel(QWidget):
    edit_requested = Signal(str, str, object)  # node id, field name, new value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeDetailsPanel")
        self.node: Node | None = None
        self.plan: MilestonePlan | None = None

        self.title = _title_label()
        self.hint = QLabel(self.tr("Select a milestone to see and edit its details."))
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)

        self.steps_edit = QPlainTextEdit()
        self.steps_edit.setPlaceholderText(self.tr("One step per line"))
        self.estimate_edit = QLineEdit()
        self.estimate_edit.setPlaceholderText(self.tr("e.g. 2 weeks"))
        # How the schedule reads the estimate, and where that puts the milestone.
        self.estimate_reading = _text_label("estimateReading")
        self.plan_label = _text_label("planLabel")
        self.resources_edit = QPlainTextEdit()
        self.resources_edit.setPlaceholderText(self.tr("Books, links, courses — one per line"))
        self.due_check = QCheckBox(self.tr("Due"))
        self.due_edit = QDateEdit()
        self.due_edit.setAccessibleName(self.tr("Due date"))  # the row's label names the check box beside it
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat(date_format())
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("Anything worth remembering"))
        for edit in (self.steps_edit, self.resources_edit, self.notes_edit):
            edit.setTabChangesFocus(True)
            edit.installEventFilter(self)
        self.error = QLabel()
        self.error.setObjectName("detailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {colours.warning(self.palette()).name()};")
        self.error.hide()

        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)

        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Steps (one per line)"), self.steps_edit)
        form.addRow(self.tr("Estimated time"), self.estimate_edit)
        form.addRow(self.estimate_reading)
        form.addRow(self.plan_label)
        form.addRow(self.tr("Resources (one per line)"), self.resources_edit)
        form.addRow(self.tr("Due date"), due_row)
        form.addRow(self.tr("Notes"), self.notes_edit)

        self.node_page = QWidget()
        node_layout = QVBoxLayout(self.node_page)
        node_layout.setContentsMargins(0, 0, 0, 0)
        node_layout.addWidget(self.title)
        node_layout.addWidget(self.hint)
        # Scrolls rather than making the window taller than a small screen.
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        node_layout.addWidget(self.form_scroll, 1)
        node_layout.addWidget(self.error)
        self.overview = GoalOverview()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.node_page)
        self.pages.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.estimate_edit.editingFinished.connect(lambda: self._commit("estimated_time"))
        self.due_check.toggled.connect(self._due_toggled)
        self.due_edit.dateChanged.connect(lambda _date: self._commit("due_date"))
        self.set_node(None)

    # -- showing ---------------------------------------------------------------------------

    def set_overview(self, goal: Goal | None, schedule: Schedule | None) -> None:
        """With no milestone selected, show goal's overview instead of an empty form (None: the form)."""
        if goal is not None and self.node is None:
            self.overview.show_goal(goal, schedule)
            self.pages.setCurrentWidget(self.overview)
        else:
            self.pages.setCurrentWidget(self.node_page)

    def set_node(self, node: Node | None, selected: int = 0, plan: MilestonePlan | None = None) -> None:
        """Show node's fields; a field being edited keeps its text unless another node is shown.

        selected is how many milestones are selected, for the title when node is None; plan is
        the node's place in the schedule."""
        same = node is not None and self.node is not None and node.id == self.node.id
        self.node = node
        self.plan = plan
        if node is not None:
            self.pages.setCurrentWidget(self.node_page)
        self._show_plan(node, plan)
        if not same:
            self.show_error("")
        if node is not None:
            self.title.setText(node.label)
        else:
            self.title.setText(self.tr("%n milestones selected", "", selected) if selected > 1 else self.tr("No milestone selected"))
        self.hint.setVisible(node is None)
        self.form.setEnabled(node is not None)
        node = node or Node(id="", label="")
        for widget, text in (
            (self.steps_edit, "\n".join(node.details)),
            (self.resources_edit, "\n".join(node.resources)),
            (self.notes_edit, node.notes),
        ):
            if not (same and widget.hasFocus()) and widget.toPlainText() != text:
                widget.setPlainText(text)
        if not (same and self.estimate_edit.hasFocus()):
            self.estimate_edit.setText(node.estimated_time)
        blocked = [w.blockSignals(True) for w in (self.due_check, self.due_edit)]
        self.due_check.setChecked(node.due_date is not None)
        self.due_edit.setEnabled(node.due_date is not None)
        if node.due_date:
            self.due_edit.setDate(QDate.fromString(node.due_date[:10], "yyyy-MM-dd"))
        elif plan is not None and plan.planned_due is not None:
            # Ticking "Due" starts from the date the plan gives it.
            self.due_edit.setDate(QDate(plan.planned_due.year, plan.planned_due.month, plan.planned_due.day))
        else:
            self.due_edit.setDate(QDate.currentDate())
        for widget, was in zip((self.due_check, self.due_edit), blocked):
            widget.blockSignals(was)

    def _show_plan(self, node: Node | None, plan: MilestonePlan | None) -> None:
        if node is None:
            self.estimate_reading.setText("")
            self.plan_label.setText("")
            return
        duration = plan.duration if plan is not None and plan.duration is not None else parse_duration(node.estimated_time)
        if node.completed:
            self.estimate_reading.setText(self.tr("Done: it takes no more time in the schedule."))
        elif duration.guessed:
            self.estimate_reading.setText(self.tr("Not understood, so counted as 1 week (a guess). Try “3 days” or “2 weeks”."))
        else:
            self.estimate_reading.setText(self.tr("Counted as {duration}.").format(duration=words().duration(duration)))
        colour = ""
        if plan is not None and not plan.completed:
            self.plan_label.setText(self.tr("Planned: {plan}").format(plan=words().plan(plan)))
            if plan.overdue or plan.late:
                colour = (colours.bad(self.palette()) if plan.overdue else colours.warning(self.palette())).name()
        else:
            self.plan_label.setText("")
        self.plan_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.plan_label.setVisible(bool(self.plan_label.text()))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- committing ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            name = {self.steps_edit: "details", self.resources_edit: "resources", self.notes_edit: "notes"}.get(watched)
            if name:
                self._commit(name)
        return super().eventFilter(watched, event)

    def _due_toggled(self, checked: bool) -> None:
        self.due_edit.setEnabled(checked)
        self._commit("due_date")

    def value_of(self, name: str) -> Any:
        if name == "details":
            return _lines(self.steps_edit.toPlainText())
        if name == "resources":
            return _lines(self.resources_edit.toPlainText())
        if name == "notes":
            return self.notes_edit.toPlainText()
        if name == "estimated_time":
            return self.estimate_edit.text().strip()
        if name == "due_date":
            return self.due_edit.date().toString("yyyy-MM-dd") + "T00:00:00Z" if self.due_check.isChecked() else None
        raise KeyError(name)

    def commit_all(self) -> None:
        for name in ("details", "estimated_time", "resources", "due_date", "notes"):
            self._commit(name)

    def _commit(self, name: str) -> None:
        if self.node is None:
            return
        value = self.value_of(name)
        if value != getattr(self.node, name):
            self.edit_requested.emit(self.node.id, name, value)
