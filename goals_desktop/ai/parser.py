"""Incremental parsing of a model's answer into milestones, and repair into a valid roadmap.

Models send one JSON object per line (as asked), but real ones also send code fences, prose,
<think> blocks, trailing commas, CRLF, or one big JSON array instead. A bad line costs one
milestone, never the roadmap.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from goals_desktop.domain import rules
from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Edge, Node, Roadmap, new_id

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
MAX_LIST_ITEMS = 10


class NoMilestonesError(GoalsError):
    pass


@dataclass
class Milestone:
    key: str
    label: str
    steps: list[str] = field(default_factory=list)
    estimated_time: str = ""
    resources: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)


def _clean_text(value: Any, limit: int) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    # Control characters (and lone surrogates) never reach the database or a widget.
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") or ch == " ")
    return " ".join(text.split())[:limit].strip()


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    items = [_clean_text(item, rules.SHORT_TEXT_MAX) for item in value if not isinstance(item, (dict, list))]
    return [item for item in items if item][:MAX_LIST_ITEMS]


def _first(data: dict[str, Any], *names: str) -> Any:
    return next((data[name] for name in names if name in data), None)


def milestone_from_object(data: Any, fallback_key: str) -> Milestone | None:
    """Coerce one decoded JSON object into a Milestone; None if it has no usable label."""
    if not isinstance(data, dict):
        return None
    label = _clean_text(_first(data, "label", "title", "name", "milestone"), rules.LABEL_MAX)
    if not label:
        return None
    key = _clean_text(_first(data, "id", "key"), 100) or fallback_key
    depends = _first(data, "depends_on", "dependencies", "depends", "after", "requires")
    return Milestone(
        key=key,
        label=label,
        steps=_text_list(_first(data, "steps", "details", "tasks")),
        estimated_time=_clean_text(_first(data, "estimated_time", "time", "duration", "estimate"), 100),
        resources=_text_list(_first(data, "resources", "links")),
        depends_on=[_clean_text(d, 100) for d in (depends if isinstance(depends, list) else [depends] if depends is not None else [])
                    if not isinstance(d, (dict, list)) and _clean_text(d, 100)],
    )


def _loads_lenient(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return json.loads(_TRAILING_COMMA.sub(r"\1", text))


class MilestoneParser:
    """Feed text chunks as they arrive; each call returns the milestones whose lines completed."""

    def __init__(self) -> None:
        self._pending = ""  # text not yet checked for <think> tags
        self._line = ""  # current, incomplete line
        self._in_think = False
        self._everything: list[str] = []  # visible text, for the whole-answer fallback
        self._count = 0
        self.milestones: list[Milestone] = []

    def feed(self, text: str) -> list[Milestone]:
        self._pending += text
        visible = self._strip_think(final=False)
        return self._take_lines(visible)

    def finish(self) -> list[Milestone]:
        """End of stream: the last line, then (if no line parsed at all) the whole answer as JSON."""
        visible = self._strip_think(final=True)
        found = self._take_lines(visible + "\n")
        if not self.milestones:
            found = self._whole_answer("".join(self._everything))
        return found

    def _strip_think(self, final: bool) -> str:
        out = []
        while self._pending:
            if self._in_think:
                end = self._pending.find(THINK_CLOSE)
                if end < 0:
                    # Keep a possible partial closing tag; drop the reasoning itself.
                    self._pending = "" if final else self._pending[-(len(THINK_CLOSE) - 1):]
                    break
                self._pending = self._pending[end + len(THINK_CLOSE):]
                self._in_think = False
                continue
            start = self._pending.find(THINK_OPEN)
            if start >= 0:
                out.append(self._pending[:start])
                self._pending = self._pending[start + len(THINK_OPEN):]
                self._in_think = True
                continue
            keep = 0 if final else self._partial_tag_length(self._pending)
            out.append(self._pending[: len(self._pending) - keep])
            self._pending = self._pending[len(self._pending) - keep:]
            break
        return "".join(out)

    @staticmethod
    def _partial_tag_length(text: str) -> int:
        for size in range(min(len(THINK_OPEN) - 1, len(text)), 0, -1):
            if THINK_OPEN.startswith(text[-size:]):
                return size
        return 0

    def _take_lines(self, visible: str) -> list[Milestone]:
        self._everything.append(visible)
        self._line += visible
        found = []
        while "\n" in self._line:
            line, self._line = self._line.split("\n", 1)
            milestone = self._parse_line(line.strip())
            if milestone is not None:
                found.append(milestone)
        self.milestones.extend(found)
        return found

    def _parse_line(self, line: str) -> Milestone | None:
        start, end = line.find("{"), line.rfind("}")
        if start < 0 or end <= start:
            return None  # prose, a code fence, an array bracket: not a milestone
        try:
            data = _loads_lenient(line[start : end + 1])
        except ValueError:
            return None
        self._count += 1
        return milestone_from_object(data, f"m{self._count}")

    def _whole_answer(self, text: str) -> list[Milestone]:
        """Fallback for models that answer with one JSON array/object over many lines."""
        text = re.sub(r"```[a-zA-Z]*", "", text)
        candidates = [(text.find("["), text.rfind("]")), (text.find("{"), text.rfind("}"))]
        for start, end in candidates:
            if start < 0 or end <= start:
                continue
            try:
                data = _loads_lenient(text[start : end + 1])
            except ValueError:
                continue
            if isinstance(data, dict):
                data = _first(data, "milestones", "nodes", "roadmap", "steps") or [data]
                if isinstance(data, dict):
                    data = data.get("nodes") or data.get("milestones") or []
            if isinstance(data, list):
                found = [m for i, item in enumerate(data, 1) if (m := milestone_from_object(item, f"m{i}"))]
                if found:
                    self.milestones.extend(found)
                    return found
        return []


def _norm(label: str) -> str:
    return " ".join(label.casefold().split())


class RoadmapAssembler:
    """Turns milestones into nodes as they arrive, and into a valid roadmap at the end.

    Duplicates (same label) merge; dependencies on unknown milestones are dropped; an edge that
    would close a cycle is dropped. A milestone whose label matches one of the previous roadmap
    keeps that node's id and its checked state (so todo links and the user's progress survive);
    checked milestones the model left out are kept too.
    """

    def __init__(self, previous: Roadmap | None = None) -> None:
        self._previous = {_norm(n.label): n for n in (previous.nodes if previous else [])}
        self._kept_done = [n for n in (previous.nodes if previous else []) if n.completed]
        self.nodes: list[Node] = []
        self._by_label: dict[str, Node] = {}
        self._by_key: dict[str, str] = {}  # model's key -> node id
        self._wanted: list[tuple[str, list[str]]] = []  # node id -> model keys it depends on
        self.edges: list[Edge] = []

    def add(self, milestone: Milestone) -> tuple[Node, list[str]] | None:
        """The new node and the ids it depends on so far; None when merged into an earlier one."""
        label_key = _norm(milestone.label)
        existing = self._by_label.get(label_key)
        if existing is not None:
            self._by_key.setdefault(milestone.key, existing.id)
            self._wanted.append((existing.id, milestone.depends_on))
            return None
        old = self._previous.get(label_key)
        node = Node(
            id=old.id if old is not None else new_id("node"),
            label=milestone.label,
            completed=old.completed if old is not None else False,
            details=milestone.steps or (list(old.details) if old else []),
            estimated_time=milestone.estimated_time or (old.estimated_time if old else ""),
            resources=milestone.resources or (list(old.resources) if old else []),
            notes=old.notes if old is not None else "",
            due_date=old.due_date if old is not None else None,
        )
        self.nodes.append(node)
        self._by_label[label_key] = node
        self._by_key.setdefault(milestone.key, node.id)
        self._wanted.append((node.id, milestone.depends_on))
        return node, self._link(node.id, milestone.depends_on)

    def _link(self, node_id: str, keys: Iterable[str]) -> list[str]:
        linked = []
        for key in keys:
            source = self._by_key.get(key)
            if source is None or source == node_id:
                continue
            if any(e.source == source and e.target == node_id for e in self.edges):
                continue
            if rules.would_create_cycle(Roadmap(self.nodes, self.edges), source, node_id):
                continue
            self.edges.append(Edge(new_id("edge"), source, node_id))
            linked.append(source)
        return linked

    def finish(self) -> Roadmap:
        if not self._by_label:
            raise NoMilestonesError("The model's answer had no usable milestones; try again or pick another model.")
        for node_id, keys in self._wanted:
            self._link(node_id, keys)  # dependencies on milestones that arrived later
        present = {node.id for node in self.nodes}
        for node in self._kept_done:
            if node.id not in present and _norm(node.label) not in self._by_label:
                self.nodes.insert(0, Node(node.id, node.label, True, None, list(node.details), node.estimated_time,
                                          list(node.resources), node.due_date, node.notes))
        roadmap = Roadmap(self.nodes, self.edges)
        rules.validate_roadmap(roadmap)
        return roadmap
