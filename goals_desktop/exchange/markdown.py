"""The goal as a Markdown document: title, target date, progress, then one `- [x]`/`- [ ]` line per
milestone in dependency order, with its steps, estimate, due date and notes beneath it.

All text from the goal is escaped, so a label or note can never add a checkbox, a heading, a link
or raw HTML of its own."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from goals_desktop.domain.models import Goal

from ._common import dependency_order, isolate, milestone_dates, milestone_facts, prerequisites

# Characters that can start markup anywhere in a CommonMark/GFM line, plus Obsidian's $maths$,
# %%comments%% and ==highlights== (CommonMark lets any ASCII punctuation be backslash-escaped).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$%=])")
# Line starts that would make a list item (headings, quotes and underlines are escaped above).
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")


def escape(text: str) -> str:
    """One line of plain text as Markdown that renders as exactly that text."""
    text = _INLINE.sub(r"\\\1", text)
    start = _LINE_START.match(text)
    if start:
        marker = start.group(2)
        # "- x" -> "\- x"; "1. x" -> "1\. x"
        marked = "\\" + marker if marker in "-+" else marker[:-1] + "\\" + marker[-1]
        text = start.group(1) + marked + text[start.end():]
    return text


def _lines(text: str) -> list[str]:
    # Leading spaces would turn a line into a code block; tabs too.
    return [escape(line.strip()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def write(goal: Goal, planned: Mapping[str, date | str] | None = None) -> bytes:
    roadmap = goal.roadmap
    nodes = dependency_order(roadmap) if roadmap else []
    out = [f"# {isolate(escape(goal.title))}", ""]
    if goal.description:
        out += [*_lines(goal.description), ""]
    facts = []
    if goal.target_date:
        facts.append(f"Target date: {goal.target_date[:10]}")
    done = sum(n.completed for n in nodes)
    facts.append(f"Progress: {goal.progress}% ({done} of {len(nodes)} milestone{'s' if len(nodes) != 1 else ''} done)")
    facts.append(f"Status: {goal.status}")
    out += [" · ".join(facts), ""]
    if roadmap is None:
        out += ["No roadmap yet.", ""]
        return "\n".join(out).encode("utf-8")

    out += ["## Milestones", ""]
    labels = {n.id: n.label for n in roadmap.nodes}
    before = prerequisites(roadmap)
    dates = milestone_dates(roadmap, planned)
    previous = None
    for node in nodes:
        extras = milestone_facts(node, dates, lambda estimate: f"≈ {escape(estimate)}", "due {}", "planned {}")
        # Dependency order already says "after the line above"; name prerequisites only otherwise.
        if before[node.id] and before[node.id] != [previous]:
            extras.append("after " + ", ".join(isolate(escape(labels[s])) for s in before[node.id]))
        tail = f" — {' · '.join(extras)}" if extras else ""
        out.append(f"- [{'x' if node.completed else ' '}] {isolate(escape(node.label))}{tail}")
        for step in node.details:
            out.append(f"  - {' '.join(_lines(step))}")
        for resource in node.resources:
            out.append(f"  - Resource: {' '.join(_lines(resource))}")
        if node.notes.strip():
            out.append("")
            out += [f"  {line}" if line else "" for line in _lines(node.notes.strip())]
            out.append("")
        previous = node.id
    out.append("")
    return "\n".join(out).encode("utf-8")
