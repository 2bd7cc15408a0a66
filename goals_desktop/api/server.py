"""Run the Goals API on uvicorn: headless (`serve`, plain asyncio) or as a task on the window's qasync loop.

We bind the socket ourselves (a failed bind inside uvicorn is a SystemExit) and take signals away
from uvicorn (it would capture SIGINT/SIGTERM and replay them after serving, and a plain
signal.signal handler on an idle Qt loop runs seconds late): the headless runner uses
loop.add_signal_handler, the window stops the server itself before its loop ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import logging
import os
import signal
import socket
from collections.abc import Callable, Iterable
from typing import Any

import uvicorn

from goals_desktop.api.app import MAX_BODY_SIZE, create_app
from goals_desktop.api.guards import LOOPBACK_NAMES
from goals_desktop.api.token import api_token
from goals_desktop.api.uvicorn_parts import UVICORN_LOGGERS, RedactToken, header_timeout_protocol
from goals_desktop.domain.errors import GoalsError
from goals_desktop.logging_setup import remember_secret

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
GRACEFUL_SHUTDOWN_SECONDS = 3.0
# A client has this long to send a request's headers; one that dribbles them (or sends half and
# stops) is hung up on, so slow clients cannot hold the server's connections.
HEADER_TIMEOUT_SECONDS = 10.0
# Open connections (and requests in flight) beyond this get a 503 at once.
MAX_CONNECTIONS = 100


class ServeError(GoalsError):
    """The server cannot start (port taken, unknown host, ...)."""


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket, or ServeError with one sentence."""
    host = host.strip("[]")
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        # Checked here: getaddrinfo quietly takes 70000 as 4464.
        raise ServeError(f"The port {port} is not valid; use 1-65535 (or 0 for any free port).")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(f"Cannot listen on {host!r}: it is not an address or a known host name ({error}).") from None
    family, kind, proto, _, address = infos[0]
    # Not socket.create_server: its socket has proto 0, and asyncio sets TCP_NODELAY only on accepted
    # sockets whose proto is IPPROTO_TCP; without it every answer's body waited ~40 ms (Nagle meeting
    # delayed ACKs), measured here.
    sock = socket.socket(family, kind, proto or socket.IPPROTO_TCP)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        return sock
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(f"Port {port} on {host} is already in use; choose another with --port.") from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise ServeError(f"Not allowed to listen on port {port}; use a port above 1023.") from None
        raise ServeError(f"Cannot listen on {host}:{port}: {error.strerror or error}.") from None


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        # Ours, not uvicorn's: see the module docstring.
        yield


class ApiServer:
    """One server for one GoalService. `await start()` returns once it accepts connections;
    `await stop()` ends it (open WebSockets get a close frame, then at most a few seconds' grace)."""

    def __init__(
        self,
        service,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        token: str | None = None,
        allowed_hosts: Iterable[str] = (),
        cors_origins: Iterable[str] = (),
        settings_loader: Callable[[], Any] | None = None,
        graceful_timeout: float = GRACEFUL_SHUTDOWN_SECONDS,
        header_timeout: float = HEADER_TIMEOUT_SECONDS,
        max_connections: int = MAX_CONNECTIONS,
        app: Any = None,
        **app_options: Any,
    ) -> None:
        self.service = service
        self.host = host.strip("[]")
        self.port = port
        self.token = token or api_token()
        hosts = {*LOOPBACK_NAMES, self.host, *allowed_hosts}
        self.app = app or create_app(
            service, token=self.token, allowed_hosts=hosts, cors_origins=cors_origins, settings_loader=settings_loader, **app_options
        )
        self.graceful_timeout = graceful_timeout
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self._server: _Server | None = None
        self._task: asyncio.Task | None = None
        self._log_filter = RedactToken(self.token)

    @property
    def url(self) -> str:
        return url_for(self.host, self.port)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        sock = bind_socket(self.host, self.port)
        self.port = sock.getsockname()[1]  # port 0: the one the system chose
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            http=header_timeout_protocol(self.header_timeout),
            limit_concurrency=self.max_connections,
            ws="websockets-sansio",
            ws_max_size=MAX_BODY_SIZE,
            log_config=None,
            access_log=False,  # query strings may carry ?token=
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=self.graceful_timeout,
        )
        for name in UVICORN_LOGGERS:
            logging.getLogger(name).addFilter(self._log_filter)
        remember_secret(self.token)  # the log file's own filter then catches it from any logger
        self._server = _Server(config)
        self._task = asyncio.get_running_loop().create_task(self._server.serve(sockets=[sock]), name="goals-api-server")
        while not self._server.started:
            if self._task.done():
                sock.close()
                for name in UVICORN_LOGGERS:
                    logging.getLogger(name).removeFilter(self._log_filter)
                error = self._task.exception() if not self._task.cancelled() else None
                raise ServeError(f"The API server could not start ({type(error).__name__ if error else 'cancelled'}).")
            await asyncio.sleep(0.01)

    async def wait(self) -> None:
        """Until the server ends (after stop(), or on its own)."""
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        try:
            await asyncio.wait_for(asyncio.shield(self._task), self.graceful_timeout + 5)
        except asyncio.TimeoutError:
            self._server.force_exit = True
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        except (Exception, SystemExit):
            pass
        self._task = None
        for name in UVICORN_LOGGERS:
            logging.getLogger(name).removeFilter(self._log_filter)
        calls = getattr(getattr(self.app, "state", None), "calls", None)
        if calls is not None:
            await asyncio.get_running_loop().run_in_executor(None, calls.close)


async def serve(
    service,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    handle_signals: bool = True,
    announce: Callable[[str], None] | None = None,
    stop_event: asyncio.Event | None = None,
    **server_options: Any,
) -> None:
    """Serve until SIGINT/SIGTERM (or `stop_event`). Announces `Serving the Goals API on URL` once
    it accepts connections. Raises ServeError (one sentence) when it cannot start. server_options
    are ApiServer's (token, allowed_hosts, cors_origins, ...)."""
    server = ApiServer(service, host, port, **server_options)
    loop = asyncio.get_running_loop()
    stop = stop_event or asyncio.Event()
    installed: list[int] = []
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
                installed.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                # Windows' loops have no add_signal_handler: Ctrl+C still ends the run below.
                pass
    try:
        await server.start()
        (announce or _print)(f"Serving the Goals API on {server.url}")
        stopping = asyncio.ensure_future(stop.wait())
        ended = asyncio.ensure_future(server.wait())
        try:
            await asyncio.wait({stopping, ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            ended.cancel()
            await server.stop()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def _print(text: str) -> None:
    print(text, flush=True)
