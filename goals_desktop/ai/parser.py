"""Incremental parser: text chunks in, milestones out the moment their line is complete.

Tolerates code fences, prose, <think>…</think> (split anywhere), CRLF, trailing commas, and a
single JSON array/object answer as a fallback. A bad line costs one node; the final Roadmap always
passes rules.validate_roadmap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from goals_desktop.domain import rules
from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Edge, Node, Roadmap, new_id

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
MAX_NODES = 60


class NoMilestonesError(GoalsError):
    """The answer held no usable milestone."""


@dataclass(slots=True)
class ParsedMilestone:
    node: Node
    depends_on: list[str]  # node ids already emitted


@dataclass
class RoadmapParser:
    """feed(text) -> new milestones; finish() -> Roadmap. `done` nodes are kept with their ids."""

    done: list[Node] = field(default_factory=list)
    _buffer: str = ""
    _in_think: bool = False
    _pending: str = ""  # a possible partial "<think>" / "</think>" tag at the end of a chunk
    _all_text: list[str] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    _key_to_id: dict[str, str] = field(default_factory=dict)
    _label_to_id: dict[str, str] = field(default_factory=dict)
    _forward: list[tuple[str, str]] = field(default_factory=list)  # (target id, unresolved key)
    bad_lines: int = 0

    def __post_init__(self) -> None:
        for index, node in enumerate(self.done, 1):
            kept = Node(node.id, node.label, True, node.position, list(node.details), node.estimated_time,
                        list(node.resources), node.due_date, node.notes)
            self.nodes.append(kept)
            self._key_to_id[f"done{index}"] = kept.id
            self._label_to_id[kept.label.casefold()] = kept.id

    @property
    def generated_count(self) -> int:
        return len(self.nodes) - len(self.done)

    def feed(self, chunk: str) -> list[ParsedMilestone]:
        visible = self._strip_think(chunk)
        self._all_text.append(visible)
        self._buffer += visible.replace("\r\n", "\n").replace("\r", "\n")
        found: list[ParsedMilestone] = []
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            parsed = self._line(line)
            if parsed is not None:
                found.append(parsed)
        return found

    def finish(self) -> Roadmap:
        """Flush the last line, fall back to a whole-answer JSON array/object, resolve links."""
        tail, self._buffer = self._buffer, ""
        if tail.strip():
            self._line(tail)
        if self.generated_count == 0:
            self._whole_answer_fallback()
        if self.generated_count == 0:
            raise NoMilestonesError("The model's answer contained no usable milestones; try again or pick another model.")
        for target, key in self._forward:
            source = self._key_to_id.get(key)
            if source:
                self._link(source, target)
        roadmap = Roadmap(list(self.nodes), list(self.edges))
        rules.validate_roadmap(roadmap)
        return roadmap

    # -- internals ------------------------------------------------------------------------------

    def _strip_think(self, chunk: str) -> str:
        text = self._pending + chunk
        self._pending = ""
        out = []
        while text:
            tag = THINK_CLOSE if self._in_think else THINK_OPEN
            at = text.find(tag)
            if at >= 0:
                if not self._in_think:
                    out.append(text[:at])
                text = text[at + len(tag):]
                self._in_think = not self._in_think
                continue
            # Keep a suffix that could be the start of the tag for the next chunk.
            keep = next((n for n in range(min(len(tag) - 1, len(text)), 0, -1) if tag.startswith(text[-n:])), 0)
            body = text[: len(text) - keep]
            if not self._in_think:
                out.append(body)
            self._pending = text[len(text) - keep:]
            break
        return "".join(out)

    def _line(self, line: str) -> ParsedMilestone | None:
        text = line.strip().rstrip(",").strip()
        if not text.startswith("{"):
            # Objects inside an array on one line ("[{…}," or "{…}]") still count.
            text = text.lstrip("[").strip()
            if not text.startswith("{"):
                return None
        if text.endswith("]") and not text.endswith("]}"):
            text = text[:-1].rstrip().rstrip(",")
        data = _loads(text)
        if not isinstance(data, dict):
            if text.startswith("{"):
                self.bad_lines += 1
            return None
        return self._add(data)

    def _whole_answer_fallback(self) -> None:
        text = "".join(self._all_text)
        text = re.sub(r"```[a-zA-Z]*", "", text)
        start = min((i for i in (text.find("["), text.find("{")) if i >= 0), default=-1)
        if start < 0:
            return
        end = max(text.rfind("]"), text.rfind("}"))
        data = _loads(text[start : end + 1])
        if isinstance(data, dict):
            for key in ("milestones", "nodes", "roadmap", "items"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
            else:
                data = [data]
        if isinstance(data, list):
            for item in data:
                if isinstance(item, dict):
                    self._add(item)

    def _add(self, data: dict[str, Any]) -> ParsedMilestone | None:
        if data.get("done") is True or self.generated_count >= MAX_NODES:
            return None
        label = data.get("label") or data.get("title") or data.get("name")
        if not isinstance(label, str):
            self.bad_lines += 1
            return None
        label = rules.strip_unsafe_characters(label).strip()
        label = re.sub(r"\s+", " ", label)[: rules.LABEL_MAX].strip()
        if not label:
            self.bad_lines += 1
            return None
        key = str(data.get("id", "")).strip()
        existing = self._label_to_id.get(label.casefold())
        if existing is not None:
            # A repeat (or a done milestone echoed back): merge into the one we have.
            if key:
                self._key_to_id.setdefault(key, existing)
            return None
        node = Node(
            id=new_id("node"),
            label=label,
            details=_text_list(data.get("steps", data.get("details"))),
            estimated_time=_text(data.get("estimated_time", data.get("time")))[: rules.SHORT_TEXT_MAX],
            resources=_text_list(data.get("resources")),
        )
        depends_on: list[str] = []
        raw_deps = data.get("depends_on", data.get("dependencies", []))
        if isinstance(raw_deps, (str, int)):
            raw_deps = [raw_deps]
        if not isinstance(raw_deps, list):
            raw_deps = []
        self.nodes.append(node)
        if key and key not in self._key_to_id:
            self._key_to_id[key] = node.id
        self._label_to_id[label.casefold()] = node.id
        for dep in raw_deps:
            dep_key = str(dep).strip()
            source = self._key_to_id.get(dep_key) or self._label_to_id.get(dep_key.casefold())
            if source is None:
                self._forward.append((node.id, dep_key))
            elif self._link(source, node.id):
                depends_on.append(source)
        return ParsedMilestone(node, depends_on)

    def _link(self, source: str, target: str) -> bool:
        if source == target or any(e.source == source and e.target == target for e in self.edges):
            return False
        if rules.would_create_cycle(Roadmap(self.nodes, self.edges), source, target):
            return False  # breaking the cycle: the later link loses
        self.edges.append(Edge(new_id("edge"), source, target))
        return True


def _loads(text: str) -> Any:
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return rules.strip_unsafe_characters(str(value)).strip()


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        value = [value]
    items = [_text(v)[: rules.SHORT_TEXT_MAX] for v in value]
    return [i for i in items if i][: rules.LIST_MAX]
