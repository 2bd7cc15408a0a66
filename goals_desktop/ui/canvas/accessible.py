"""What a screen reader hears of the roadmap canvas: each milestone as a check box, a child of the
canvas in roadmap order, named by its label and described by its plan ("due 17 Feb 2027, about
4 weeks, after Python foundations, on the critical path"); its toggle action is a click on its box.
See goals_desktop/ui/accessibility.py for how the items reach the reader."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleEvent

from goals_desktop.domain.schedule import MilestonePlan

from goals_desktop.ui.accessibility import AccessibleChildren, ItemAction, register_view
from goals_desktop.ui.canvas.view import RoadmapView

if TYPE_CHECKING:
    from goals_desktop.ui.canvas.editor import RoadmapEditor




def spoken_date(day: date) -> str:
    """17 Feb 2027 (the year always: the words are heard, not seen beside a calendar)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


class SpokenCounts(QObject):
    """Counted words for the descriptions: lupdate reads plural forms (%n) only from tr()."""

    def estimate(self, days: int) -> str:
        """About how long, in the largest unit that reads naturally ("about a month", "about 3 weeks")."""
        if days >= 365 and days % 365 == 0:
            return self.tr("about a year") if days == 365 else self.tr("about %n years", "", days // 365)
        if days >= 30 and days % 30 == 0:
            return self.tr("about a month") if days == 30 else self.tr("about %n months", "", days // 30)
        if days >= 7 and days % 7 == 0:
            return self.tr("about a week") if days == 7 else self.tr("about %n weeks", "", days // 7)
        return self.tr("about a day") if days == 1 else self.tr("about %n days", "", days)

    def late(self, days: int) -> str:
        return self.tr("a day late") if days == 1 else self.tr("%n days late", "", days)


_counts: list[SpokenCounts] = []


def counts() -> SpokenCounts:
    if not _counts:
        _counts.append(SpokenCounts())
    return _counts[0]


def spoken_days(days: int) -> str:
    return counts().estimate(days)


def spoken_list(names: list[str]) -> str:
    """A, B and C (QLocale's own list is "A, B, C" in the C locale tests and scripts run in)."""
    if len(names) < 2:
        return "".join(names)
    return QCoreApplication.translate("CanvasAccessibility", "{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def spoken_plan(plan: MilestonePlan | None, completed: bool, due_date: str | None, after: list[str]) -> str:
    """A milestone's description: its state and due date, the estimate, what it waits for, and
    whether it is on the critical path."""
    parts: list[str] = []
    if completed:
        parts.append(QCoreApplication.translate("CanvasAccessibility", "done"))
    elif plan is not None and plan.planned_due is not None:
        due = spoken_date(plan.planned_due)
        if plan.overdue:
            parts.append(QCoreApplication.translate("CanvasAccessibility", "overdue since {date}").format(date=due))
        else:
            parts.append(QCoreApplication.translate("CanvasAccessibility", "due {date}").format(date=due))
            if plan.late:
                parts.append(counts().late(-(plan.slack_days or 0)))
    elif due_date:
        try:
            parts.append(QCoreApplication.translate("CanvasAccessibility", "due {date}").format(date=spoken_date(date.fromisoformat(due_date[:10]))))
        except ValueError:
            pass
    duration = plan.duration if plan is not None and not completed else None
    if duration is not None:
        if duration.ongoing:
            parts.append(QCoreApplication.translate("CanvasAccessibility", "ongoing"))
        elif duration.guessed:
            parts.append(QCoreApplication.translate("CanvasAccessibility", "no estimate understood, counted as a week"))
        else:
            parts.append(spoken_days(duration.days))
    if after:
        parts.append(QCoreApplication.translate("CanvasAccessibility", "after {milestones}").format(milestones=spoken_list(after)))
    if plan is not None and plan.critical and not completed:
        parts.append(QCoreApplication.translate("CanvasAccessibility", "on the critical path"))
    return ", ".join(parts)


_waits: list = [None, {}]  # [the goal last asked about, its map]: asked once per milestone per change


def waits_for(goal) -> dict[str, list[str]]:
    """node id -> the labels of the milestones it waits for, in the roadmap's link order."""
    if _waits[0] is not goal:
        after: dict[str, list[str]] = {}
        if goal is not None and goal.roadmap is not None:
            labels = {n.id: n.label for n in goal.roadmap.nodes}
            for edge in goal.roadmap.edges:
                if edge.source in labels:
                    after.setdefault(edge.target, []).append(labels[edge.source])
        _waits[:] = [goal, after]
    return _waits[1]


class CanvasAccessibility:
    """The canvas's milestones as AccessibleItems (see goals_desktop.ui.accessibility)."""

    def __init__(self, editor: RoadmapEditor) -> None:
        self.editor = editor
        view = editor.view
        view.setAccessibleName(QCoreApplication.translate("CanvasAccessibility", "Roadmap"))
        view.setAccessibleDescription(QCoreApplication.translate("CanvasAccessibility", "Milestones in roadmap order: Tab walks them, Space checks one off, F2 renames, Enter opens its details"))
        self.children = AccessibleChildren(view, self)

    # -- following the editor -----------------------------------------------------------------------

    def refresh(self) -> None:
        goal = self.editor.shown_goal()
        title = goal.title if goal is not None else ""
        name = QCoreApplication.translate("CanvasAccessibility", "Roadmap of {goal}").format(goal=title) if title else QCoreApplication.translate("CanvasAccessibility", "Roadmap")
        if self.editor.view.accessibleName() != name:
            self.editor.view.setAccessibleName(name)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(QAccessibleEvent(self.editor.view, QAccessible.Event.NameChanged))
        self.children.changed()

    def focus_moved(self, node_id: str | None) -> None:
        self.children.focus_moved(node_id)

    # -- AccessibleItems ------------------------------------------------------------------------------

    def accessible_ids(self) -> list[str]:
        if self.editor.is_previewing():
            return []
        return self.editor.keyboard.order()

    def accessible_name(self, item_id: str) -> str:
        node = self.editor.node(item_id)
        return node.label if node is not None else ""

    def accessible_description(self, item_id: str) -> str:
        editor = self.editor
        node = editor.node(item_id)
        goal = editor.shown_goal()
        if node is None or goal is None or goal.roadmap is None:
            return ""
        plan = editor.schedule.milestones.get(item_id) if editor.schedule is not None else None
        return spoken_plan(plan, node.completed, node.due_date, waits_for(goal).get(item_id, []))

    def accessible_checked(self, item_id: str) -> bool | None:
        node = self.editor.node(item_id)
        return bool(node.completed) if node is not None else None

    def accessible_rect(self, item_id: str) -> QRect:
        item = self.editor.scene.nodes.get(item_id)
        if item is None:
            return QRect()
        view = self.editor.view
        box = view.mapFromScene(item.mapToScene(item.RECT)).boundingRect()
        return QRect(view.viewport().mapToGlobal(box.topLeft()), box.size())

    def accessible_focus(self) -> str | None:
        return self.editor.keyboard.focused

    def accessible_actions(self, item_id: str) -> list[ItemAction]:
        node = self.editor.node(item_id)
        done = node is not None and node.completed
        return [
            ItemAction(QAccessibleActionInterface.toggleAction(), QCoreApplication.translate("CanvasAccessibility", "Reopen") if done else QCoreApplication.translate("CanvasAccessibility", "Check off"), QCoreApplication.translate("CanvasAccessibility", "Check the milestone off, or reopen it"), "Space"),
            ItemAction(QAccessibleActionInterface.setFocusAction(), QCoreApplication.translate("CanvasAccessibility", "Focus"), QCoreApplication.translate("CanvasAccessibility", "Put the keyboard focus on the milestone")),
            ItemAction(QAccessibleActionInterface.showMenuAction(), QCoreApplication.translate("CanvasAccessibility", "Menu"), QCoreApplication.translate("CanvasAccessibility", "Open the milestone's menu"), "Shift+F10"),
        ]

    def accessible_do(self, item_id: str, action: str) -> None:
        editor = self.editor
        if item_id not in editor.scene.nodes:
            return
        if action == QAccessibleActionInterface.toggleAction():
            # Exactly what a click on the milestone's box does: one undo step through the editor.
            editor.scene.toggle_requested.emit([item_id])
        elif action == QAccessibleActionInterface.setFocusAction():
            editor.view.setFocus()
            editor.keyboard.focus(item_id)
        elif action == QAccessibleActionInterface.showMenuAction():
            editor.view.setFocus()
            editor.keyboard.focus(item_id)
            editor.keyboard.open_menu()


register_view(RoadmapView, QAccessible.Role.Canvas)
