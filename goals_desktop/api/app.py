"""The FastAPI app: the seed's routes, plus goal edits and todos, over one GoalService.

A face like the CLI: it parses, calls the service and shapes the answer with the domain objects'
to_dict(); every rule and every write stays in the service. Endpoints are `async def` and call the
service on the event loop thread on purpose: in the window that thread is Qt's, so the service's
change announcements reach the canvas and the goal list where they may touch widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from fastapi import Body, FastAPI, Query, Request, WebSocket
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect, WebSocketState

from goals_desktop import __version__
from goals_desktop.api import schemas
from goals_desktop.api.token import tokens_match
from goals_desktop.domain.errors import ConflictError, GoalsError, NotFoundError, StorageError, ValidationError

log = logging.getLogger("goals_desktop.api")

PREFIX = "/api/v1"
MAX_BODY_SIZE = 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
UNAUTHORIZED = (
    "Missing or wrong API token; send 'Authorization: Bearer <token>' "
    "(`goals-desktop serve --show-token` prints it)."
)
# The status every face-independent error maps to; the message is the service's own sentence.
ERROR_STATUS: tuple[tuple[type[GoalsError], int], ...] = (
    (NotFoundError, 404),
    (ValidationError, 422),
    (ConflictError, 409),
    (StorageError, 503),
)
_ERROR = {"model": schemas.ErrorOut}
_COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**_ERROR, "description": "The Host header is not this server's (DNS rebinding protection)."},
    401: {**_ERROR, "description": "Missing or wrong bearer token."},
    413: {**_ERROR, "description": "The request body is over 1 MiB."},
    422: {**_ERROR, "description": "Bad input; nothing was changed."},
    503: {**_ERROR, "description": "The database cannot be used right now (busy, read-only, full disk, ...)."},
}
_NOT_FOUND = {404: {**_ERROR, "description": "No goal, milestone or todo with that id."}}


def _errors(*extra: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    merged = dict(_COMMON_ERRORS)
    for more in extra:
        merged.update(more)
    return merged


# -- ASGI guards: Host first, then the token, before any route (or 404) is reached -------------------


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8765
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str, headers: dict | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    if scope["type"] == "websocket":
        if "websocket.http.response" in scope.get("extensions", {}):
            await send({"type": "websocket.http.response.start", "status": status, "headers": raw_headers})
            await send({"type": "websocket.http.response.body", "body": body})
        else:
            await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class HostGuard:
    """Refuse requests whose Host is not a name of this server: a web page that got its own domain
    to resolve to 127.0.0.1 (DNS rebinding) then cannot talk to us from the browser."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {_host_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if _host_name(host) not in self.allowed:
                shown = host[:100] or "(none)"
                detail = f"This server does not answer to the host name {shown!r}; use http://127.0.0.1 or http://localhost."
                await _refuse(scope, receive, send, 400, detail)
                return
        await self.app(scope, receive, send)


class TokenGuard:
    """Every HTTP request and WebSocket handshake carries the bearer token; the WebSocket may
    instead pass ?token= (browsers cannot set headers on a WebSocket). Nothing below is reached
    without it, not even a 404, so routes added later cannot forget it."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._authorized(scope):
            await _refuse(scope, receive, send, 401, UNAUTHORIZED, {"www-authenticate": "Bearer"})
            return
        await self.app(scope, receive, send)

    def _authorized(self, scope: Scope) -> bool:
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = value.decode("latin-1").partition(" ")
                return scheme.lower() == "bearer" and tokens_match(given.strip(), self.token)
        if scope["type"] == "websocket" and scope.get("query_string"):
            given = parse_qs(scope["query_string"].decode("latin-1")).get("token", [""])[-1]
            return tokens_match(given, self.token)
        return False


class BodyLimit:
    """Request bodies over the limit get 413 with a one-sentence detail: at once when Content-Length
    says so, else as soon as a streamed (chunked) body passes the limit, before a handler runs."""

    def __init__(self, app: ASGIApp, max_body_size: int) -> None:
        self.app = app
        self.limit = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = f"The request body is over the {self.limit // 1024} KiB limit." if self.limit < 1024 * 1024 else (
            f"The request body is over the {self.limit // (1024 * 1024)} MiB limit."
        )
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _refuse(scope, receive, send, 413, detail, {"connection": "close"})
            return
        received = 0

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Raised inside the body read: FastAPI passes HTTPExceptions on to our handler.
                    raise StarletteHTTPException(413, detail)
            return message

        await self.app(scope, limited, send)


# -- error answers: one sentence in {"detail": ...}, never a traceback ----------------------------------


def _field_name(loc: tuple) -> str:
    names = [str(part) for part in loc if part not in ("body", "query", "path")]
    return ".".join(names).replace("_", " ") if names else "request body"


def describe_validation_error(errors: list[dict[str, Any]]) -> str:
    """pydantic's first complaint as one sentence, worded like the domain rules' messages."""
    if not errors:
        return "The request is not valid."
    error = errors[0]
    kind, loc = error.get("type", ""), tuple(error.get("loc", ()))
    field = _field_name(loc)
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "missing":
        if field == "request body":
            return "The request needs a JSON body."
        return f"The {field} is required."
    if kind == "extra_forbidden":
        return f"Unknown field {str(loc[-1])[:60]!r}."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return f"The {field} must be a JSON object (send it with Content-Type: application/json)."
    if kind.startswith("string"):
        return f"The {field} must be text."
    if kind.startswith("bool"):
        return f"{str(loc[-1])[:60]!r} must be true or false."  # as the service words it
    if kind in ("list_type", "tuple_type"):
        return f"The {field} must be a list."
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"The {field} must be one of: {expected.replace(chr(39), '')}."
    if kind.startswith("int"):
        return f"The {field} must be a whole number."
    message = str(error.get("msg", "is not valid")).rstrip(".")
    return f"The {field} is not valid: {message[:200]}."


def _http_error_detail(exc: StarletteHTTPException, request: Request) -> str:
    if isinstance(exc.detail, str) and exc.detail.endswith((".", "?", "!")):
        return exc.detail
    if exc.status_code == 404:
        return "There is no such endpoint; /openapi.json lists them."
    if exc.status_code == 405:
        return f"This endpoint does not accept {request.method}; /openapi.json lists what it does."
    return f"{exc.detail}." if isinstance(exc.detail, str) else "The request cannot be served."


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GoalsError)
    async def goals_error(_request: Request, exc: GoalsError) -> JSONResponse:
        status = next((code for kind, code in ERROR_STATUS if isinstance(exc, kind)), 400)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation_error(list(exc.errors()))}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 204 or exc.status_code < 400:
            return Response(status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's words for a body that is not even text (e.g. not UTF-8): the same answer as bad JSON.
            return JSONResponse({"detail": "The request body is not valid JSON."}, status_code=422)
        return JSONResponse({"detail": _http_error_detail(exc, request)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # A bug: logged with its traceback; the client gets one sentence.
        log.error("Unexpected error serving an API request", exc_info=exc)
        return JSONResponse(
            {"detail": f"Unexpected problem ({type(exc).__name__}); it was logged, please report it."}, status_code=500
        )


# -- the app --------------------------------------------------------------------------------------


def create_app(
    service,
    *,
    token: str,
    allowed_hosts: Iterable[str] = LOOPBACK_NAMES,
    cors_origins: Iterable[str] = (),
    settings_loader: Callable[[], Any] | None = None,
    max_body_size: int = MAX_BODY_SIZE,
) -> FastAPI:
    """The Goals API over `service`. Each request needs `token`; `settings_loader()` gives the AI
    provider for WebSocket generations (default: the saved settings, as the CLI uses)."""
    if not token:
        raise ValueError("create_app needs a token")
    middleware = [Middleware(HostGuard, allowed_hosts=list(allowed_hosts))]
    origins = [o for o in cors_origins if o]
    if origins:
        from starlette.middleware.cors import CORSMiddleware

        # Between the Host check and the token: a browser's preflight carries no token.
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "PATCH", "DELETE"],
                allow_headers=["Authorization", "Content-Type"],
            )
        )
    middleware.append(Middleware(TokenGuard, token=token))
    middleware.append(Middleware(BodyLimit, max_body_size=max_body_size))
    app = FastAPI(
        title="Goals API",
        version=__version__,
        description="Goals with AI-generated roadmaps, served by Goals Desktop on your own machine.",
        # The interactive docs load their scripts from a CDN: not offered (the schema is at /openapi.json).
        docs_url=None,
        redoc_url=None,
        middleware=middleware,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.router.route_class = _StrictQueryRoute
    app.state.service = service
    app.state.generating = set()
    _install_error_handlers(app)
    _add_goal_routes(app, service)
    _add_todo_routes(app, service)
    _add_websocket(app, service, settings_loader)
    _document_bearer_auth(app)
    return app


def _document_bearer_auth(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            schema["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class _StrictQueryRoute(APIRoute):
    """Unknown query parameters are refused, like unknown body fields: `?stauts=active` must not
    quietly answer every goal."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()
        allowed = {param.alias for param in self.dependant.query_params}

        async def checked(request: Request) -> Response:
            unknown = [name for name in request.query_params if name not in allowed]
            if unknown:
                raise ValidationError(f"Unknown query parameter {unknown[0][:60]!r}.")
            return await handler(request)

        return checked


def _json(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status_code)


def _add_goal_routes(app: FastAPI, service) -> None:
    from goals_desktop.storage import UNSET

    @app.post(
        f"{PREFIX}/goals",
        status_code=201,
        response_model=schemas.GoalOut,
        responses=_errors(),
        summary="Create a goal",
        tags=["goals"],
    )
    async def create_goal(body: schemas.GoalCreate) -> JSONResponse:
        goal = service.create_goal(body.title, body.description, body.target_date)
        return _json(goal.to_dict(), 201)

    @app.get(
        f"{PREFIX}/goals",
        response_model=list[schemas.GoalSummaryOut],
        responses=_errors(),
        summary="List goals (oldest first)",
        tags=["goals"],
    )
    async def list_goals(
        status: schemas.Status | None = Query(None, description="Only goals with this status."),
        search: str | None = Query(None, description="Only goals whose title or description contains this."),
    ) -> JSONResponse:
        return _json([g.to_summary_dict() for g in service.list_goals(status=status, search=search)])

    @app.get(
        f"{PREFIX}/goals/{{goal_id}}",
        response_model=schemas.GoalOut,
        responses=_errors(_NOT_FOUND),
        summary="Get a goal with its roadmap",
        tags=["goals"],
    )
    async def get_goal(goal_id: str) -> JSONResponse:
        return _json(service.get_goal(goal_id).to_dict())

    @app.patch(
        f"{PREFIX}/goals/{{goal_id}}",
        response_model=schemas.GoalOut,
        responses=_errors(_NOT_FOUND),
        summary="Change a goal's title, description, target date or status",
        tags=["goals"],
    )
    async def update_goal(goal_id: str, body: schemas.GoalUpdate) -> JSONResponse:
        given = body.model_fields_set
        if not given:
            raise ValidationError("Nothing to update; give title, description, target_date or status.")
        changes = {name: getattr(body, name) if name in given else UNSET for name in ("title", "description", "target_date", "status")}
        return _json(service.update_goal(goal_id, **changes).to_dict())

    @app.delete(
        f"{PREFIX}/goals/{{goal_id}}",
        status_code=204,
        response_class=Response,
        responses=_errors(_NOT_FOUND),
        summary="Delete a goal and its roadmap",
        tags=["goals"],
    )
    async def delete_goal(
        goal_id: str,
        delete_todos: bool = Query(False, description="Also delete the goal's todos (by default they are kept, unlinked)."),
    ) -> Response:
        service.delete_goal(goal_id, delete_todos=delete_todos)
        return Response(status_code=204)

    @app.patch(
        f"{PREFIX}/goals/{{goal_id}}/roadmap/nodes/{{node_id}}",
        response_model=schemas.NodeCheckOut,
        responses=_errors(_NOT_FOUND),
        summary="Check off (or reopen) a roadmap milestone",
        tags=["roadmap"],
    )
    async def update_node(goal_id: str, node_id: str, body: schemas.NodeUpdate | None = Body(None)) -> JSONResponse:
        completed = True if body is None else body.completed
        goal = service.update_node(goal_id, node_id, completed=completed)
        return _json({"id": goal.id, "progress": goal.progress, "status": goal.status, "roadmap": goal.roadmap.to_dict()})

    @app.post(
        f"{PREFIX}/goals/{{goal_id}}/todos",
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Send the roadmap to one todo (a subtask per milestone); again: updates that todo",
        tags=["todos"],
    )
    async def todos_from_roadmap(goal_id: str) -> JSONResponse:
        return _json(service.todos_from_roadmap(goal_id).to_dict())

    @app.post(
        f"{PREFIX}/goals/{{goal_id}}/roadmap/nodes/{{node_id}}/todo",
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Make a todo from one milestone (its steps become subtasks); again: updates that todo",
        tags=["todos"],
    )
    async def todo_from_node(goal_id: str, node_id: str) -> JSONResponse:
        return _json(service.todo_from_node(goal_id, node_id).to_dict())


def _subtask_key(text: str) -> int | str:
    """A 1-based number as `todos list` shows it, or a subtask id (as the CLI takes it)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        number = int(text)
        if number < 1:
            raise ValidationError("Subtask numbers start at 1.")
        return number - 1
    return text


def _add_todo_routes(app: FastAPI, service) -> None:
    from goals_desktop.storage import UNSET

    @app.get(
        f"{PREFIX}/todos",
        response_model=list[schemas.TodoOut],
        responses=_errors(_NOT_FOUND),
        summary="List todos with their subtasks",
        tags=["todos"],
    )
    async def list_todos(
        goal_id: str | None = Query(None, description="Only todos linked to this goal."),
        completed: bool | None = Query(None, description="true: only done todos; false: only open ones."),
    ) -> JSONResponse:
        return _json([t.to_dict() for t in service.list_todos(goal_id=goal_id, completed=completed)])

    @app.post(
        f"{PREFIX}/todos",
        status_code=201,
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Create a todo",
        tags=["todos"],
    )
    async def create_todo(body: schemas.TodoCreate) -> JSONResponse:
        if body.node_id and not body.goal_id:
            raise ValidationError("A node_id needs its goal_id (the milestone's goal).")
        todo = service.create_todo(
            body.title,
            notes=body.notes,
            due_date=body.due_date,
            goal_id=body.goal_id,
            node_id=body.node_id,
            subtasks=body.subtasks,
        )
        return _json(todo.to_dict(), 201)

    @app.get(
        f"{PREFIX}/todos/{{todo_id}}",
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Get a todo",
        tags=["todos"],
    )
    async def get_todo(todo_id: str) -> JSONResponse:
        return _json(service.get_todo(todo_id).to_dict())

    @app.patch(
        f"{PREFIX}/todos/{{todo_id}}",
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Change a todo's fields or links, or check it off / reopen it",
        tags=["todos"],
    )
    async def update_todo(todo_id: str, body: schemas.TodoUpdate) -> JSONResponse:
        given = body.model_fields_set
        if not given:
            raise ValidationError("Nothing to update; give title, notes, due_date, goal_id, node_id or completed.")
        if "completed" in given:
            if len(given) > 1:
                # Each request is one transaction: completion has its own service call.
                raise ValidationError("Send 'completed' on its own, not together with other fields.")
            return _json(service.set_todo_completed(todo_id, body.completed).to_dict())
        fields = ("title", "notes", "due_date", "goal_id", "node_id")
        todo = service.update_todo(todo_id, **{name: getattr(body, name) if name in given else UNSET for name in fields})
        return _json(todo.to_dict())

    @app.patch(
        f"{PREFIX}/todos/{{todo_id}}/subtasks/{{subtask}}",
        response_model=schemas.TodoOut,
        responses=_errors(_NOT_FOUND),
        summary="Check off, reopen or rename a subtask (by number, 1 = first, or id)",
        tags=["todos"],
    )
    async def update_subtask(todo_id: str, subtask: str, body: schemas.SubtaskUpdate) -> JSONResponse:
        given = body.model_fields_set
        key = _subtask_key(subtask)
        if given == {"completed"}:
            return _json(service.set_subtask_completed(todo_id, key, body.completed).to_dict())
        if given == {"title"}:
            return _json(service.rename_subtask(todo_id, key, body.title).to_dict())
        if not given:
            raise ValidationError("Nothing to update; give completed or title.")
        raise ValidationError("Send 'completed' or 'title', not both.")

    @app.delete(
        f"{PREFIX}/todos/{{todo_id}}",
        status_code=204,
        response_class=Response,
        responses=_errors(_NOT_FOUND),
        summary="Delete a todo and its subtasks",
        tags=["todos"],
    )
    async def delete_todo(todo_id: str) -> Response:
        service.delete_todo(todo_id)
        return Response(status_code=204)


# -- WebSocket: roadmap generation, the same frames as `roadmap generate --json` ----------------------

_END = object()


def _generation_request(text: str | None) -> tuple[str, bool]:
    """(goal_id, keep_partial) from the client's first message."""
    usage = 'Send {"goal_id": "...", "goal_title": "..."} to generate that goal\'s roadmap.'
    try:
        data = json.loads(text) if text is not None else None
    except (ValueError, RecursionError):
        raise ValidationError(f"The message is not valid JSON. {usage}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"The message must be a JSON object. {usage}")
    goal_id = data.get("goal_id")
    if not isinstance(goal_id, str) or not goal_id.strip():
        raise ValidationError(f"The goal_id is missing. {usage}")
    keep_partial = data.get("keep_partial", False)
    if not isinstance(keep_partial, bool):
        raise ValidationError("The keep_partial must be true or false.")
    return goal_id.strip(), keep_partial


def _add_websocket(app: FastAPI, service, settings_loader: Callable[[], Any] | None) -> None:
    generating: set[str] = app.state.generating

    @app.websocket(f"{PREFIX}/ws/roadmap")
    async def generate_roadmap(websocket: WebSocket) -> None:
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
            goal_id, keep_partial = _generation_request(text)
            service.get_goal(goal_id)  # unknown id: one clean frame before any network work
            if goal_id in generating:
                raise ConflictError(f"A roadmap is already being generated for goal {goal_id!r}; wait for it to finish.")
            settings = _load_settings(settings_loader)
        except GoalsError as error:
            await _send_frames(websocket, [{"error": str(error)}])
            return
        generating.add(goal_id)
        try:
            await _stream_generation(websocket, service, goal_id, settings, keep_partial)
        finally:
            generating.discard(goal_id)


def _load_settings(settings_loader: Callable[[], Any] | None):
    if settings_loader is not None:
        return settings_loader()
    from goals_desktop.ai.settings import load_settings

    return load_settings()


async def _send_frames(websocket: WebSocket, frames: list[dict[str, Any]]) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
        for frame in frames:
            await websocket.send_text(json.dumps(frame, ensure_ascii=False))
        await websocket.close(1000)


async def _stream_generation(websocket: WebSocket, service, goal_id: str, settings, keep_partial: bool) -> None:
    from goals_desktop.ai import generate as gen

    frames: asyncio.Queue = asyncio.Queue()

    async def generate() -> None:
        try:
            await gen.generate_and_save(
                service, goal_id, settings, lambda event: frames.put_nowait(event.to_frame()), keep_partial=keep_partial
            )
        except GoalsError as error:  # e.g. the goal was deleted meanwhile, or the roadmap changed elsewhere
            frames.put_nowait({"error": str(error)})
        except Exception as error:  # never BaseException: cancellation must pass through
            log.error("Unexpected error in a WebSocket generation", exc_info=error)
            frames.put_nowait({"error": f"Generating the roadmap failed unexpectedly ({type(error).__name__})."})
        finally:
            frames.put_nowait(_END)

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
            await websocket.send_text(json.dumps(frame, ensure_ascii=False))
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
