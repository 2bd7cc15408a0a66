"""The roadmap as a Mermaid `flowchart TD`: one node per milestone, an arrow from each prerequisite,
completed milestones in a `done` class.

Node ids are generated (n0, n1, ...), so no milestone id can clash with Mermaid's keywords. Labels
go in quotes with every ASCII character other than letters, digits and spaces written as Mermaid's
entity code (`#35;`), so no label can end the quotes, start a comment or inject HTML."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from goals_desktop.domain.models import Goal

from ._common import dependency_order

DONE_STYLE = "fill:#d3f9d8,stroke:#2f9e44,color:#1b4d2b"


def entity_escape(text: str) -> str:
    return "".join(f"#{ord(ch)};" if _needs_code(ch) else ch for ch in text)


def _needs_code(ch: str) -> bool:
    if ch.isascii():
        return not (ch.isalnum() or ch == " ")
    # Line and paragraph separators end a line for JavaScript's regular expressions.
    return ch in "\u2028\u2029"


def write(goal: Goal, planned: Mapping[str, date | str] | None = None) -> bytes:
    # The title goes in the front matter as a JSON string, which YAML reads as a double-quoted scalar
    # (the line separators escaped too: YAML 1.1 readers take them for line breaks).
    title = json.dumps(goal.title, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    out = ["---", f"title: {title}", "---", "flowchart TD"]
    roadmap = goal.roadmap
    if roadmap is None or not roadmap.nodes:
        out.append('    empty["' + entity_escape("No milestones yet") + '"]')
        return ("\n".join(out) + "\n").encode("utf-8")
    names = {node.id: f"n{index}" for index, node in enumerate(dependency_order(roadmap))}
    for node in dependency_order(roadmap):
        out.append(f'    {names[node.id]}["{entity_escape(node.label)}"]')
    for edge in roadmap.edges:
        out.append(f"    {names[edge.source]} --> {names[edge.target]}")
    out.append(f"    classDef done {DONE_STYLE}")
    done = [names[n.id] for n in dependency_order(roadmap) if n.completed]
    if done:
        out.append(f"    class {','.join(done)} done")
    return ("\n".join(out) + "\n").encode("utf-8")
