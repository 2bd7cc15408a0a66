"""ASGI guards, run before any route (or 404) is reached: Host, WebSocket Origin, token, body size.

Each refusal is one sentence in {"detail": ...}; a WebSocket refused before its handshake gets the
same HTTP answer (uvicorn's websocket.http.response extension).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs, urlsplit

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from goals_desktop.api.token import tokens_match

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
UNAUTHORIZED = (
    "Missing or wrong API token; send 'Authorization: Bearer <token>' "
    "(`goals-desktop serve --show-token` prints it)."
)
# Wrong tokens from one client: the first few are answered at once (a typo), then each waits
# longer, doubling up to the cap, until a right token or a quiet spell.
FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 0.25
MAX_DELAY_SECONDS = 8.0
FORGET_AFTER_SECONDS = 600.0
_TRACKED_CLIENTS = 1024


def host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8765
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _header(scope: Scope, name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), None)


async def refuse(scope: Scope, send: Send, status: int, detail: str, headers: dict | None = None) -> None:
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
        self.allowed = {host_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = _header(scope, b"host") or ""
            if host_name(host) not in self.allowed:
                shown = host[:100] or "(none)"
                detail = f"This server does not answer to the host name {shown!r}; use http://127.0.0.1 or http://localhost."
                await refuse(scope, send, 400, detail)
                return
        await self.app(scope, receive, send)


class WebSocketOriginGuard:
    """Browsers do not apply CORS to WebSockets, and a page may put a stolen or guessed token in
    the URL: a handshake from a page is accepted only from this server's own origin (the Host it
    addressed, already checked) or an origin named with --cors-origin. Clients that are not
    browsers send no Origin and pass."""

    def __init__(self, app: ASGIApp, cors_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.named = {origin.strip().rstrip("/").lower() for origin in cors_origins if origin.strip()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            origin = _header(scope, b"origin")
            if origin is not None and not self._allowed(origin.strip().rstrip("/").lower(), _header(scope, b"host") or ""):
                detail = "WebSockets from this web page's origin are refused; start the server with --cors-origin ORIGIN to allow it."
                await refuse(scope, send, 403, detail)
                return
        await self.app(scope, receive, send)

    def _allowed(self, origin: str, host: str) -> bool:
        if origin in self.named:
            return True
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == host.strip().lower() and not parts.path


class FailedTokens:
    """Per-client count of wrong tokens; after FREE_FAILURES each further try waits longer
    (doubling, capped), so guessing costs time while a person's typo costs nothing. The clock is
    injectable so tests need not wait on it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._clients: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def delay(self, client: str) -> float:
        count, last = self._clients.get(client, (0, 0.0))
        if count < FREE_FAILURES or self.clock() - last > FORGET_AFTER_SECONDS:
            return 0.0
        return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (count - FREE_FAILURES))

    def failed(self, client: str) -> None:
        count, last = self._clients.pop(client, (0, 0.0))
        now = self.clock()
        if now - last > FORGET_AFTER_SECONDS:
            count = 0
        self._clients[client] = (count + 1, now)
        while len(self._clients) > _TRACKED_CLIENTS:
            self._clients.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self._clients.pop(client, None)


class TokenGuard:
    """Every HTTP request and WebSocket handshake carries the bearer token; the WebSocket may
    instead pass ?token= (browsers cannot set headers on a WebSocket). Nothing below is reached
    without it, not even a 404, so routes added later cannot forget it."""

    def __init__(self, app: ASGIApp, token: str, failures: FailedTokens | None = None) -> None:
        self.app = app
        self.token = token
        self.failures = failures or FailedTokens()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            client = (scope.get("client") or ("?", 0))[0]
            given = self._given(scope)
            if given is None or not tokens_match(given, self.token):
                if given is not None:
                    wait = self.failures.delay(client)
                    self.failures.failed(client)
                    if wait:
                        await asyncio.sleep(wait)
                await refuse(scope, send, 401, UNAUTHORIZED, {"www-authenticate": "Bearer"})
                return
            self.failures.succeeded(client)
        await self.app(scope, receive, send)

    @staticmethod
    def _given(scope: Scope) -> str | None:
        """The token the request offers ("" for a malformed one), or None when it offers none."""
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = value.decode("latin-1").partition(" ")
                return given.strip() if scheme.lower() == "bearer" else ""
        if scope["type"] == "websocket" and scope.get("query_string"):
            values = parse_qs(scope["query_string"].decode("latin-1")).get("token")
            return values[-1] if values else None
        return None


class BodyLimit:
    """Request bodies over the limit get 413 with a one-sentence detail: at once when Content-Length
    says so, else as soon as a streamed (chunked) body passes the limit, before a handler runs."""

    def __init__(self, app: ASGIApp, max_body_size: int) -> None:
        self.app = app
        self.limit = max_body_size
        size = f"{max_body_size // 1024} KiB" if max_body_size < 1024 * 1024 else f"{max_body_size // (1024 * 1024)} MiB"
        self.detail = f"The request body is over the {size} limit."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await refuse(scope, send, 413, self.detail, {"connection": "close"})
            return
        received = 0

        async def limited() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Raised inside the body read: FastAPI passes HTTPExceptions on to our handler.
                    raise StarletteHTTPException(413, self.detail)
            return message

        await self.app(scope, limited, send)
