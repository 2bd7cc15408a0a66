"""Roadmaps in and out: Qt-free writers (Markdown, Mermaid, JSON Canvas, iCalendar, OPML) and
readers (our JSON and the seed's, roadmap.sh, JSON Canvas) over the domain objects.

Imports only domain/ and layout/. Writers take a domain Goal with its roadmap and return the file's
bytes; readers return data for GoalService.import_goals, which validates and saves it in one
transaction. Images (png, svg, pdf) need the real scene and live in goals_desktop.ui.export_image.
Format modules are imported when first used, so the CLI pays only for the format it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date

from goals_desktop.domain.models import Goal

from .formats import EXPORT_FORMATS, IMAGE_FORMATS, TEXT_FORMATS, Format, format_for_path
from .reading import ImportedGoal, ImportFile, read_import

# Text formats whose writer is a module function `write(goal, planned) -> bytes`; json is written
# from GoalService.export_goals (it carries todos), so the faces handle it.
_WRITERS = {"md": "markdown", "mermaid": "mermaid", "canvas": "canvas", "ics": "ics", "opml": "opml"}


def export_bytes(goal: Goal, format_name: str, planned: Mapping[str, date | str] | None = None) -> bytes:
    """The goal in a text format (md, mermaid, canvas, ics, opml).

    planned: node id -> planned due date (from the schedule), used where a milestone has no due
    date of its own; only the calendar uses it today.
    """
    module = _WRITERS.get(format_name)
    if module is None:
        raise ValueError(f"no text writer for {format_name!r}")
    return importlib.import_module(f"{__name__}.{module}").write(goal, planned)


__all__ = [
    "EXPORT_FORMATS",
    "IMAGE_FORMATS",
    "TEXT_FORMATS",
    "Format",
    "ImportFile",
    "ImportedGoal",
    "export_bytes",
    "format_for_path",
    "read_import",
]
