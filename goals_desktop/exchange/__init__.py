"""Roadmaps in and out: Qt-free writers (Markdown, Mermaid, JSON Canvas, iCalendar, OPML) and
readers (our JSON and GAIA's Goals API JSON, roadmap.sh, JSON Canvas) over the domain objects.

Imports only domain/ and layout/. Writers take a domain Goal with its roadmap and return the file's
bytes; readers return data for GoalService.import_goals, which validates and saves it in one
transaction. Images (png, svg, pdf) need the real scene and live in goals_desktop.ui.export_image.
Writer modules are imported in export_bytes, when first used, so a CLI export pays only for the format it
writes (icalendar alone takes ~60 ms to import); the only function-local imports of this package.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from goals_desktop.domain.models import Goal
from goals_desktop.domain.schedule import schedule_or_none

from .formats import EXPORT_FORMATS, IMAGE_FORMATS, TEXT_FORMATS, Format, format_for_path
from .reading import ImportedGoal, ImportFile, read_import


def export_bytes(goal: Goal, format_name: str, planned: Mapping[str, date | str] | None = None) -> bytes:
    """The goal in a text format: md, mermaid, canvas, ics or opml (json comes from
    GoalService.export_goals, which adds the todos).

    planned: node id -> planned due date (from the schedule), used where a milestone has no due
    date of its own (calendar, Markdown and OPML show it).
    """
    # Imported here, so a command pays only for the format it writes (icalendar is the heavy one).
    if format_name == "md":
        from . import markdown as writer
    elif format_name == "mermaid":
        from . import mermaid as writer
    elif format_name == "canvas":
        from . import canvas as writer
    elif format_name == "ics":
        from . import ics as writer
    elif format_name == "opml":
        from . import opml as writer
    else:
        raise ValueError(f"no text writer for {format_name!r}")
    return writer.write(goal, planned)


def planned_due_dates(goal: Goal, today: date) -> dict[str, date]:
    """node id -> planned due date from the schedule seen from today, for the open milestones
    without a due date of their own (those keep theirs); {} when the roadmap cannot be scheduled."""
    schedule = schedule_or_none(goal, today)
    if schedule is None:
        return {}
    return {
        node_id: plan.planned_due
        for node_id, plan in schedule.milestones.items()
        if plan.planned_due is not None and not plan.fixed_due
    }


__all__ = [
    "EXPORT_FORMATS",
    "IMAGE_FORMATS",
    "TEXT_FORMATS",
    "Format",
    "ImportFile",
    "ImportedGoal",
    "export_bytes",
    "format_for_path",
    "planned_due_dates",
    "read_import",
]
