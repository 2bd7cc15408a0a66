"""The document's roadmap generation over a WebSocket: the same frames as `roadmap generate --json`,
each node also carrying React Flow's `data` (api/shapes.py).

The client's first message names the goal ({"goal_id": ..., "goal_title": ...}, as the document's
and GAIA's web client send it); the model's answer is streamed as it arrives and saved in one call,
made like every other write (api/calls.py: in the writer thread, one at a time), so a save waiting
on another program's lock stalls no other request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect, WebSocketState

from goals_desktop.ai import generate as gen
from goals_desktop.ai.settings import load_settings
from goals_desktop.api.calls import ServiceCalls
from goals_desktop.api.goals import PREFIX
from goals_desktop.api.shapes import frame_with_flow_data
from goals_desktop.domain.errors import ConflictError, GoalsError, ValidationError
from goals_desktop.domain.models import Goal

log = logging.getLogger("goals_desktop.api")
router = APIRouter(prefix=PREFIX)
_END = object()
USAGE = 'Send {"goal_id": "...", "goal_title": "..."} to generate that goal\'s roadmap.'


def generation_request(text: str | None) -> tuple[str, bool]:
    """(goal_id, keep_partial) from the client's first message."""
    try:
        data = json.loads(text) if text is not None else None
    except (ValueError, RecursionError):
        raise ValidationError(f"The message is not valid JSON. {USAGE}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"The message must be a JSON object. {USAGE}")
    goal_id = data.get("goal_id")
    if not isinstance(goal_id, str) or not goal_id.strip():
        raise ValidationError(f"The goal_id is missing. {USAGE}")
    keep_partial = data.get("keep_partial", False)
    if not isinstance(keep_partial, bool):
        raise ValidationError("The keep_partial must be true or false.")
    return goal_id.strip(), keep_partial


@router.websocket("/ws/roadmap")
async def generate_roadmap(websocket: WebSocket) -> None:
    state = websocket.app.state
    await websocket.accept()
    try:
        message = await websocket.receive()
    except WebSocketDisconnect:
        return
    if message["type"] == "websocket.disconnect":
        return
    try:
        text = message.get("text")
        if text is None and message.get("bytes") is not None:
            text = message["bytes"].decode("utf-8", "replace")
        goal_id, keep_partial = generation_request(text)
        goal = await state.calls.read(lambda s: s.get_goal(goal_id))  # unknown id: one clean frame before any network work
        if goal_id in state.generating:
            raise ConflictError(f"A roadmap is already being generated for goal {goal_id!r}; wait for it to finish.")
        settings = (state.settings_loader or load_settings)()
    except GoalsError as error:
        await _send_frames(websocket, [{"error": str(error)}])
        return
    state.generating.add(goal_id)
    try:
        await _stream_generation(websocket, state.calls, goal, settings, keep_partial)
    finally:
        state.generating.discard(goal_id)


async def _send_frames(websocket: WebSocket, frames: list[dict[str, Any]]) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
        for frame in frames:
            await websocket.send_text(json.dumps(frame, ensure_ascii=False))
        await websocket.close(1000)


async def _stream_generation(websocket: WebSocket, calls: ServiceCalls, goal: Goal, settings, keep_partial: bool) -> None:
    goal_id = goal.id
    frames: asyncio.Queue = asyncio.Queue()
    put: Callable[[Any], None] = frames.put_nowait

    async def generate() -> None:
        try:
            await gen.generate_and_save(
                calls.service,
                goal_id,
                settings,
                lambda event: put(event.to_frame()),
                keep_partial=keep_partial,
                goal=goal,
                write=calls.write,  # the save: a write like any other, in the writer thread
            )
        except GoalsError as error:  # e.g. the goal was deleted meanwhile, or the roadmap changed elsewhere
            put({"error": str(error)})
        except Exception as error:  # never BaseException: cancellation must pass through
            log.error("Unexpected error in a WebSocket generation", exc_info=error)
            put({"error": f"Generating the roadmap failed unexpectedly ({type(error).__name__})."})
        finally:
            put(_END)

    async def client_gone() -> None:
        # The client sends nothing more; a disconnect (or the server shutting down) ends the generation.
        while (await websocket.receive())["type"] != "websocket.disconnect":
            pass

    generation = asyncio.create_task(generate(), name=f"api-generate-{goal_id}")
    watcher = asyncio.create_task(client_gone(), name=f"api-generate-watch-{goal_id}")
    try:
        while True:
            next_frame = asyncio.ensure_future(frames.get())
            await asyncio.wait({next_frame, watcher}, return_when=asyncio.FIRST_COMPLETED)
            if not next_frame.done():
                next_frame.cancel()
                return  # gone: the finally cancels the generation before it saves anything
            frame = next_frame.result()
            if frame is _END:
                break
            await websocket.send_text(json.dumps(frame_with_flow_data(frame), ensure_ascii=False))
        with contextlib.suppress(RuntimeError, OSError):
            if websocket.application_state == WebSocketState.CONNECTED:
                await websocket.close(1000)
    except (WebSocketDisconnect, OSError, RuntimeError):
        return
    finally:
        for task in (generation, watcher):
            task.cancel()
        for task in (generation, watcher):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
