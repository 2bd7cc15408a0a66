"""What uvicorn does not do our way: a header timeout for slow clients, and the token kept out of
its log lines (in any spelling)."""

from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from goals_desktop.logging_setup import redact_secret

UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "goals_desktop.api")


class RedactToken(logging.Filter):
    """uvicorn logs each WebSocket's path with its query string, where browsers put ?token=, in
    whatever spelling the client chose (%74oken=...): logging_setup.redact_secret finds it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message == "ASGI callable returned without completing handshake.":
            # uvicorn's words for a WebSocket our guards refused with an HTTP answer (a 401/400): no fault.
            return False
        cleaned = redact_secret(message, self.token)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def header_timeout_protocol(seconds: float) -> type[H11Protocol]:
    class HeaderTimeoutProtocol(H11Protocol):
        """uvicorn's h11 protocol, hanging up on a connection whose request headers have not all
        arrived `seconds` after it opened or after its previous answer (uvicorn has no such timeout)."""

        _header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(seconds, self._headers_late)

        def _headers_late(self) -> None:
            self._header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None
            super().connection_lost(exc)

    return HeaderTimeoutProtocol
