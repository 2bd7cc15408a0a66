"""The chat messages that ask a model for a roadmap, one JSON milestone per line."""

from __future__ import annotations

from datetime import date

from goals_desktop.domain.models import Goal, Node

SYSTEM = (
    "You are a planning assistant. You break a goal into a roadmap of milestones that form a "
    "directed acyclic graph. Answer with one JSON object per line and nothing else: no prose, no "
    "code fences, no surrounding array."
)


def build_messages(goal: Goal, done: list[Node] | None = None, today: date | None = None) -> list[dict[str, str]]:
    today = today or date.today()
    lines = [f"Goal: {goal.title}"]
    if goal.description:
        lines.append(f"Description: {goal.description}")
    lines.append(f"Target date: {goal.target_date[:10] if goal.target_date else 'none given'}")
    lines.append(f"Today: {today.isoformat()}")
    lines.append("")
    lines.append(
        "Write 6 to 15 milestones. Each line is one JSON object with these keys:\n"
        '{"id": "m1", "label": "short milestone name", "steps": ["3 to 5 concrete steps"], '
        '"estimated_time": "e.g. 2 weeks", "resources": ["books, tools, links"], "depends_on": ["ids of earlier milestones"]}\n'
        "Ids are m1, m2, ... in order; depends_on lists only ids of milestones on earlier lines."
    )
    if done:
        lines.append("")
        lines.append("These milestones are already done; keep them and build on them (you may depend on their ids, do not repeat them):")
        for index, node in enumerate(done, 1):
            lines.append(f'{{"id": "done{index}", "label": {_quote(node.label)}, "done": true}}')
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
