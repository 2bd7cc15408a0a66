"""The prompt: asks for milestones one JSON object per line, so each is usable as soon as its line ends."""

from __future__ import annotations

from datetime import date

from goals_desktop.domain.models import Goal, Node

SYSTEM_PROMPT = """You plan roadmaps for personal goals. Answer with 6 to 15 milestones, ONE JSON object per line, nothing else.
Each line looks like:
{"id": "m1", "label": "Short milestone name", "steps": ["concrete step", "concrete step", "concrete step"], "estimated_time": "2 weeks", "resources": ["book, course or link"], "depends_on": []}
Rules:
- "id" is m1, m2, ... in order; "depends_on" lists ids of earlier milestones that must be done first.
- 3 to 5 concrete, actionable steps per milestone; a realistic estimated_time; 1 to 3 resources.
- The order must be achievable before the target date, if one is given.
- No prose, no markdown, no code fences: only the JSON lines."""


def build_messages(goal: Goal, today: date | None = None, done: list[Node] | None = None) -> list[dict[str, str]]:
    today = today or date.today()
    lines = [f"Goal: {goal.title}"]
    if goal.description:
        lines.append(f"Details: {goal.description}")
    if goal.target_date:
        lines.append(f"Target date: {goal.target_date[:10]}")
    lines.append(f"Today: {today.isoformat()}")
    if done:
        lines.append("These milestones are already DONE; keep each of them, with exactly this label, as an early milestone:")
        lines.extend(f"- {node.label}" for node in done)
    lines.append("Write the roadmap now, one JSON object per line.")
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]
