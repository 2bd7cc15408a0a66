"""The outcome of a WebSocket handshake with the real server, for the API's security tests."""

import asyncio

import websockets


def ws_status(url: str, headers: dict | None = None) -> int:
    """The HTTP status of a WebSocket handshake (101 when accepted)."""

    async def attempt() -> int:
        try:
            async with websockets.connect(url, additional_headers=headers or {}, open_timeout=10):
                return 101
        except websockets.InvalidStatus as error:
            return error.response.status_code

    return asyncio.run(attempt())
