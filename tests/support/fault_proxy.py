"""A loopback HTTP proxy in front of a real server that misbehaves on request: answers a status
instead of forwarding (every PUT 412; everything 5xx after N requests), or rewrites the bodies of
REPORT replies (to serve malformed iCalendar that the real server would never accept)."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# accept-encoding: replies stay uncompressed, so they can be rewritten.
_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "accept-encoding"}


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        target = urlsplit(upstream)
        self.upstream = (target.hostname, target.port)
        self.put_status: int | None = None  # answer every PUT with this instead of forwarding
        self.fail_after: int | None = None  # forward this many requests, then answer fail_status
        self.fail_status = 503
        self.rewrite: Callable[[bytes], bytes] | None = None  # applied to REPORT replies
        self.forwarded = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status = proxy._fault(self.command)
                if status is not None:
                    self._answer(status, {}, b"")
                    return
                conn = http.client.HTTPConnection(*proxy.upstream, timeout=20)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                conn.request(self.command, self.path, body=body, headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                if self.command == "REPORT" and proxy.rewrite is not None:
                    data = proxy.rewrite(data)
                self._answer(reply.status, {k: v for k, v in reply.getheaders() if k.lower() not in _HOP}, data)
                conn.close()

            def _answer(self, status: int, headers: dict, data: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = do_MKCALENDAR = do_PROPPATCH = do_HEAD = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def _fault(self, method: str) -> int | None:
        with self.lock:
            if method == "PUT" and self.put_status is not None:
                return self.put_status
            if self.fail_after is not None and self.forwarded >= self.fail_after:
                return self.fail_status
            self.forwarded += 1
            return None

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
