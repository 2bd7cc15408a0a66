"""`goals-desktop serve`: the Goals API (REST + WebSocket) over this database, headless.

A command group module: `register(subparsers)` adds the `serve` parser with `set_defaults(handler=...)`;
the handler is `handler(service, args) -> int`. FastAPI and uvicorn load only when it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from goals_desktop.api.token import api_token
from goals_desktop.logging_setup import setup_logging

DEFAULT_HOST = "127.0.0.1"  # the same as goals_desktop.api.server's, without importing uvicorn here
DEFAULT_PORT = 8765


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535, or 0 for any free port)")
    return port


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the Goals API (REST + WebSocket) on this machine",
        description="Serve the seed's Goals API over this database until Ctrl+C (SIGINT) or SIGTERM. "
        "Every request needs the bearer token (--show-token prints it; $GOALS_DESKTOP_API_TOKEN sets it).",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}, this machine only)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free port)")
    parser.add_argument("--show-token", action="store_true", help="print the API token (making one if needed) and exit")
    parser.add_argument(
        "--allow-host",
        metavar="NAME",
        action="append",
        default=[],
        help="also answer requests addressed to this host name (repeatable); others are refused",
    )
    parser.add_argument(
        "--cors-origin",
        metavar="ORIGIN",
        action="append",
        default=[],
        help="let web pages from this origin call the API, e.g. http://localhost:5173 (repeatable; default: none)",
    )
    parser.set_defaults(handler=run_serve)


def run_serve(service, args) -> int:
    token = api_token()
    if args.show_token:
        print(token)
        return 0
    # Lazy (see cli/__init__): FastAPI and uvicorn load only when serving, not for --show-token.
    from goals_desktop.api.server import is_loopback, serve

    # The server's own messages (and any bug's traceback) go to the log file, redacted, not the console.
    setup_logging()

    if not is_loopback(args.host):
        print(
            f"goals-desktop: warning: listening on {args.host} makes the API reachable from other machines; "
            "anyone there with the token can read and change your goals, and the traffic is not encrypted.",
            file=sys.stderr,
            flush=True,
        )
    asyncio.run(
        serve(
            service,
            args.host,
            args.port,
            token=token,
            allowed_hosts=args.allow_host,
            cors_origins=args.cors_origin,
        )
    )
    return 0
