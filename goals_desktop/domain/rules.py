"""Every rule about goals and roadmaps, in one place: validation, progress, status, graph shape."""

from __future__ import annotations

import heapq
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from typing import Any

from .errors import ValidationError
from .models import Edge, Node, Position, Roadmap, new_id
from .statuses import STATUSES

TITLE_MAX = 200
LABEL_MAX = 300
SHORT_TEXT_MAX = 1_000
LONG_TEXT_MAX = 100_000
LIST_MAX = 100
COORDINATE_LIMIT = 10_000_000


def utc_now() -> str:
    return format_timestamp(datetime.now(timezone.utc))


def format_timestamp(moment: datetime) -> str:
    # Not strftime("%Y"): glibc writes year 5 as "5", which fromisoformat cannot read back.
    m = moment.astimezone(timezone.utc)
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"


# Unicode's control characters (category Cc) are exactly U+0000-U+001F and U+007F-U+009F; a
# character class finds them far faster than asking unicodedata about every character.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, LF and CR allowed
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_control_chars(text: str, allow_newlines: bool) -> bool:
    return (_CONTROL_EXCEPT_NEWLINES if allow_newlines else _CONTROL).search(text) is not None


def _check_valid_unicode(text: str, what: str) -> None:
    # Lone surrogates (e.g. "\ud800" from a JSON escape) cannot be stored or printed as UTF-8.
    if _SURROGATE.search(text) is not None:
        raise ValidationError(f"The {what} contains characters that are not valid Unicode text.")


def strip_unsafe_characters(text: str) -> str:
    """Text from a model made storable: control characters become spaces, lone surrogates go."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text if not "\ud800" <= ch <= "\udfff")


def clean_title(value: Any, what: str = "title", limit: int = TITLE_MAX) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.")
    text = value.strip()
    if not text:
        raise ValidationError(f"The {what} must not be blank.")
    return _checked_text(text, what, limit, allow_newlines=False)


def clean_text(value: Any, what: str, limit: int = LONG_TEXT_MAX) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text.")
    return _checked_text(value, what, limit, allow_newlines=True)


def _checked_text(text: str, what: str, limit: int, allow_newlines: bool) -> str:
    if len(text) > limit:
        raise ValidationError(f"The {what} is {len(text)} characters long; the limit is {limit}.")
    _check_valid_unicode(text, what)
    if _has_control_chars(text, allow_newlines=allow_newlines):
        raise ValidationError(f"The {what} contains control characters.")
    return text


def clean_optional_text(value: Any, what: str, limit: int = LONG_TEXT_MAX) -> str | None:
    text = clean_text(value, what, limit)
    return text if text.strip() else None


def clean_text_list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValidationError(f"The {what} must be a list of text.")
    if len(value) > LIST_MAX:
        raise ValidationError(f"The {what} has {len(value)} entries; the limit is {LIST_MAX}.")
    items = [clean_text(item, what, SHORT_TEXT_MAX).strip() for item in value]
    return [item for item in items if item]


def parse_date(value: Any, what: str = "date") -> str | None:
    """Normalise an ISO 8601 date or date-time to UTC `YYYY-MM-DDTHH:MM:SSZ`; None/blank stays None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be an ISO 8601 date like 2026-12-31.")
    text = value.strip()
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time(), timezone.utc)
        else:
            moment = datetime.fromisoformat(text.replace("z", "Z"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
        return format_timestamp(moment)
    except (ValueError, OverflowError):
        raise ValidationError(
            f"The {what} {text[:40]!r} is not a valid date; use ISO 8601 like 2026-12-31."
        ) from None


def check_status(value: Any) -> str:
    if value not in STATUSES:
        raise ValidationError(f"Unknown status {str(value)[:40]!r}; use one of: {', '.join(STATUSES)}.")
    return value


def compute_progress(nodes: Iterable[Node] | Iterable[bool]) -> int:
    """Each node counts equally; whole percent, halves rounded up; 0 without nodes."""
    flags = [n.completed if isinstance(n, Node) else bool(n) for n in nodes]
    if not flags:
        return 0
    return math.floor(100 * sum(flags) / len(flags) + 0.5)


def derive_status(current: str, total_nodes: int, completed_nodes: int) -> str:
    """Checking the last node completes an active goal, unchecking reopens it; abandoned stays."""
    if current == "abandoned" or total_nodes == 0:
        return current
    all_done = completed_nodes == total_nodes
    if current == "active" and all_done:
        return "completed"
    if current == "completed" and not all_done:
        return "active"
    return current


def check_position(value: Any) -> Position | None:
    if value is None:
        return None
    if isinstance(value, Position):
        x, y = value.x, value.y
    elif isinstance(value, Mapping):
        x, y = value.get("x"), value.get("y")
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        x, y = value
    else:
        raise ValidationError("A position must be an object with numbers x and y.")
    for coordinate in (x, y):
        if isinstance(coordinate, bool) or not isinstance(coordinate, (int, float)):
            raise ValidationError("A position must be an object with numbers x and y.")
        if not math.isfinite(coordinate) or abs(coordinate) > COORDINATE_LIMIT:
            raise ValidationError("A position is out of range.")
    return Position(float(x), float(y))


def _check_id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ValidationError(f"The {what} id must be non-empty text of at most 100 characters.")
    _check_valid_unicode(value, f"{what} id")
    if _has_control_chars(value, allow_newlines=False):
        raise ValidationError(f"The {what} id contains control characters.")
    return value


def node_from_dict(data: Any) -> Node:
    """A node from the seed's JSON, validated; a missing id gets a fresh one."""
    if not isinstance(data, Mapping):
        raise ValidationError("Each roadmap node must be a JSON object.")
    node_id = data.get("id")
    completed = data.get("completed", False)
    if not isinstance(completed, bool):
        raise ValidationError("A node's 'completed' must be true or false.")
    return Node(
        id=_check_id(node_id, "node") if node_id is not None else new_id("node"),
        label=clean_title(data.get("label"), "milestone label", LABEL_MAX),
        completed=completed,
        position=check_position(data.get("position")),
        details=clean_text_list(data.get("details"), "milestone steps"),
        estimated_time=clean_text(data.get("estimated_time"), "estimated time", SHORT_TEXT_MAX).strip(),
        resources=clean_text_list(data.get("resources"), "resources"),
        due_date=parse_date(data.get("due_date"), "due date"),
        notes=clean_text(data.get("notes"), "notes"),
    )


def roadmap_from_dict(data: Any) -> Roadmap | None:
    """A roadmap from the seed's JSON (`null` or `{nodes, edges}`), validated as a DAG."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise ValidationError("A roadmap must be null or an object with 'nodes' and 'edges'.")
    raw_nodes = data.get("nodes", [])
    raw_edges = data.get("edges", [])
    if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
        raise ValidationError("A roadmap's 'nodes' and 'edges' must be lists.")
    nodes = [node_from_dict(item) for item in raw_nodes]
    edges = []
    for item in raw_edges:
        if not isinstance(item, Mapping):
            raise ValidationError("Each roadmap edge must be a JSON object.")
        edge_id = item.get("id")
        edges.append(
            Edge(
                id=_check_id(edge_id, "edge") if edge_id is not None else new_id("edge"),
                source=_check_id(item.get("source"), "edge source"),
                target=_check_id(item.get("target"), "edge target"),
            )
        )
    roadmap = Roadmap(nodes, edges)
    validate_roadmap(roadmap)
    return roadmap


def validate_roadmap(roadmap: Roadmap) -> None:
    """Unique ids, edges between existing nodes, no self-loops, no duplicate links, no cycles."""
    node_ids: set[str] = set()
    for node in roadmap.nodes:
        if node.id in node_ids:
            raise ValidationError(f"The roadmap has two nodes with id {node.id!r}.")
        node_ids.add(node.id)
    edge_ids: set[str] = set()
    links: set[tuple[str, str]] = set()
    for edge in roadmap.edges:
        if edge.id in edge_ids:
            raise ValidationError(f"The roadmap has two edges with id {edge.id!r}.")
        edge_ids.add(edge.id)
        for end in (edge.source, edge.target):
            if end not in node_ids:
                raise ValidationError(f"Edge {edge.id!r} points to unknown node {end!r}.")
        if edge.source == edge.target:
            raise ValidationError(f"Edge {edge.id!r} connects node {edge.source!r} to itself.")
        if (edge.source, edge.target) in links:
            raise ValidationError(f"Nodes {edge.source!r} and {edge.target!r} are linked twice.")
        links.add((edge.source, edge.target))
    if len(topological_order([n.id for n in roadmap.nodes], links)) != len(roadmap.nodes):
        raise ValidationError("The roadmap's edges form a cycle; a roadmap must flow one way.")


def topological_order(node_ids: list[str], links: Iterable[tuple[str, str]]) -> list[str]:
    """Kahn's algorithm, stable in the given node order; nodes on a cycle are left out."""
    successors: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    indegree = dict.fromkeys(node_ids, 0)
    for source, target in links:
        successors[source].append(target)
        indegree[target] += 1
    position = {node_id: index for index, node_id in enumerate(node_ids)}
    ready = [(position[n], n) for n in node_ids if indegree[n] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, current = heapq.heappop(ready)
        order.append(current)
        for target in successors[current]:
            indegree[target] -= 1
            if indegree[target] == 0:
                heapq.heappush(ready, (position[target], target))
    return order


def neighbours(node_ids: Iterable[str], links: Iterable[tuple[str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(predecessors, successors) of each node, keyed in node_ids' order, from the links between two of them."""
    predecessors: dict[str, list[str]] = {n: [] for n in node_ids}
    successors: dict[str, list[str]] = {n: [] for n in predecessors}
    for source, target in links:
        if source in predecessors and target in predecessors:
            predecessors[target].append(source)
            successors[source].append(target)
    return predecessors, successors


def would_create_cycle(roadmap: Roadmap, source: str, target: str) -> bool:
    """True if a path already leads from target to source."""
    successors: dict[str, list[str]] = {}
    for edge in roadmap.edges:
        successors.setdefault(edge.source, []).append(edge.target)
    stack, seen = [target], set()
    while stack:
        current = stack.pop()
        if current == source:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(successors.get(current, ()))
    return False


TODAY_ENV = "GOALS_DESKTOP_TODAY"


def local_today() -> date:
    """Today on this computer; GOALS_DESKTOP_TODAY=YYYY-MM-DD pins it (demos, tests, screenshots)."""
    pinned = os.environ.get(TODAY_ENV, "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


def days_left_text(target_date: str | None, today: datetime | None = None) -> str:
    """Days to a stored target date as text: 12 days left, due today, 3 days overdue."""
    if not target_date:
        return ""
    today = today.date() if today is not None else local_today()
    days = (datetime.fromisoformat(target_date.replace("Z", "+00:00")).date() - today).days
    if days > 1:
        return f"{days} days left"
    if days == 1:
        return "1 day left"
    if days == 0:
        return "due today"
    return f"{-days} day{'s' if days != -1 else ''} overdue"
