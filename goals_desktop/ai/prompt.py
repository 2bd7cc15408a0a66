"""The chat messages that ask a model for a roadmap, one JSON milestone per line."""

from __future__ import annotations

import json
from datetime import date

from goals_desktop.domain.models import Goal, Node
from goals_desktop.domain.rules import local_today

SYSTEM = (
    "You are a planning assistant. You break a goal into a roadmap of milestones that form a "
    "directed acyclic graph. Answer with one JSON object per line and nothing else: no prose, no "
    "code fences, no surrounding array."
)


CONTEXT_MAX = 2_000


def build_messages(
    goal: Goal, done: list[Node] | None = None, today: date | None = None, context: str | None = None
) -> list[dict[str, str]]:
    """context: what the user says about themselves (what they know, hours per week), optional."""
    today = today or local_today()
    lines = _goal_lines(goal, today)
    target = _target_day(goal.target_date)
    if target is not None:
        days = (target - today).days
        lines.append(f"Target date: {target.isoformat()} ({days} days from today)" if days >= 0 else f"Target date: {target.isoformat()} (already passed)")
    else:
        lines.append("Target date: none given")
    if context and context.strip():
        lines.append(f"About me: {' '.join(context.split())[:CONTEXT_MAX]}")
    lines.append("")
    lines.append(
        "Write 6 to 15 milestones. Each line is one JSON object with these keys:\n"
        '{"id": "m1", "label": "short milestone name", "steps": ["3 to 5 concrete steps"], '
        '"estimated_time": "2 weeks", "resources": ["books, tools, links"], "depends_on": ["ids of earlier milestones"]}\n'
        "Ids are m1, m2, ... in order; depends_on lists only ids of milestones on earlier lines.\n"
        'estimated_time is a number and a unit only: "3 days", "2 weeks", "1-2 months" (no other words).'
    )
    if target is not None and target > today:
        lines.append(
            "Size the milestones so the longest chain of dependencies fits between today and the target date"
            + (", given the time I have." if context and context.strip() else ".")
        )
    if done:
        lines.append("")
        lines.append("These milestones are already done; keep them and build on them (you may depend on their ids, do not repeat them):")
        for index, node in enumerate(done, 1):
            lines.append(f'{{"id": "done{index}", "label": {_quote(node.label)}, "done": true}}')
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def _goal_lines(goal: Goal, today: date) -> list[str]:
    """What both prompts start with: the goal and today's date."""
    lines = [f"Goal: {goal.title}"]
    if goal.description:
        lines.append(f"Description: {goal.description}")
    lines.append(f"Today: {today.isoformat()}")
    return lines


def _target_day(target_date: str | None) -> date | None:
    if not target_date:
        return None
    try:
        return date.fromisoformat(target_date[:10])
    except ValueError:
        return None


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


BREAKDOWN_SYSTEM = (
    "You are a planning assistant. You break one milestone of a roadmap into smaller sub-milestones "
    "that lead to it. Answer with one JSON object per line and nothing else: no prose, no code "
    "fences, no surrounding array."
)


def build_breakdown_messages(
    goal: Goal, node: Node, before: list[str], after: list[str], today: date | None = None, context: str | None = None
) -> list[dict[str, str]]:
    """Ask for 3 to 8 sub-milestones of node; before/after: labels of what comes before and after it."""
    lines = _goal_lines(goal, today or local_today())
    lines.append(f"Milestone to break down: {node.label}")
    if node.estimated_time:
        lines.append(f"Its estimated time: {node.estimated_time}")
    if node.details:
        lines.append("Its steps so far: " + "; ".join(node.details))
    if before:
        lines.append("Already before it: " + "; ".join(before))
    if after:
        lines.append("It leads to: " + "; ".join(after))
    if context and context.strip():
        lines.append(f"About me: {' '.join(context.split())[:CONTEXT_MAX]}")
    lines.append("")
    lines.append(
        "Write 3 to 8 sub-milestones that together achieve this milestone. Each line is one JSON object:\n"
        '{"id": "s1", "label": "short sub-milestone name", "steps": ["2 to 4 concrete steps"], '
        '"estimated_time": "3 days", "resources": ["books, tools, links"], "depends_on": ["ids of earlier sub-milestones"]}\n'
        "Ids are s1, s2, ... in order; depends_on lists only ids of sub-milestones on earlier lines. "
        "Do not repeat the milestone itself or the ones before or after it.\n"
        'estimated_time is a number and a unit only: "3 days", "2 weeks", "1-2 months" (no other words).'
    )
    return [{"role": "system", "content": BREAKDOWN_SYSTEM}, {"role": "user", "content": "\n".join(lines)}]
