"""The roadmap as an OPML 2.0 outline: a tree in which each milestone sits under its first
prerequisite (roots: milestones with none), siblings in dependency order. Completed milestones
carry `_status="checked"` and steps, estimate, due date and notes go in `_note` (the attributes
outliners such as OmniOutliner and Dynalist read)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import date, datetime, timezone
from email.utils import format_datetime

from goals_desktop.domain.models import Goal

from ._common import dependency_order, milestone_dates, milestone_facts, prerequisites

# Characters XML 1.0 cannot hold at all (even escaped): replaced, so the file always parses.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write(goal: Goal, planned: Mapping[str, date | str] | None = None) -> bytes:
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = xml_text(goal.title)
    try:
        modified = datetime.fromisoformat(goal.updated_at.replace("Z", "+00:00"))
        ET.SubElement(head, "dateModified").text = format_datetime(modified.astimezone(timezone.utc), usegmt=True)
    except (ValueError, AttributeError):
        pass
    body = ET.SubElement(opml, "body")
    roadmap = goal.roadmap
    if roadmap is not None:
        dates = milestone_dates(roadmap, planned)
        before = prerequisites(roadmap)
        outlines: dict[str, ET.Element] = {}
        # Dependency order puts every parent (a prerequisite) before its children.
        for node in dependency_order(roadmap):
            parent = outlines.get(before[node.id][0]) if before[node.id] else None
            outline = ET.SubElement(parent if parent is not None else body, "outline", text=xml_text(node.label))
            if node.completed:
                outline.set("_status", "checked")
            note = milestone_facts(node, dates, "Estimate: {}".format, "Due: {}", "Planned: {}")
            note += [f"- {step}" for step in node.details]
            if node.notes.strip():
                note += ["", node.notes.strip()]
            if note:
                outline.set("_note", xml_text("\n".join(note)))
            outlines[node.id] = outline
    ET.indent(opml)
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True) + b"\n"
