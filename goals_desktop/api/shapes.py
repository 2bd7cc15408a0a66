"""The answers' JSON, built from the domain objects' own to_dict() shapes (those of the document
and of `goals show --json`), plus what GAIA's own web client reads.

GAIA's web app draws a roadmap with React Flow from `node.data` (its NodeData: `id`, `label`,
`isComplete`, `details`, `estimatedTime` as a list of strings, `resources`). Every node we send
carries that object too, derived from the node's own fields as the answer is built, so the two
can never disagree.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from fastapi.responses import JSONResponse
from pydantic_core import to_json

from goals_desktop.domain.models import Goal
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.schedule import Schedule, decorate_goal_dict, schedule_or_none, summary_dict_with_schedule

_SCHEDULES_KEPT = 256
_schedules: dict[tuple, Schedule | None] = {}
_schedules_lock = threading.Lock()


class Answer(JSONResponse):
    """A JSON answer written by pydantic-core (FastAPI's own serializer, already loaded): the same
    bytes as JSONResponse's json.dumps for these answers, in a third of the CPU (a 10-node goal:
    13 µs, not 38). Non-finite numbers, which the domain rules never let in, would be null rather
    than the invalid NaN."""

    def render(self, content: Any) -> bytes:
        return to_json(content, inf_nan_mode="null")


class RenderedAnswer(Answer):
    """An answer whose JSON bytes were written before (api/cached.py): sent as they are, with the
    same headers."""

    def render(self, content: bytes) -> bytes:
        return content


def flow_data(node: dict[str, Any]) -> dict[str, Any]:
    estimated = node.get("estimated_time") or ""
    return {
        "id": node["id"],
        "label": node["label"],
        "isComplete": node["completed"],
        "details": list(node.get("details") or []),
        "estimatedTime": [estimated] if estimated else [],
        "resources": list(node.get("resources") or []),
    }


def with_flow_data(roadmap: dict[str, Any] | None) -> dict[str, Any] | None:
    """The roadmap's JSON with `data` on every node (in place)."""
    if roadmap:
        for node in roadmap.get("nodes", ()):
            node["data"] = flow_data(node)
    return roadmap


def schedule_of(goal: Goal, today: date) -> Schedule | None:
    """domain.schedule.schedule_or_none, remembered for the inputs it depends on (the target, the
    day, and each milestone's state, estimate, date and links): working a schedule out costs
    several times a goal's read, and most reads find the roadmap as the last one left it."""
    roadmap = goal.roadmap
    key = (
        goal.target_date,
        today,
        tuple((n.id, n.completed, n.estimated_time, n.due_date) for n in roadmap.nodes) if roadmap else None,
        tuple((e.id, e.source, e.target) for e in roadmap.edges) if roadmap else None,
    )
    with _schedules_lock:
        if key in _schedules:
            return _schedules[key]
    schedule = schedule_or_none(goal, today)
    with _schedules_lock:
        if len(_schedules) >= _SCHEDULES_KEPT:
            del _schedules[next(iter(_schedules))]
        _schedules[key] = schedule
    return schedule


def goal_answer(goal: Goal) -> dict[str, Any]:
    """Get Goal's shape with the schedule seen from today: what `goals show --json` prints
    (domain.schedule.goal_dict_with_schedule), its schedule remembered."""
    data = decorate_goal_dict(goal.to_dict(), schedule_of(goal, local_today()))
    with_flow_data(data["roadmap"])
    return data


def goal_list_answer(service, status: str | None, search: str | None) -> list[dict[str, Any]]:
    """List Goals' shape with each goal's schedule, as `goals list --json` prints it."""
    goals = service.list_goals(status=status, search=search)
    roadmaps = service.roadmaps([g.id for g in goals])
    for goal in goals:
        goal.roadmap = roadmaps.get(goal.id)
    today = local_today()
    return [summary_dict_with_schedule(g, schedule_of(g, today)) for g in goals]


def node_check_answer(goal: Goal) -> dict[str, Any]:
    """The document's Update Node Status answer: the goal's id, progress, status and roadmap."""
    return {"id": goal.id, "progress": goal.progress, "status": goal.status, "roadmap": with_flow_data(goal.roadmap.to_dict())}


def frame_with_flow_data(frame: dict[str, Any]) -> dict[str, Any]:
    """A generation frame (as `roadmap generate --json` prints it) with `data` on its nodes."""
    node = frame.get("node")
    if isinstance(node, dict):
        node["data"] = flow_data(node)
    if isinstance(frame.get("roadmap"), dict):
        with_flow_data(frame["roadmap"])
    return frame
