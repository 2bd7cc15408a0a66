"""JSON Canvas 1.0 (https://jsoncanvas.org, the format of Obsidian canvases), both ways.

Export: a group named after the goal around one text card per milestone (`- [x] label` when done,
green), the milestone's steps as indented bullets and its notes after a blank line; one edge per
dependency, from the bottom of the prerequisite to the top of the milestone, arrow at the end.
Card positions are the milestones' centres on our canvas, turned into integer top-left corners.

Import: text cards become milestones (`- [x]` marks done), file and link cards too (named by the
file or the link), groups are left out (one named group gives the goal its title), edges become
dependencies (from -> to, unless only the `from` end has the arrow).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Goal, Node, Position
from goals_desktop.layout import layout_roadmap

from ._common import clean_label, clean_notes, dependency_order, finite_number, usable_id
from .markdown import escape

CARD_WIDTH = 240
CARD_HEIGHT = 80
GROUP_PADDING = 40
DONE_COLOR = "4"  # the preset green


def card_text(node: Node) -> str:
    lines = [f"- [{'x' if node.completed else ' '}] {escape(node.label)}"]
    # A step is one bullet line; a line break inside one would end the list.
    lines += [f"\t- {escape(' '.join(step.split()))}" for step in node.details]
    if node.notes.strip():
        lines += ["", *(escape(line) for line in node.notes.strip().split("\n"))]
    return "\n".join(lines)


def write(goal: Goal, planned: Mapping[str, date | str] | None = None) -> bytes:
    roadmap = goal.roadmap
    nodes = dependency_order(roadmap) if roadmap else []
    # Laying out costs more than the rest of the export: only when a milestone has no place yet.
    placed = layout_roadmap(roadmap, only_unplaced=True) if roadmap and any(n.position is None for n in nodes) else {}
    cards = []
    for node in nodes:
        centre = node.position or placed[node.id]
        card: dict[str, Any] = {
            "id": node.id,
            "type": "text",
            "text": card_text(node),
            "x": round(centre.x - CARD_WIDTH / 2),
            "y": round(centre.y - CARD_HEIGHT / 2),
            "width": CARD_WIDTH,
            "height": CARD_HEIGHT,
        }
        if node.completed:
            card["color"] = DONE_COLOR
        cards.append(card)
    group_id = usable_id(f"goal-{goal.id}", {n.id for n in nodes}, "group")
    if cards:
        left, top = min(c["x"] for c in cards), min(c["y"] for c in cards)
        right, bottom = max(c["x"] + CARD_WIDTH for c in cards), max(c["y"] + CARD_HEIGHT for c in cards)
    else:
        left, top, right, bottom = 0, 0, CARD_WIDTH, CARD_HEIGHT
    group = {
        "id": group_id,
        "type": "group",
        "label": goal.title,
        "x": left - GROUP_PADDING,
        "y": top - GROUP_PADDING,
        "width": right - left + 2 * GROUP_PADDING,
        "height": bottom - top + 2 * GROUP_PADDING,
    }
    edges = [
        {
            "id": edge.id,
            "fromNode": edge.source,
            "fromSide": "bottom",
            "fromEnd": "none",
            "toNode": edge.target,
            "toSide": "top",
            "toEnd": "arrow",
        }
        for edge in (roadmap.edges if roadmap else [])
    ]
    # Groups first: the spec draws nodes in array order, so the group stays behind its cards.
    document = {"nodes": [group, *cards], "edges": edges}
    return (json.dumps(document, ensure_ascii=False, indent="\t") + "\n").encode("utf-8")


# -- reading --------------------------------------------------------------------------------------

_TASK = re.compile(r"^(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_STEP = re.compile(r"^[ \t]+(?:[-*+]|\d+[.)])\s+(.*)$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """CommonMark backslash escapes removed (the inverse of markdown.escape)."""
    return _ESCAPED.sub(r"\1", text)


def parse_card_text(text: str) -> tuple[str | None, bool, list[str], str]:
    """(label, completed, steps, notes) from a card's Markdown: the first line names the milestone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None, False, [], ""
    first, rest = lines[0].strip(), lines[1:]
    completed = False
    if match := _TASK.match(first):
        completed, first = match.group(1) in "xX", match.group(2)
    elif match := _HEADING.match(first):
        first = match.group(1)
    elif match := _BULLET.match(first):
        first = match.group(1)
    steps = []
    while rest and (match := _STEP.match(rest[0])):
        step = clean_label(unescape(match.group(1)))
        if step:
            steps.append(step[:1000])
        rest.pop(0)
    notes = clean_notes(unescape("\n".join(rest)))
    return clean_label(unescape(first)), completed, steps[:100], notes


def _centre(card: Mapping[str, Any]) -> Position | None:
    x, y = finite_number(card.get("x")), finite_number(card.get("y"))
    if x is None or y is None:
        return None
    width = finite_number(card.get("width")) or 0.0
    height = finite_number(card.get("height")) or 0.0
    centre = Position(x + width / 2, y + height / 2)
    return centre if max(abs(centre.x), abs(centre.y)) <= 1_000_000 else None


def read(data: Mapping[str, Any], name: str) -> tuple[str | None, list[Node], list[tuple[Any, Any, Any]]]:
    """(title from the one named group, milestones, links) from a parsed canvas document."""
    cards = data.get("nodes")
    links = data.get("edges", [])
    if not isinstance(cards, list) or not isinstance(links, list):
        raise ValidationError(f"{name} is not a usable JSON Canvas: its 'nodes' and 'edges' must be lists.")
    nodes: list[Node] = []
    taken: set[str] = set()
    group_titles = []
    for card in cards:
        if not isinstance(card, Mapping):
            continue
        kind = card.get("type")
        label, completed, steps, notes, resources = None, False, [], "", []
        if kind == "text" and isinstance(card.get("text"), str):
            label, completed, steps, notes = parse_card_text(card["text"])
        elif kind == "file" and isinstance(card.get("file"), str):
            path = PurePosixPath(card["file"])
            label, notes = clean_label(path.stem or path.name), clean_notes(card["file"])
        elif kind == "link" and isinstance(card.get("url"), str):
            label, resources = clean_label(card["url"]), [card["url"][:1000]]
        elif kind == "group":
            title = clean_label(card.get("label"))
            if title:
                group_titles.append(title)
            continue
        if label is None:
            continue
        nodes.append(
            Node(
                id=usable_id(card.get("id"), taken, "node"),
                label=label,
                completed=completed,
                position=_centre(card),
                details=steps,
                resources=resources,
                notes=notes,
            )
        )
    edge_links = []
    for link in links:
        if not isinstance(link, Mapping):
            continue
        source, target = link.get("fromNode"), link.get("toNode")
        if link.get("fromEnd") == "arrow" and link.get("toEnd", "arrow") == "none":
            source, target = target, source
        edge_links.append((link.get("id"), source, target))
    # Links naming a card that is not a milestone (a group, a card id too long to keep) are dropped
    # by assemble_roadmap with the rest of the unusable ones.
    return (group_titles[0] if len(group_titles) == 1 else None), nodes, edge_links


def looks_like_canvas(data: Mapping[str, Any]) -> bool:
    cards = data.get("nodes")
    return isinstance(cards, list) and any(
        isinstance(c, Mapping) and c.get("type") in ("text", "file", "link", "group") and "x" in c for c in cards
    ) and not any(isinstance(c, Mapping) and isinstance(c.get("data"), Mapping) for c in cards)


__all__ = ["card_text", "looks_like_canvas", "parse_card_text", "read", "unescape", "write"]
