"""Break one milestone down with AI: 3-8 sub-milestones streamed like a roadmap generation, then put
in front of the milestone (domain.breakdown) and saved in ONE set_roadmap call that refuses if the
roadmap changed meanwhile. Same events and frames as generation; on any error nothing changes."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any

from goals_desktop.ai.generate import Error, Event, KeepPartial, RoadmapReady, Success, generate_roadmap
from goals_desktop.ai.prompt import build_breakdown_messages
from goals_desktop.ai.settings import ProviderSettings
from goals_desktop.domain.breakdown import MAX_PARTS, expand_milestone
from goals_desktop.domain.errors import GoalsError, NotFoundError
from goals_desktop.domain.models import Goal, Roadmap
from goals_desktop.layout import place_beside


def _neighbours(goal: Goal, node_id: str) -> tuple[list[str], list[str]]:
    roadmap = goal.roadmap or Roadmap()
    labels = {n.id: n.label for n in roadmap.nodes}
    before = [labels[e.source] for e in roadmap.edges if e.target == node_id]
    after = [labels[e.target] for e in roadmap.edges if e.source == node_id]
    return before, after


def merged(goal: Goal, node_id: str, parts: Roadmap) -> tuple[Roadmap, list[str]]:
    """The goal's roadmap with parts in front of node_id, the parts placed beside the milestone."""
    roadmap, new_ids = expand_milestone(goal.roadmap or Roadmap(), node_id, parts)
    placed = place_beside(roadmap, node_id, new_ids)
    for node in roadmap.nodes:
        if node.id in placed:
            node.position = placed[node.id]
    return roadmap, new_ids


async def breakdown_events(
    goal: Goal, node_id: str, settings: ProviderSettings, *, context: str | None = None, **options: Any
) -> AsyncIterator[Event]:
    """Stream the sub-milestones of node_id; ends with RoadmapReady (the whole merged roadmap) or Error."""
    node = goal.roadmap.node(node_id) if goal.roadmap is not None else None
    if node is None:
        yield Error(f"No milestone with id {str(node_id)[:100]!r} in goal {goal.id!r}.", "not_found")
        return
    before, after = _neighbours(goal, node_id)
    messages = build_breakdown_messages(goal, node, before, after, today=options.get("today"), context=context)
    async with contextlib.aclosing(generate_roadmap(goal, settings, messages=messages, max_nodes=MAX_PARTS, **options)) as events:
        async for event in events:
            if isinstance(event, RoadmapReady):
                try:
                    roadmap, _ids = merged(goal, node_id, event.roadmap)
                except GoalsError as error:
                    yield Error(str(error), "no_milestones")
                    return
                yield RoadmapReady(roadmap, event.partial, event.reason)
                return
            yield event


async def breakdown_and_save(
    service,
    goal_id: str,
    node_id: str,
    settings: ProviderSettings,
    on_event: Callable[[Event], Any] | None = None,
    keep_partial: KeepPartial = False,
    **options: Any,
) -> Goal | None:
    """Break node_id down and save in one call; returns the saved goal, None on error/discard."""

    def emit(event: Event) -> None:
        if on_event is not None:
            on_event(event)

    goal = service.get_goal(goal_id)
    if goal.roadmap is None or goal.roadmap.node(node_id) is None:
        raise NotFoundError(f"No milestone with id {str(node_id)[:100]!r} in goal {goal_id!r}.")
    before = goal.roadmap
    ready: RoadmapReady | None = None
    async with contextlib.aclosing(breakdown_events(goal, node_id, settings, **options)) as events:
        async for event in events:
            emit(event)
            if isinstance(event, Error):
                return None
            if isinstance(event, RoadmapReady):
                ready = event
                break
    if ready is None:
        return None
    if ready.partial:
        accepted = keep_partial
        if callable(keep_partial):
            result = keep_partial(ready)
            accepted = await result if inspect.isawaitable(result) else result
        if not accepted:
            emit(Error("The cut-short breakdown was discarded; the roadmap is unchanged.", "partial_discarded"))
            return None
    # Refuses (ConflictError) if the roadmap changed while the model was answering.
    outcome = service.set_roadmap(goal_id, ready.roadmap, expected=before)
    emit(Success(goal_id, outcome.unlinked, outcome.overwritten))
    return outcome.goal


__all__ = ["breakdown_and_save", "breakdown_events", "merged"]
