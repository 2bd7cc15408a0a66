"""The milestones as an iCalendar (RFC 5545) calendar, written with the `icalendar` library.

One all-day VEVENT per milestone that has a date: its own due date, else its planned date from the
schedule. Each UID is derived from the goal id and the node id, so exporting again (after ticks,
renames or new dates) gives the same UIDs and a calendar updates its events instead of adding copies.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vText

from goals_desktop.domain.models import Goal

from ._common import dependency_order, milestone_dates

PRODID = "-//Goals Desktop//Goals Desktop//EN"
# Fixed for ever: changing it would change every UID ever exported.
UID_NAMESPACE = uuid.UUID("5b0c4d1e-3f0e-4a63-9a55-6f2c0e7d9a41")


_TEXT_SPECIALS = re.compile(r"\r\n|[\\;,\n\r]")
_TEXT_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": "\\n", "\r\n": "\\n"}


class ExactText(vText):
    """TEXT written exactly as given (RFC 5545 3.3.11, one pass).

    icalendar's vText reads a literal backslash-N in the text as a line break (as documented), so
    a label such as "Read C:\\Notes" would come back on two lines; ours never means that.
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        return _TEXT_SPECIALS.sub(lambda m: _TEXT_ESCAPES[m.group()], str(self)).encode(self.encoding)


def milestone_uid(goal_id: str, node_id: str) -> str:
    # JSON of the pair, so ("a:b", "c") and ("a", "b:c") never share a UID.
    return f"{uuid.uuid5(UID_NAMESPACE, json.dumps([goal_id, node_id]))}@goals-desktop"


def todo_uid(todo_id: str) -> str:
    # A one-element list: never the JSON of a milestone's pair or a subtask's triple.
    return f"{uuid.uuid5(UID_NAMESPACE, json.dumps([todo_id]))}@goals-desktop"


def subtask_uid(todo_id: str, subtask_id: str) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, json.dumps(['subtask', todo_id, subtask_id]))}@goals-desktop"


def _moment(stamp: str | None) -> datetime:
    try:
        return datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)


def write(goal: Goal, planned: Mapping[str, date | str] | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", ExactText(goal.title))
    roadmap = goal.roadmap
    if roadmap is None:
        return calendar.to_ical()
    dates = milestone_dates(roadmap, planned)
    # The goal's last change, not the clock: the same goal exports to the same bytes.
    stamp = _moment(goal.updated_at)
    for node in dependency_order(roadmap):
        if node.id not in dates:
            continue
        when, own = dates[node.id]
        event = Event()
        event.add("uid", milestone_uid(goal.id, node.id))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", when)
        event.add("dtend", when + timedelta(days=1))
        event.add("summary", ExactText(f"✓ {node.label}" if node.completed else node.label))
        lines = [f"Goal: {goal.title}", "Done." if node.completed else ("Due." if own else "Planned date from the schedule.")]
        if node.estimated_time:
            lines.append(f"Estimate: {node.estimated_time}")
        lines += [f"- {step}" for step in node.details]
        if node.notes.strip():
            lines += ["", node.notes.strip()]
        event.add("description", ExactText("\n".join(lines)))
        event.add("categories", ["Goals Desktop"])
        # A milestone marks a day; it should not block the day as busy time.
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
