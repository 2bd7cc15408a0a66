"""Import files: the format is found from the content, never from the file name.

- a JSON list of goals, or one goal object: our own export and the seed's Goals API shape, passed
  to GoalService.import_goals as they are (it validates them as it always has);
- a roadmap.sh roadmap (React Flow nodes with `data` and `position`);
- a JSON Canvas (nodes with a `type` of text/file/link/group and x/y);
- a bare seed roadmap (`{"nodes": [{"label": ...}], "edges": [...]}`) becomes one goal.

Anything else ends in one sentence naming the file and what it seems to be.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Node, Roadmap

from . import canvas, roadmapsh
from ._common import assemble_roadmap, clean_label

FORMAT_LABELS = {
    "goals": "Goals JSON",
    "roadmap.sh": "roadmap.sh roadmap",
    "canvas": "JSON Canvas",
    "roadmap": "roadmap JSON",
}
_KNOWN = "an import file must hold a JSON list of goals (an export), one goal, a roadmap.sh roadmap or a JSON Canvas"


@dataclass(slots=True)
class ImportedGoal:
    """A goal read from a foreign file: its fields and its roadmap (always a DAG)."""

    title: str
    roadmap: Roadmap
    description: str | None = None

    def to_import_dict(self) -> dict[str, Any]:
        nodes = self.roadmap.nodes
        done = sum(n.completed for n in nodes)
        return {
            "title": self.title,
            "description": self.description,
            "status": rules.derive_status("active", len(nodes), done),
            "roadmap": self.roadmap.to_dict(),
        }


@dataclass(slots=True)
class ImportFile:
    """What a file holds: its format and the goals, as GoalService.import_goals takes them."""

    format: str
    goals: list[Any] = field(default_factory=list)

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self.format]


def read_import(content: str | bytes, name: str = "The file") -> ImportFile:
    """Detect the format of an import file's content and read it; ValidationError says what is wrong."""
    text = _decode(content, name) if isinstance(content, bytes) else content
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationError(f"{name} is empty.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        kind = _guess_text_format(text)
        if kind:
            raise ValidationError(f"{name} looks like {kind}, which can only be exported; {_KNOWN}.") from None
        raise ValidationError(
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        raise ValidationError(f"{name} is nested too deeply to be a goals file.") from None
    stem = _title_from_name(name)
    if isinstance(data, list):
        return ImportFile("goals", data)
    if not isinstance(data, Mapping):
        raise ValidationError(f"{name} holds a single JSON value; {_KNOWN}.")
    if "nodes" in data and not ("title" in data and "roadmap" in data):
        if roadmapsh.looks_like_roadmapsh(data):
            return _foreign("roadmap.sh", roadmapsh.read(data, name), stem, name)
        if canvas.looks_like_canvas(data):
            return _foreign("canvas", canvas.read(data, name), stem, name)
        if _looks_like_seed_roadmap(data):
            return ImportFile("roadmap", [{"title": stem, "roadmap": data}])
        if isinstance(data.get("nodes"), list) and not data["nodes"]:
            raise ValidationError(f"{name} holds no milestones.")
        raise ValidationError(f"{name} has nodes, but not in a shape Goals Desktop knows; {_KNOWN}.")
    if any(key in data for key in ("title", "roadmap", "id")):
        return ImportFile("goals", [data])
    raise ValidationError(f"{name} is JSON, but not goals or a roadmap; {_KNOWN}.")


def _foreign(kind: str, found: tuple[str | None, list[Node], list], stem: str, name: str) -> ImportFile:
    title, nodes, links = found
    if not nodes:
        what = "topic or subtopic nodes" if kind == "roadmap.sh" else "text, file or link cards"
        raise ValidationError(f"{name} holds no milestones: a {FORMAT_LABELS[kind]} needs {what}.")
    goal = ImportedGoal(title=title or stem, roadmap=assemble_roadmap(nodes, links))
    return ImportFile(kind, [goal.to_import_dict()])


def _decode(content: bytes, name: str) -> str:
    for magic, kind in ((b"\x89PNG", "a PNG image"), (b"%PDF", "a PDF document")):
        if content.startswith(magic):
            raise ValidationError(f"{name} is {kind}, which can only be exported; {_KNOWN}.")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{name} is not UTF-8 text; {_KNOWN}.") from None


def _looks_like_seed_roadmap(data: Mapping[str, Any]) -> bool:
    nodes = data.get("nodes")
    return isinstance(nodes, list) and bool(nodes) and all(isinstance(n, Mapping) and "label" in n for n in nodes)


def _title_from_name(name: str) -> str:
    stem = PurePath(name).stem if name else ""
    return clean_label(stem.replace("_", " ")) or "Imported roadmap"


def _guess_text_format(text: str) -> str | None:
    head = text.lstrip()[:200].lower()
    if head.startswith("begin:vcalendar"):
        return "an iCalendar file"
    if head.startswith("<?xml") or head.startswith("<opml") or head.startswith("<svg"):
        return "an XML file (OPML or SVG)"
    if head.startswith("---") and "flowchart" in head or head.startswith("flowchart") or head.startswith("graph "):
        return "a Mermaid flowchart"
    if head.startswith("#") or head.startswith("- ["):
        return "a Markdown document"
    return None
