"""Helpers the writers and readers share: dependency order, dates, cleaning foreign text, and
turning a foreign graph into a roadmap that is a DAG."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from goals_desktop.domain import rules
from goals_desktop.domain.models import Edge, Node, Roadmap, new_id

# A milestone's box on the canvas (goals_desktop.ui.canvas.items draws it; Qt cannot be imported here).
NODE_WIDTH = 200.0
NODE_HEIGHT = 72.0


def dependency_order(roadmap: Roadmap) -> list[Node]:
    """Nodes so that each comes after its prerequisites, otherwise in the roadmap's own order."""
    order = rules.topological_order([n.id for n in roadmap.nodes], [(e.source, e.target) for e in roadmap.edges])
    by_id = {n.id: n for n in roadmap.nodes}
    placed = set(order)
    # A stored roadmap is a DAG; anything left over (never expected) still gets written.
    return [by_id[i] for i in order] + [n for n in roadmap.nodes if n.id not in placed]


def prerequisites(roadmap: Roadmap) -> dict[str, list[str]]:
    """node id -> ids of the nodes it depends on, in edge order."""
    before: dict[str, list[str]] = {n.id: [] for n in roadmap.nodes}
    for edge in roadmap.edges:
        before.setdefault(edge.target, []).append(edge.source)
    return before


def as_date(value: date | str | None) -> date | None:
    """A calendar date from a date, a stored timestamp (2026-03-01T00:00:00Z) or an ISO date."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def milestone_dates(roadmap: Roadmap, planned: Mapping[str, date | str] | None) -> dict[str, tuple[date, bool]]:
    """node id -> (date, is the milestone's own due date); a planned date fills in where there is none."""
    dates: dict[str, tuple[date, bool]] = {}
    for node in roadmap.nodes:
        own = as_date(node.due_date)
        if own is not None:
            dates[node.id] = (own, True)
        elif planned and as_date(planned.get(node.id)) is not None:
            dates[node.id] = (as_date(planned[node.id]), False)
    return dates


def milestone_facts(
    node: Node, dates: Mapping[str, tuple[date, bool]], estimate: Callable[[str], str], due: str, planned: str
) -> list[str]:
    """A milestone's estimate and its date (from milestone_dates) in a format's words: due (its own
    date) or planned (the schedule's) are templates for the ISO date, e.g. "due {}"."""
    facts = [estimate(node.estimated_time)] if node.estimated_time else []
    if node.id in dates:
        when, own = dates[node.id]
        facts.append((due if own else planned).format(when.isoformat()))
    return facts


def clean_label(value: object) -> str | None:
    """Foreign text made a storable milestone label (one line, no control characters, not too long)."""
    if not isinstance(value, str):
        return None
    # Line breaks become spaces; other spacing stays as it was, so our own labels come back unchanged.
    text = rules.strip_unsafe_characters(value.replace("\r\n", "\n")).strip()
    if not text:
        return None
    if len(text) > rules.LABEL_MAX:
        text = text[: rules.LABEL_MAX - 1].rstrip() + "…"
    return text


def clean_notes(value: str) -> str:
    """Foreign multi-line text made storable: keeps line breaks and tabs, drops other controls."""
    kept = "".join(
        ch
        for ch in value.replace("\r\n", "\n")
        if ch in "\n\t" or (unicodedata.category(ch) != "Cc" and not "\ud800" <= ch <= "\udfff")
    )
    return kept.strip()[: rules.LONG_TEXT_MAX]


_BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def isolate(text: str) -> str:
    """text wrapped in a bidi isolate when it holds direction controls, so an override inside a
    label cannot reverse the rest of the line it is written on."""
    return f"\u2068{text}\u2069" if any(ch in _BIDI_CONTROLS for ch in text) else text


def usable_id(value: object, taken: set[str], prefix: str) -> str:
    """value if it is a valid id not used yet, else a fresh one; records it in taken."""
    if (
        isinstance(value, str)
        and value.strip()
        and len(value) <= 100
        and value not in taken
        and not any(unicodedata.category(ch) == "Cc" or "\ud800" <= ch <= "\udfff" for ch in value)
    ):
        chosen = value
    else:
        chosen = new_id(prefix)
    taken.add(chosen)
    return chosen


def assemble_roadmap(nodes: list[Node], links: Iterable[tuple[object, object, object]]) -> Roadmap:
    """A roadmap from nodes and (edge id, source, target) links read from a foreign file.

    Links are taken in order; one is dropped when an end is missing or unknown, when it repeats a
    link or links a node to itself, or when it would close a cycle — so the result is always a DAG.
    """
    node_ids = [n.id for n in nodes]
    known = set(node_ids)
    seen: set[tuple[str, str]] = set()
    candidates = []
    for edge_id, source, target in links:
        if not (isinstance(source, str) and isinstance(target, str)):
            continue
        if source not in known or target not in known or source == target or (source, target) in seen:
            continue
        seen.add((source, target))
        candidates.append((edge_id, source, target))
    if len(rules.topological_order(node_ids, [(s, t) for _, s, t in candidates])) != len(node_ids):
        # Some links close a cycle: find which, link by link in file order (most files skip this).
        # Starting from a depth-first order, only links going back in it cost a search.
        order = _TopologicalOrder(_depth_first_order(node_ids, [(s, t) for _, s, t in candidates]))
        candidates = [(e, s, t) for e, s, t in candidates if order.add(s, t)]
    edge_ids: set[str] = set()
    return Roadmap(nodes, [Edge(usable_id(e, edge_ids, "edge"), s, t) for e, s, t in candidates])


def _depth_first_order(node_ids: list[str], links: list[tuple[str, str]]) -> list[str]:
    """Reverse post-order of a depth-first search: every link points forward in it except those
    that close a cycle in the search (a topological order when there are none)."""
    successors: dict[str, list[str]] = {}
    for source, target in links:
        successors.setdefault(source, []).append(target)
    visited: set[str] = set()
    finished: list[str] = []
    for root in node_ids:
        if root in visited:
            continue
        visited.add(root)
        stack = [(root, iter(successors.get(root, ())))]
        while stack:
            node, pending = stack[-1]
            for child in pending:
                if child not in visited:
                    visited.add(child)
                    stack.append((child, iter(successors.get(child, ()))))
                    break
            else:
                stack.pop()
                finished.append(node)
    return finished[::-1]


class _TopologicalOrder:
    """A topological order kept up to date as edges come in (Pearce and Kelly's dynamic algorithm):
    an edge that agrees with the order costs nothing, and one that does not only makes it search
    the nodes between its two ends — so a file of thousands of links is read in linear-ish time."""

    def __init__(self, node_ids: list[str]) -> None:
        self.rank = {node_id: index for index, node_id in enumerate(node_ids)}
        self.successors: dict[str, list[str]] = {}
        self.predecessors: dict[str, list[str]] = {}

    def add(self, source: str, target: str) -> bool:
        """Add source -> target unless it would close a cycle (then False, nothing changed)."""
        low, high = self.rank[target], self.rank[source]
        if low > high:
            self._link(source, target)
            return True
        ahead = self._reach(target, self.successors, lambda r: r <= high)
        if source in ahead:
            return False
        behind = self._reach(source, self.predecessors, lambda r: r >= low)
        moved = sorted(behind, key=self.rank.__getitem__) + sorted(ahead, key=self.rank.__getitem__)
        for node_id, rank in zip(moved, sorted(self.rank[n] for n in moved)):
            self.rank[node_id] = rank
        self._link(source, target)
        return True

    def _link(self, source: str, target: str) -> None:
        self.successors.setdefault(source, []).append(target)
        self.predecessors.setdefault(target, []).append(source)

    def _reach(self, start: str, neighbours: Mapping[str, list[str]], within) -> set[str]:
        found, stack = {start}, [start]
        while stack:
            for other in neighbours.get(stack.pop(), ()):
                if other not in found and within(self.rank[other]):
                    found.add(other)
                    stack.append(other)
        return found


def finite_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if number == number and abs(number) != float("inf") else None
