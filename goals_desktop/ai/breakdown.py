"""Break one milestone down with AI: 3-8 sub-milestones streamed like a roadmap generation, then put
in front of the milestone (domain.breakdown) and saved in ONE set_roadmap call that refuses if the
roadmap changed meanwhile. Same events and frames as generation; on any error nothing changes."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from collections.abc import AsyncIterator, Callable
from typing import Any

from goals_desktop.ai.generate import Error, Event, KeepPartial, RoadmapReady, generate_roadmap, save_when_ready
from goals_desktop.ai.prompt import build_breakdown_messages
from goals_desktop.ai.settings import ProviderSettings
from goals_desktop.domain.breakdown import MAX_PARTS, expand_milestone
from goals_desktop.domain.errors import GoalsError, NotFoundError
from goals_desktop.domain.models import Goal, Roadmap
from goals_desktop.layout.breakdown import place_breakdown


def _neighbours(goal: Goal, node_id: str) -> tuple[list[str], list[str]]:
    roadmap = goal.roadmap or Roadmap()
    labels = {n.id: n.label for n in roadmap.nodes}
    before = [labels[e.source] for e in roadmap.edges if e.target == node_id]
    after = [labels[e.target] for e in roadmap.edges if e.source == node_id]
    return before, after


def merged(goal: Goal, node_id: str, parts: Roadmap) -> tuple[Roadmap, list[str]]:
    """The goal's roadmap with parts in front of node_id, placed in the flow between the milestone's
    prerequisites and it (what follows shifted to make room)."""
    before = goal.roadmap or Roadmap()
    roadmap, new_ids = expand_milestone(before, node_id, parts)
    fresh = set(new_ids)
    inner = [(e.source, e.target) for e in roadmap.edges if e.source in fresh and e.target in fresh]
    placed = place_breakdown(before, node_id, new_ids, inner)
    # Moved nodes are copies: the goal's own nodes are what the save compares against.
    nodes = [replace(n, position=placed[n.id]) if n.id in placed else n for n in roadmap.nodes]
    return Roadmap(nodes, roadmap.edges), new_ids


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
    goal = service.get_goal(goal_id)
    if goal.roadmap is None or goal.roadmap.node(node_id) is None:
        raise NotFoundError(f"No milestone with id {str(node_id)[:100]!r} in goal {goal_id!r}.")
    return await save_when_ready(
        service, goal_id, breakdown_events(goal, node_id, settings, **options), on_event, keep_partial,
        discarded="The cut-short breakdown was discarded; the roadmap is unchanged.", expected=goal.roadmap,
    )


__all__ = ["breakdown_and_save", "breakdown_events", "merged"]
