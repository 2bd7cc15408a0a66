"""Streaming a roadmap from any OpenAI-compatible server, as events that follow the seed's
WebSocket frames: status messages, milestones as they complete, the roadmap, then success — or
one clear error. The old roadmap is only replaced, in one transaction, when a new one is complete.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Goal, Node, Roadmap

from .parser import MilestoneParser, NoMilestonesError, RoadmapAssembler
from .prompt import build_messages
from .settings import Provider, ProviderNotConfigured, resolve

TIMEOUT_ENV = "GOALS_DESKTOP_AI_TIMEOUT"
DEFAULT_TIMEOUT = 120.0  # longest silence between two chunks before we give up
MAX_RETRIES = 3  # the SDK retries 408/429/5xx and connection errors with exponential backoff


# -- events -------------------------------------------------------------------------------------


@dataclass
class Status:
    text: str
    tokens: int = 0

    def to_frame(self) -> dict[str, Any]:
        return {"status": self.text}


@dataclass
class NodeAdded:
    node: Node
    depends_on: list[str]
    tokens: int = 0

    def to_frame(self) -> dict[str, Any]:
        return {"status": f"Milestone: {self.node.label}", "node": self.node.to_dict(), "depends_on": self.depends_on}


@dataclass
class RoadmapReady:
    roadmap: Roadmap
    partial: bool = False
    reason: str = ""

    def to_frame(self) -> dict[str, Any]:
        status = "Roadmap generated" if not self.partial else f"Roadmap cut short: {self.reason}"
        return {"status": status, "roadmap": self.roadmap.to_dict(), "partial": self.partial}


@dataclass
class Success:
    goal_id: str

    def to_frame(self) -> dict[str, Any]:
        return {"goal_id": self.goal_id, "success": True}


@dataclass
class Error:
    message: str
    kind: str

    def to_frame(self) -> dict[str, Any]:
        return {"error": self.message}


Event = Status | NodeAdded | RoadmapReady | Success | Error


# -- errors -------------------------------------------------------------------------------------


def describe_error(error: BaseException, provider: Provider | None, streaming: bool) -> Error:
    """One sentence a person can act on, for whatever the SDK or the network raised."""
    import openai

    where = provider.base_url if provider else "the server"
    model = provider.model if provider else "the model"
    if isinstance(error, openai.AuthenticationError) or isinstance(error, openai.PermissionDeniedError):
        return Error(f"The server at {where} refused the API key; check it in Settings.", "auth")
    if isinstance(error, openai.NotFoundError):
        return Error(f"The server at {where} does not know the model “{model}”; pick another in Settings.", "model")
    if isinstance(error, openai.RateLimitError):
        return Error("The server is rate-limiting requests, even after retrying; wait a minute and try again.", "rate_limit")
    if isinstance(error, openai.InternalServerError):
        return Error(f"The server at {where} had an internal error ({error.status_code}); try again later.", "server")
    if isinstance(error, openai.APITimeoutError):
        return Error(f"The server at {where} stopped answering (timed out); try again.", "timeout")
    if isinstance(error, openai.APIConnectionError):
        if streaming:
            return Error("The connection to the model dropped mid-stream; try again.", "dropped")
        return Error(f"Cannot reach the server at {where}; is it running?", "unreachable")
    if isinstance(error, openai.APIStatusError):
        return Error(f"The server at {where} answered with an error ({error.status_code}); check the settings.", "server")
    if isinstance(error, NoMilestonesError | ProviderNotConfigured):
        return Error(str(error), "no_milestones" if isinstance(error, NoMilestonesError) else "not_configured")
    if streaming:
        # httpx2 transport errors while reading the body: the server or network went away.
        return Error("The connection to the model dropped mid-stream; try again.", "dropped")
    return Error(f"Generating the roadmap failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}.", "other")


def make_client(provider: Provider):
    import openai

    timeout = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    return openai.AsyncOpenAI(api_key=provider.api_key, base_url=provider.base_url, timeout=timeout, max_retries=MAX_RETRIES)


# -- generation ---------------------------------------------------------------------------------


async def generate_roadmap(goal: Goal, provider: Provider | None = None, today: date | None = None) -> AsyncIterator[Event]:
    """Stream a roadmap for goal. Ends with RoadmapReady (maybe partial) or Error; never raises
    for network or model trouble. Cancelling the consuming task closes the HTTP response."""
    try:
        provider = provider or resolve()
    except ProviderNotConfigured as error:
        yield Error(str(error), "not_configured")
        return
    done = [n for n in (goal.roadmap.nodes if goal.roadmap else []) if n.completed]
    parser = MilestoneParser()
    assembler = RoadmapAssembler(goal.roadmap)
    tokens = 0
    finish_reason = None
    streaming = False
    yield Status("Connecting to the model…")
    client = make_client(provider)
    try:
        stream = await client.chat.completions.create(
            model=provider.model,
            messages=build_messages(goal, today, done),
            stream=True,
            temperature=0.4,
        )
        streaming = True
        yield Status(f"Generating roadmap with {provider.model}…")
        async with stream:
            async for chunk in stream:
                if not chunk.choices:
                    continue  # e.g. the usage-only final chunk
                choice = chunk.choices[0]
                finish_reason = choice.finish_reason or finish_reason
                text = getattr(choice.delta, "content", None) or ""
                if not text:
                    continue  # role-only or reasoning_content deltas: not part of the roadmap
                tokens += 1
                for milestone in parser.feed(text):
                    added = assembler.add(milestone)
                    if added is not None:
                        yield NodeAdded(added[0], added[1], tokens)
                        yield Status(f"Received {len(assembler.nodes)} milestones…", tokens)
        for milestone in parser.finish():
            added = assembler.add(milestone)
            if added is not None:
                yield NodeAdded(added[0], added[1], tokens)
    except Exception as error:  # network/model trouble; cancellation (BaseException) passes through
        failure = describe_error(error, provider, streaming)
        if failure.kind == "dropped" and assembler.nodes:
            for milestone in parser.finish():
                assembler.add(milestone)
            yield RoadmapReady(assembler.finish(), partial=True, reason="the connection dropped")
            return
        yield failure
        return
    finally:
        await client.close()
    try:
        roadmap = assembler.finish()
    except NoMilestonesError as error:
        reason = " (the model hit its output limit)" if finish_reason == "length" else ""
        yield Error(str(error).rstrip(".") + reason + ".", "no_milestones")
        return
    if finish_reason == "length":
        yield RoadmapReady(roadmap, partial=True, reason="the model hit its output limit")
    else:
        yield RoadmapReady(roadmap)


KeepPartial = Callable[[RoadmapReady], Awaitable[bool]] | bool


async def generate_and_save(
    service,
    goal_id: str,
    on_event: Callable[[Event], None],
    keep_partial: KeepPartial = False,
    provider: Provider | None = None,
) -> Goal | None:
    """Stream, then replace the roadmap in ONE service call when complete (or when a partial one
    is accepted). Until then, and on any error, the old roadmap is untouched. Returns the saved goal."""
    goal = service.get_goal(goal_id)
    async for event in generate_roadmap(goal, provider):
        if isinstance(event, RoadmapReady):
            on_event(event)
            if event.partial:
                accepted = keep_partial if isinstance(keep_partial, bool) else await keep_partial(event)
                if not accepted:
                    on_event(Error(f"Generation was cut short ({event.reason}); the previous roadmap is unchanged.", "partial"))
                    return None
            try:
                saved = service.set_roadmap(goal_id, event.roadmap)
            except GoalsError as error:
                on_event(Error(str(error), "storage"))
                return None
            on_event(Success(goal_id))
            return saved
        on_event(event)
    return None
