"""Incremental parser: text chunks in, milestones out the moment their line (or object) is complete.

Our format is one JSON object per line. Models that ignore it are read too: one JSON array of our
objects (pretty-printed or not), and the seed's own shape -- one object (maybe wrapped as
{"roadmap": ...}) with `nodes` carrying data.label / data.details / data.estimatedTime /
data.resources (or those keys on the node) and `edges` with source/target. Tolerates code fences,
prose, <think>…</think> (split anywhere), CRLF and trailing commas. A bad line costs one node; the
final Roadmap always passes rules.validate_roadmap.
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
# Arrays whose objects are milestones or links (the seed's `nodes`/`edges`, and common variants).
ROADMAP_ARRAYS = frozenset({"nodes", "edges", "links", "milestones", "items", "roadmap"})
CONTAINER_KEYS = ("milestones", "nodes", "roadmap", "items", "edges", "links")
_LABEL_KEYS = ("label", "title", "name")


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
    max_nodes: int = MAX_NODES  # new milestones kept at most (a breakdown asks for fewer)
    _buffer: str = ""
    _in_think: bool = False
    _pending: str = ""  # a possible partial "<think>" / "</think>" tag at the end of a chunk
    _all_text: list[str] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    _key_to_id: dict[str, str] = field(default_factory=dict)
    _label_to_id: dict[str, str] = field(default_factory=dict)
    _forward: list[tuple[str, str]] = field(default_factory=list)  # (target id, unresolved key)
    _loose_edges: list[tuple[str, str]] = field(default_factory=list)  # (source key, target key) not yet known
    _objects: _ObjectScanner = field(default_factory=lambda: _ObjectScanner())
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
            found.extend(self._complete_line(line))
        return found

    def _complete_line(self, line: str) -> list[ParsedMilestone]:
        # Objects spread over lines (pretty-printed) first; then the line on its own. A milestone
        # both find is the same label, so the second finding merges into the first.
        inside = bool(self._objects.stack)
        found = [p for p in (self._item(obj) for obj in self._objects.feed(line + "\n")) if p is not None]
        bad_before = self.bad_lines
        parsed = self._line(line)
        if parsed is not None:
            found.append(parsed)
        if inside or self._objects.stack:
            self.bad_lines = bad_before  # a piece of a pretty-printed object is not a bad line
        return found

    def finish(self) -> Roadmap:
        """Flush the last line, fall back to a whole-answer JSON array/object, resolve links."""
        tail, self._buffer = self._buffer, ""
        if tail.strip():
            self._complete_line(tail)
        if self.generated_count == 0:
            self._whole_answer_fallback()
        if self.generated_count == 0:
            raise NoMilestonesError("The model's answer contained no usable milestones; try again or pick another model.")
        for target, key in self._forward:
            source = self._key_to_id.get(key)
            if source:
                self._link(source, target)
        for source_key, target_key in self._loose_edges:
            source, target = self._resolve(source_key), self._resolve(target_key)
            if source and target:
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
        return self._item(data)

    def _whole_answer_fallback(self) -> None:
        text = "".join(self._all_text)
        text = re.sub(r"```[a-zA-Z]*", "", text)
        start = min((i for i in (text.find("["), text.find("{")) if i >= 0), default=-1)
        if start < 0:
            return
        end = max(text.rfind("]"), text.rfind("}"))
        data = _loads(text[start : end + 1])
        if isinstance(data, dict) and isinstance(data.get("roadmap"), dict):
            data = data["roadmap"]
        items: list[Any] = []
        if isinstance(data, dict):
            parts = [data[key] for key in CONTAINER_KEYS if isinstance(data.get(key), list)]
            items = [item for part in parts for item in part] if parts else [data]
        elif isinstance(data, list):
            items = data
        for item in items:
            if isinstance(item, dict):
                self._item(item)

    def _item(self, data: dict[str, Any]) -> ParsedMilestone | None:
        """A milestone, a link (source/target) or a container of them (already read piece by piece)."""
        if _is_container(data):
            return None
        fields = data
        if isinstance(data.get("data"), dict):
            # The seed's node shape: {"id", "data": {"label", "details", "estimatedTime", "resources"}, ...}.
            fields = {**data["data"], **{k: v for k, v in data.items() if k != "data" and v is not None}}
        if not any(isinstance(fields.get(key), str) for key in _LABEL_KEYS) and "source" in fields and "target" in fields:
            self._add_edge(fields.get("source"), fields.get("target"))
            return None
        return self._add(fields)

    def _add_edge(self, source_key: Any, target_key: Any) -> None:
        if not isinstance(source_key, (str, int)) or not isinstance(target_key, (str, int)) or isinstance(source_key, bool):
            self.bad_lines += 1
            return
        source_key, target_key = str(source_key).strip(), str(target_key).strip()
        source, target = self._resolve(source_key), self._resolve(target_key)
        if source and target:
            self._link(source, target)
        else:
            self._loose_edges.append((source_key, target_key))

    def _resolve(self, key: str) -> str | None:
        return self._key_to_id.get(key) or self._label_to_id.get(key.casefold())

    def _add(self, data: dict[str, Any]) -> ParsedMilestone | None:
        if data.get("done") is True or self.generated_count >= self.max_nodes:
            return None
        label = next((data[key] for key in _LABEL_KEYS if data.get(key)), None)
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
            details=_text_list(_first(data, "steps", "details")),
            estimated_time=_text(_first(data, "estimated_time", "estimatedTime", "estimate", "duration", "time"))[
                : rules.SHORT_TEXT_MAX
            ],
            resources=_text_list(_first(data, "resources", "links")),
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


def _is_container(data: dict[str, Any]) -> bool:
    """Holds milestones or links (read one by one) rather than being one; `links: ["https://…"]` is a resource list."""
    for key in CONTAINER_KEYS:
        value = data.get(key)
        if key == "roadmap" and isinstance(value, dict):
            return True
        if isinstance(value, list) and any(isinstance(item, dict) for item in value):
            return True
    return False


def _first(data: dict[str, Any], *keys: str) -> Any:
    return next((data[key] for key in keys if data.get(key) is not None), None)


class _ObjectScanner:
    """Finds complete JSON objects in text fed line by line: top-level ones and those directly in a
    top-level array or in an array named like a roadmap part (`nodes`, `edges`, `milestones`, ...).

    So a pretty-printed array of our objects and the seed's {nodes, edges} shape stream in as
    each object closes, while nested objects (a node's `data` or `position`, a resource written as
    an object) are never taken for milestones. Prose outside brackets is skipped; a mismatched
    bracket or absurd nesting drops what was open.
    """

    MAX_DEPTH = 32
    MAX_TEXT = 2_000_000
    KEY_MAX = 40

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.stack: list[tuple[str, str | None, int]] = []  # (bracket, key it is the value of, start offset)
        self.text: list[str] = []
        self.in_string = self.escape = False
        self.string: list[str] = []
        self.last_string: str | None = None
        self.pending_key: str | None = None
        self.last_mark = ""  # the last character outside strings that was not blank

    def feed(self, text: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for ch in text:
            if not self.stack:
                if ch in "{[":
                    self.text = [ch]
                    self.stack.append((ch, None, 0))
                    self.last_mark = ch
                continue
            self.text.append(ch)
            if self.in_string:
                if self.escape:
                    self.escape = False
                elif ch == "\\":
                    self.escape = True
                elif ch == '"':
                    self.in_string = False
                    self.last_string = "".join(self.string)
                    self.last_mark = '"'
                elif len(self.string) < self.KEY_MAX:
                    self.string.append(ch)
                continue
            if ch == '"':
                self.in_string, self.string, self.pending_key = True, [], None
            elif ch == ":":
                self.pending_key = self.last_string
            elif ch in "{[":
                if self.last_mark not in ":,[" or len(self.stack) >= self.MAX_DEPTH or len(self.text) > self.MAX_TEXT:
                    # JSON opens a value only after ':', ',' or '[': what was open is broken (cut
                    # short); drop it, so one broken object costs only itself.
                    self._reset()
                    self.text = [ch]
                    self.stack.append((ch, None, 0))
                    self.last_mark = ch
                    continue
                self.stack.append((ch, self.pending_key, len(self.text) - 1))
                self.pending_key = None
            elif ch in "}]":
                opening, _key, start = self.stack.pop()
                if opening != ("{" if ch == "}" else "["):
                    self._reset()
                    continue
                if ch == "}" and self._wanted(self.stack[-1] if self.stack else None):
                    data = _loads("".join(self.text[start:]))
                    if isinstance(data, dict):
                        found.append(data)
                if not self.stack:
                    self.text = []
            elif not ch.isspace():
                self.pending_key = None
            if not ch.isspace():
                self.last_mark = ch
        return found

    def _wanted(self, parent: tuple[str, str | None, int] | None) -> bool:
        """A closed object counts if it stands alone, sits in a top-level array, or sits in a roadmap
        array (`nodes`, ...) of the top-level object or of its `roadmap` -- not deeper, so a
        milestone's own arrays (resources as objects, say) never turn into milestones."""
        if parent is None:
            return True
        bracket, key, _start = parent
        if bracket != "[":
            return False
        if key is None:
            return len(self.stack) == 1
        if key.casefold() not in ROADMAP_ARRAYS or len(self.stack) < 2:
            return False
        holder = self.stack[-2]
        return holder[0] == "{" and (len(self.stack) == 2 or (holder[1] or "").casefold() == "roadmap")


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
