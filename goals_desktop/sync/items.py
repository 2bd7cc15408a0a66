"""What is synced, read from here (local items) and from a VTODO (remote fields), and a VTODO written.

An item's synced fields are plain values: summary, description, due (YYYY-MM-DD or None) and
completed. A todo syncs all four; a subtask its summary and completion (its VTODO is RELATED-TO its
todo's); a milestone with a date syncs summary, due and completion, and sends a description (its
goal and notes) that the phone's edits never change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from icalendar import Alarm, Calendar, Todo

from goals_desktop.domain.models import Goal
from goals_desktop.domain.todos import Todo as LocalTodo
from goals_desktop.exchange import planned_due_dates
from goals_desktop.exchange._common import milestone_dates
from goals_desktop.exchange.ics import PRODID, ExactText, milestone_uid, subtask_uid, todo_uid

FIELDS = ("summary", "description", "due", "completed")
#: The fields a change on the server may change here, per kind.
COMING_BACK = {
    "todo": ("summary", "description", "due", "completed"),
    "subtask": ("summary", "completed"),
    "milestone": ("summary", "due", "completed"),
}
CATEGORY = "Goals Desktop"
EPOCH = "1970-01-01T00:00:00Z"


class MalformedTodo(ValueError):
    """A VTODO (or its calendar object) this sync cannot read."""


@dataclass(frozen=True, slots=True)
class LocalItem:
    uid: str
    kind: str
    ref: tuple[str, ...]
    fields: Mapping[str, Any]
    changed_at: str  # updated_at of the todo (a subtask's: its todo's; a milestone's: its goal's)
    goal_title: str | None = None
    parent_uid: str | None = None


def _day(value: str | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def local_items(
    todos: Iterable[LocalTodo], goals: Iterable[Goal], today: date, synced_milestones: Mapping[tuple[str, str], Mapping] = {}
) -> dict[str, LocalItem]:
    """uid -> item for every todo, subtask and milestone with a date (own or planned). A milestone
    synced before keeps syncing without a date (a ticked one loses its planned date), with the due
    date the server last had."""
    items: dict[str, LocalItem] = {}
    for todo in todos:
        uid = todo_uid(todo.id)
        fields = {"summary": todo.title, "description": todo.notes, "due": _day(todo.due_date), "completed": todo.completed}
        items[uid] = LocalItem(uid, "todo", (todo.id,), fields, todo.updated_at, todo.goal_title)
        for subtask in todo.subtasks:
            sub_uid = subtask_uid(todo.id, subtask.id)
            sub_fields = {"summary": subtask.title, "description": "", "due": None, "completed": subtask.completed}
            items[sub_uid] = LocalItem(
                sub_uid, "subtask", (todo.id, subtask.id), sub_fields, todo.updated_at, todo.goal_title, uid
            )
    for goal in goals:
        if goal.roadmap is None:
            continue
        dates = milestone_dates(goal.roadmap, planned_due_dates(goal, today))
        for node in goal.roadmap.nodes:
            base = synced_milestones.get((goal.id, node.id))
            if node.id in dates:
                due = dates[node.id][0].isoformat()
            elif base is not None:
                due = base.get("due")
            else:
                continue
            lines = [f"Goal: {goal.title}"]
            if node.notes.strip():
                lines += ["", node.notes.strip()]
            fields = {"summary": node.label, "description": "\n".join(lines), "due": due, "completed": node.completed}
            uid = milestone_uid(goal.id, node.id)
            items[uid] = LocalItem(uid, "milestone", (goal.id, node.id), fields, goal.updated_at or EPOCH, goal.title)
    return items


# -- VTODOs -------------------------------------------------------------------------------------


def _stamp(moment: Any) -> str:
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(moment, date):
        return f"{moment.isoformat()}T00:00:00Z"
    return EPOCH


def parse(body: str) -> tuple[str, dict[str, Any], str]:
    """(UID, synced fields, LAST-MODIFIED as our timestamps) of the calendar object's VTODO.

    MalformedTodo when it cannot be read; LookupError when it holds no VTODO (an event)."""
    try:
        calendar = Calendar.from_ical(body)
        todo = next((c for c in calendar.walk("VTODO")), None)
        if todo is None:
            raise LookupError("no VTODO")
        uid = str(todo.get("uid", "")).strip()
        if not uid:
            raise MalformedTodo("it has no UID")
        due_prop = todo.get("due")
        due = None
        if due_prop is not None:
            when = due_prop.dt
            if not isinstance(when, date):
                raise MalformedTodo("its DUE is not a date")
            due = when.date().isoformat() if isinstance(when, datetime) else when.isoformat()
        status = str(todo.get("status", "")).upper()
        fields = {
            "summary": str(todo.get("summary", "")),
            "description": str(todo.get("description", "")),
            "due": due,
            "completed": status == "COMPLETED" or (not status and todo.get("completed") is not None),
        }
        modified = todo.get("last-modified") or todo.get("dtstamp")
        changed_at = _stamp(modified.dt) if modified is not None else EPOCH
    except (MalformedTodo, LookupError):
        raise
    except Exception as error:  # icalendar raises ValueError, KeyError, TypeError... on bad input
        raise MalformedTodo(str(error).splitlines()[0][:120] if str(error) else type(error).__name__) from None
    return uid, fields, changed_at


def write(item: LocalItem, fields: Mapping[str, Any], previous: str | None, now: datetime) -> str:
    """The VTODO for fields: the previous body patched (so what the phone added stays), or a new one."""
    calendar = todo = None
    if previous:
        try:
            calendar = Calendar.from_ical(previous)
            todo = next((c for c in calendar.walk("VTODO")), None)
        except Exception:
            calendar = todo = None
    if todo is None:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        todo = Todo()
        todo.add("uid", item.uid)
        calendar.add_component(todo)
    for name in ("summary", "description", "due", "status", "completed", "percent-complete", "dtstamp", "last-modified"):
        todo.pop(name, None)
    todo.add("dtstamp", now)
    todo.add("last-modified", now)
    todo.add("summary", ExactText(fields["summary"]))
    if fields.get("description"):
        todo.add("description", ExactText(fields["description"]))
    if fields.get("due"):
        todo.add("due", date.fromisoformat(fields["due"]))
    if fields.get("completed"):
        todo.add("status", "COMPLETED")
        todo.add("completed", now)
        todo.add("percent-complete", 100)
    else:
        todo.add("status", "NEEDS-ACTION")
    if item.goal_title and "categories" not in todo:
        todo.add("categories", [item.goal_title, CATEGORY] if item.kind == "milestone" else [item.goal_title])
    if item.parent_uid and "related-to" not in todo:
        todo.add("related-to", item.parent_uid)
    if fields.get("due") and not fields.get("completed") and not any(True for _ in todo.walk("VALARM")):
        # So the phone reminds too: at 09:00 on the due day (relative to DUE, so it follows a new
        # date). Only where there is none: an alarm the phone set or removed is the phone's.
        if previous is None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", ExactText(fields["summary"]))
            alarm.add("trigger", timedelta(hours=9), parameters={"RELATED": "END"})
            todo.add_component(alarm)
    return calendar.to_ical().decode("utf-8")


def merge(
    kind: str, base: Mapping[str, Any] | None, local: Mapping[str, Any], remote: Mapping[str, Any], local_at: str, remote_at: str
) -> dict[str, Any]:
    """The fields both sides end with (three-way, field by field).

    A field changed on one side only takes that side's value. Changed on both sides to different
    values (or with no common ancestor), the later change wins: the VTODO's LAST-MODIFIED (DTSTAMP
    without it) against the item's updated_at here; a tie keeps ours. Fields a change on the server
    never brings back (a milestone's description) are always ours.
    """
    coming_back = COMING_BACK[kind]
    merged: dict[str, Any] = {}
    remote_later = remote_at > local_at
    for name in FIELDS:
        ours, theirs = local.get(name), remote.get(name)
        if name not in coming_back or ours == theirs:
            merged[name] = ours
        elif base is not None and ours == base.get(name):
            merged[name] = theirs
        elif base is not None and theirs == base.get(name):
            merged[name] = ours
        else:
            merged[name] = theirs if remote_later else ours
    return merged


def same(kind: str, a: Mapping[str, Any] | None, b: Mapping[str, Any]) -> bool:
    """Equal in every field the server shows for this kind."""
    if a is None:
        return False
    names = FIELDS if kind != "subtask" else ("summary", "completed")
    return all(a.get(n) == b.get(n) for n in names)
