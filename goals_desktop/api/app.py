"""The FastAPI app: the document's routes, plus goal edits and todos, over one GoalService.

A face like the CLI: it parses, calls the service and shapes the answer; every rule and every
write stays below it. The parts, one job each: guards.py (Host, WebSocket Origin, token, body
size), errors.py (one-sentence answers), openapi.py, calls.py (the service off the event loop),
shapes.py (answer JSON), goals.py and todos.py (routes), websocket.py (generation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from goals_desktop import __version__
from goals_desktop.api import goals, todos, websocket
from goals_desktop.api.calls import ServiceCalls
from goals_desktop.api.errors import install_error_handlers
from goals_desktop.api.guards import LOOPBACK_NAMES, BodyLimit, FailedTokens, HostGuard, TokenGuard, WebSocketOriginGuard
from goals_desktop.api.openapi import document_bearer_auth

MAX_BODY_SIZE = 1024 * 1024
# What GAIA's web client sends besides the token: its axios instance adds the user's time zone.
CORS_HEADERS = ["Authorization", "Content-Type", "X-Timezone"]


def create_app(
    service,
    *,
    token: str,
    allowed_hosts: Iterable[str] = LOOPBACK_NAMES,
    cors_origins: Iterable[str] = (),
    settings_loader: Callable[[], Any] | None = None,
    max_body_size: int = MAX_BODY_SIZE,
    calls: ServiceCalls | None = None,
    failed_tokens: FailedTokens | None = None,
) -> FastAPI:
    """The Goals API over `service`. Each request needs `token`; `settings_loader()` gives the AI
    provider for WebSocket generations (default: the saved settings, as the CLI uses)."""
    if not token:
        raise ValueError("create_app needs a token")
    origins = [o for o in cors_origins if o]
    middleware = [Middleware(HostGuard, allowed_hosts=list(allowed_hosts))]
    if origins:
        # Between the Host check and the token: a browser's preflight carries no token. GAIA's web
        # client sends credentials (axios withCredentials); we use no cookies, so allowing them
        # gives a page nothing, and without it the browser would hide every answer from it.
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                allow_headers=CORS_HEADERS,
                allow_credentials=True,
            )
        )
    middleware.append(Middleware(WebSocketOriginGuard, cors_origins=origins))
    middleware.append(Middleware(TokenGuard, token=token, failures=failed_tokens))
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
    app.state.calls = calls or ServiceCalls(service)
    app.state.generating = set()
    app.state.settings_loader = settings_loader
    install_error_handlers(app)
    for router in (goals.router, todos.router, websocket.router):
        app.include_router(router)
    document_bearer_auth(app)
    return app
