"""Stream a roadmap from an OpenAI-compatible server as events; save it in one service call.

`generate_roadmap` yields Status / NodeAdded / RoadmapReady / Error events (each has `to_frame()`,
the Goals API's WebSocket frame). `generate_and_save` drives it and replaces the roadmap only when
the answer is complete (or a cut-short one the caller accepted); on any error the old roadmap stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from goals_desktop.ai.client import describe_error, make_client
from goals_desktop.ai.parser import NoMilestonesError, RoadmapParser
from goals_desktop.ai.prompt import build_messages
from goals_desktop.ai.settings import ProviderSettings
from goals_desktop.ai.turns import next_turn
from goals_desktop.domain.models import Goal, Node, Roadmap
from goals_desktop.domain.todos import LostLink
from goals_desktop.layout import layout_roadmap

RATE_LIMIT_RETRIES = 3
RATE_LIMIT_BACKOFF = (1.0, 2.0, 4.0)
MAX_RETRY_AFTER = 10.0
# Chunks the HTTP client already holds are handed over without suspending, so a burst of them (a
# fast local model, a network hiccup) ran as one long step of the event loop, the window frozen.
# After this much time without a turn, the stream gives the loop one; and after each milestone, whose
# arrival is the window's heaviest work of a stream (the canvas lays the preview out again).
YIELD_AFTER_S = 0.001


@dataclass(slots=True)
class Status:
    text: str
    tokens: int = 0

    def to_frame(self) -> dict[str, Any]:
        return {"status": self.text}


@dataclass(slots=True)
class Progress:
    """More of the answer arrived, the status unchanged (only with progress=True: a window's token
    counter). Not a frame of its own: frames go out when something changes."""

    text: str
    tokens: int

    def to_frame(self) -> dict[str, Any]:
        return {"status": self.text, "tokens": self.tokens}


@dataclass(slots=True)
class NodeAdded:
    node: Node
    depends_on: list[str] = field(default_factory=list)

    def to_frame(self) -> dict[str, Any]:
        return {"status": "Generating roadmap...", "node": self.node.to_dict(), "depends_on": list(self.depends_on)}


@dataclass(slots=True)
class RoadmapReady:
    roadmap: Roadmap
    partial: bool = False
    reason: str = ""

    def to_frame(self) -> dict[str, Any]:
        frame: dict[str, Any] = {"status": "Roadmap generated successfully!", "roadmap": self.roadmap.to_dict()}
        if self.partial:
            frame["status"] = "Roadmap cut short."
            frame["partial"] = True
            frame["reason"] = self.reason
        return frame


@dataclass(slots=True)
class Success:
    goal_id: str
    # Todos or subtasks kept but cut loose because their milestone is not in the new roadmap.
    unlinked: tuple[LostLink, ...] = ()
    # What the save's rules changed besides (the save's Outcome.overwritten): an undo gives it back.
    overwritten: Any = field(default=None, compare=False, repr=False)

    def to_frame(self) -> dict[str, Any]:
        return {"goal_id": self.goal_id, "success": True}


@dataclass(slots=True)
class Error:
    message: str
    kind: str = "other"

    def to_frame(self) -> dict[str, Any]:
        return {"error": self.message}


Event = Status | Progress | NodeAdded | RoadmapReady | Success | Error


def _ready_client(settings: ProviderSettings, timeout: float):
    """A client, built in a worker thread with what its first streamed request would otherwise do on
    the event loop: importing the SDK (the first time, ~0.5 s) and its HTTP stack's asyncio backend
    (~10 ms, a head start only: if the SDK changes, it happens later). Then the SDK's objects, which
    live as long as the program, are moved out of the garbage collector's way (gc.freeze): a full
    collection walking them paused the window 60-100 ms at random moments. Only once: freezing at
    every generation would also freeze whatever garbage existed at that moment, which a long-running
    `serve` would then never collect."""
    global _sdk_frozen
    client = make_client(settings, timeout)
    try:
        importlib.import_module("anyio._backends._asyncio")
    except Exception:
        pass
    if not _sdk_frozen:
        gc.freeze()
        _sdk_frozen = True
    return client


_sdk_frozen = False


async def _open_stream(client, settings: ProviderSettings, messages: list[dict[str, str]]):
    """The streamed chat completion, its chunks as plain dicts.

    The SDK's own chat.completions.create builds pydantic objects for every chunk, ~0.15 ms each: at
    2,000 chunks a second that alone took a third of the window's thread. Posting the same request
    with cast_to=object keeps the SDK's request building, retries, SSE decoding and its errors (an
    HTTP error status, an error sent mid-stream) and hands over the decoded JSON as it is."""
    import openai

    return await client.post(
        "/chat/completions",
        body={"model": settings.model, "messages": messages, "stream": True, "temperature": 0.4},
        cast_to=object,
        stream=True,
        stream_cls=openai.AsyncStream[object],
    )


def _retry_after(error: Any) -> float | None:
    try:
        value = error.response.headers.get("retry-after")
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except Exception:
        return None


async def generate_roadmap(
    goal: Goal,
    settings: ProviderSettings,
    done: list[Node] | None = None,
    *,
    timeout: float = 120.0,
    backoff: tuple[float, ...] = RATE_LIMIT_BACKOFF,
    context: str | None = None,
    today: date | None = None,
    progress: bool = False,
    messages: list[dict[str, str]] | None = None,
    max_nodes: int | None = None,
) -> AsyncIterator[Event]:
    """Stream events for one generation; always ends with RoadmapReady or Error.

    A Status is sent when the status changes (not once per received chunk); with progress=True a
    Progress event follows every other chunk. context: what the user said about themselves.
    messages/max_nodes: another request over the same stream (a milestone's breakdown)."""
    if not settings.configured:
        yield Error("No AI provider is configured; choose a provider and model in the AI provider settings.", "not_configured")
        return

    yield Status("Connecting to model...")
    # Building the client loads TLS certificates (~0.1 s): off the event loop, so the window stays smooth.
    client = await asyncio.to_thread(_ready_client, settings, timeout)
    import openai  # already imported by _ready_client
    parser = RoadmapParser(done=list(done or []))
    if max_nodes is not None:
        parser.max_nodes = max_nodes
    tokens = 0
    finish_reason = None
    stream = None
    try:
        for attempt in range(len(backoff) + 1):
            try:
                stream = await _open_stream(client, settings, messages or build_messages(goal, done, today=today, context=context))
                break
            except openai.RateLimitError as error:
                if attempt >= len(backoff):
                    raise
                delay = _retry_after(error) or backoff[attempt]
                yield Status(f"Rate limited; retrying in {delay:g} s...")
                await asyncio.sleep(delay)
        status = "Generating roadmap..."
        yield Status(status, tokens)
        try:
            last_turn = time.perf_counter()
            async for chunk in stream:
                if time.perf_counter() - last_turn > YIELD_AFTER_S:
                    await next_turn()
                    last_turn = time.perf_counter()
                choices = chunk.get("choices") if isinstance(chunk, dict) else None
                if not choices or not isinstance(choices[0], dict):
                    continue  # usage-only final chunk
                choice = choices[0]
                if choice.get("finish_reason"):
                    finish_reason = choice["finish_reason"]
                delta = choice.get("delta")
                text = delta.get("content") if isinstance(delta, dict) else None
                if not text or not isinstance(text, str):
                    continue  # reasoning_content deltas and role-only chunks
                tokens += 1
                for milestone in parser.feed(text):
                    yield NodeAdded(milestone.node, milestone.depends_on)
                    last_turn = -YIELD_AFTER_S
                count = parser.generated_count
                text = f"Received {count} milestone{'s' if count != 1 else ''}..." if count else "Generating roadmap..."
                if text != status:
                    status = text
                    yield Status(status, tokens)
                elif progress:
                    yield Progress(status, tokens)
        except openai.APIError as error:
            # Dropped mid-stream: keep what arrived, offered as partial.
            message, kind = describe_error(error, settings)
            if isinstance(error, openai.APIConnectionError) and not isinstance(error, openai.APITimeoutError):
                message, kind = "The connection to the model server dropped before the roadmap was finished.", "dropped"
            yield _cut_short(parser, message, kind)
            return
        except (OSError, ValueError):
            yield _cut_short(parser, "The connection to the model server dropped before the roadmap was finished.", "dropped")
            return
        if finish_reason == "length":
            yield _cut_short(
                parser, "The model stopped because it reached its output limit before the roadmap was finished.", "length"
            )
            return
        try:
            roadmap = parser.finish()
        except NoMilestonesError as error:
            yield Error(str(error), "no_milestones")
            return
        yield RoadmapReady(roadmap)
    except Exception as error:  # never BaseException: cancellation must pass through
        message, kind = describe_error(error, settings)
        yield Error(message, kind)
    finally:
        if stream is not None:
            try:
                await stream.close()
            except Exception:
                pass
        try:
            await client.close()
        except Exception:
            pass


def _cut_short(parser: RoadmapParser, message: str, kind: str) -> Event:
    try:
        roadmap = parser.finish()
    except NoMilestonesError:
        return Error(message, kind)
    return RoadmapReady(roadmap, partial=True, reason=message)


KeepPartial = Callable[[RoadmapReady], Awaitable[bool]] | bool
# write(call) runs call(service) for the save and gives back its result. Without one the save runs
# at once, on the caller's thread; the Goals API passes its one-writer path (api/calls.py), so a
# save waiting on another program's write lock stalls none of its other requests.
Writer = Callable[[Callable[[Any], Any]], Awaitable[Any]]


async def generate_and_save(
    service,
    goal_id: str,
    settings: ProviderSettings,
    on_event: Callable[[Event], Any] | None = None,
    keep_partial: KeepPartial = False,
    *,
    goal: Goal | None = None,
    write: Writer | None = None,
    **options: Any,
) -> Goal | None:
    """Generate and save in ONE set_roadmap call; returns the saved goal, None on error/discard.

    The Success event names the todos the new roadmap left without their milestone.

    Checked milestones of the current roadmap are kept with their ids. The old roadmap is untouched
    on every error. Once the answer is complete it is saved before anything else can interrupt.
    `goal`: the goal as the caller just read it (else it is read here); `write`: see Writer.
    """
    if goal is None:
        goal = service.get_goal(goal_id)
    done = [n for n in (goal.roadmap.nodes if goal.roadmap else []) if n.completed]
    return await save_when_ready(
        service, goal_id, generate_roadmap(goal, settings, done, **options), on_event, keep_partial,
        discarded="The cut-short roadmap was discarded; the previous roadmap is unchanged.", write=write,
    )


async def save_when_ready(
    service,
    goal_id: str,
    events: AsyncIterator[Event],
    on_event: Callable[[Event], Any] | None,
    keep_partial: KeepPartial,
    discarded: str,
    write: Writer | None = None,
    **set_roadmap_options: Any,
) -> Goal | None:
    """Pass each event of a generation on, and save its roadmap in ONE set_roadmap call: a complete
    answer at once, a cut-short one if keep_partial accepts it (else Error `discarded`). With
    `expected=` the roadmap the model started from, the save refuses (ConflictError) if it changed
    while the model answered. With `write`, the save is made through it (see Writer)."""

    def emit(event: Event) -> None:
        if on_event is not None:
            on_event(event)

    async def save(roadmap: Roadmap) -> Goal:
        def set_roadmap(target) -> Any:
            return target.set_roadmap(goal_id, roadmap, **set_roadmap_options)

        if write is None:
            outcome = set_roadmap(service)
        else:
            saving = asyncio.ensure_future(write(set_roadmap))
            while True:
                try:
                    outcome = await asyncio.shield(saving)
                    break
                except asyncio.CancelledError:
                    if saving.cancelled():
                        raise
                    # As between the steps of save_soon: a cancel now comes too late, the complete
                    # answer is saved all the same (and the save ends before this call does).
                    asyncio.current_task().uncancel()
        emit(Success(goal_id, outcome.unlinked, outcome.overwritten))
        return outcome.goal

    async def save_soon(ready: RoadmapReady) -> Goal:
        """Save in steps of the event loop of their own (each short, so a busy machine's user
        feels no stall): the answer's last line, the layout of the milestones the model placed
        nowhere (what set_roadmap would otherwise work out inside its transaction), the save. A
        cancel that arrives in between comes too late: the complete answer is saved all the same,
        as it would have been had the steps been one."""
        roadmap = ready.roadmap
        cancelled = 0

        async def turn() -> None:
            nonlocal cancelled
            if not cancelled:
                try:
                    await next_turn()
                except asyncio.CancelledError:
                    cancelled = asyncio.current_task().uncancel() + 1

        await turn()
        if any(node.position is None for node in roadmap.nodes):
            placed = layout_roadmap(roadmap, only_unplaced=True)
            roadmap = Roadmap(
                [replace(node, position=placed[node.id]) if node.id in placed else node for node in roadmap.nodes],
                roadmap.edges,
            )
            await turn()
        return await save(roadmap)

    ready: RoadmapReady | None = None
    async with contextlib.aclosing(events) as stream:
        async for event in stream:
            emit(event)
            if isinstance(event, Error):
                return None
            if isinstance(event, RoadmapReady):
                ready = event
                if not ready.partial:
                    return await save_soon(ready)
                break
    if ready is None:
        return None
    accepted = keep_partial
    if callable(keep_partial):
        result = keep_partial(ready)
        accepted = await result if inspect.isawaitable(result) else result
    if not accepted:
        emit(Error(discarded, "partial_discarded"))
        return None
    return await save_soon(ready)
