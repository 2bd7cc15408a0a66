"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests, benchmarks and manual runs.

Speaks /v1/chat/completions (SSE streaming, chunked transfer encoding) and /v1/models. Each test
scripts replies: content pieces, raw byte splits, delays, status codes with error bodies, a dropped
connection, reasoning_content deltas, a usage-only final chunk. Every request is recorded.

    python -m tests.support.openai_server --port 8089 --milestones 40 --tokens-per-second 2000
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def milestone_lines(count: int, prefix: str = "Milestone", start: int = 1) -> str:
    """`count` milestones in the one-JSON-object-per-line format, each depending on the previous."""
    lines = []
    for index in range(start, start + count):
        lines.append(
            json.dumps(
                {
                    "id": f"m{index}",
                    "label": f"{prefix} {index}",
                    "steps": [f"Step {index}.1", f"Step {index}.2", f"Step {index}.3"],
                    "estimated_time": f"{index} weeks",
                    "resources": [f"Book {index}"],
                    "depends_on": [f"m{index - 1}"] if index > start else [],
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines) + "\n"


def split_every(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


@dataclass
class Reply:
    """One scripted answer. `content` is split into `pieces` (or `chunk_size`-char tokens)."""

    content: str = ""
    pieces: list[str] | None = None
    chunk_size: int = 4
    status: int = 200
    error_body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    reasoning: list[str] = field(default_factory=list)  # reasoning_content deltas sent first
    finish_reason: str | None = "stop"
    usage_chunk: bool = False
    tokens_per_second: float = 0.0  # 0 = as fast as possible
    delay_before: float = 0.0
    drop_after: int | None = None  # close the socket after this many content pieces
    byte_split: int | None = None  # re-split the SSE bytes into HTTP chunks of this many bytes
    send_done: bool = True


class Endpoint:
    """What one client sees: the replies scripted for it, the requests it made, its streams."""

    def __init__(self, models: list[str] | None = None, default: Reply | None = None) -> None:
        self.models = models if models is not None else ["test-model", "other-model"]
        self.replies: deque[Reply] = deque()
        self.default = default
        self.requests: list[dict[str, Any]] = []
        self.active_streams = 0
        self.closed_streams = 0
        # perf_counter() when each content piece holding a newline was written (benchmarks use it).
        self.line_sent_times: list[float] = []
        self._lock = threading.Lock()

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Reply:
        with self._lock:
            if self.replies:
                return self.replies.popleft()
        return self.default or Reply(content=milestone_lines(6))


class Tenant(Endpoint):
    """An endpoint of its own on a running server, under its own path (`/t/N/v1`): a test gets a
    fresh script without a server start, and a request a previous test left in flight still
    lands on that test's endpoint, never on this one."""

    def __init__(self, server: OpenAIServer, number: int) -> None:
        super().__init__()
        self.server = server
        self.number = number

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/t/{self.number}/v1"


class OpenAIServer(Endpoint):
    """Start with `with OpenAIServer() as server:`; `server.base_url` ends in /v1. `tenant()` gives
    a fresh endpoint on the same server (tests/conftest.py's `llm_server`)."""

    def __init__(self, port: int = 0, models: list[str] | None = None, default: Reply | None = None) -> None:
        super().__init__(models, default)
        self._tenants: dict[int, Tenant] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        # A short poll: stop() waits for the serving loop to look up (0.05 s made every test pay ~50 ms).
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="openai-test-server", daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def tenant(self) -> Tenant:
        with self._lock:
            tenant = Tenant(self, len(self._tenants) + 1)
            self._tenants[tenant.number] = tenant
        return tenant

    def endpoint_for(self, path: str) -> Endpoint:
        parts = path.split("/")
        if len(parts) > 3 and parts[1] == "t" and parts[2].isdigit() and int(parts[2]) in self._tenants:
            return self._tenants[int(parts[2])]
        return self

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(server: OpenAIServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        @property
        def endpoint(self) -> Endpoint:
            return server.endpoint_for(self.path)

        def _record(self, body: Any) -> None:
            endpoint = self.endpoint
            with endpoint._lock:
                endpoint.requests.append(
                    {"path": self.path, "method": self.command, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                )

        def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._record(None)
            endpoint = self.endpoint
            if self.path.rstrip("/").endswith("/models"):
                reply = endpoint.replies[0] if endpoint.replies and endpoint.replies[0].status != 200 else None
                if reply is not None:
                    endpoint.next_reply()
                    self._json(reply.status, reply.error_body or {"error": {"message": "error"}}, reply.headers)
                    return
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "test"} for m in endpoint.models]})
            else:
                self._json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            self._record(body)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": "not found"}})
                return
            endpoint = self.endpoint
            reply = endpoint.next_reply()
            if reply.delay_before:
                time.sleep(reply.delay_before)
            if reply.status != 200:
                error = reply.error_body or {"error": {"message": f"HTTP {reply.status}", "type": "error"}}
                self._json(reply.status, error, reply.headers)
                return
            model = (body or {}).get("model", "test-model")
            with endpoint._lock:
                endpoint.active_streams += 1
            try:
                self._stream(reply, model, endpoint)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with endpoint._lock:
                    endpoint.active_streams -= 1
                    endpoint.closed_streams += 1

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        def _stream(self, reply: Reply, model: str, endpoint: Endpoint) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()

            def event(delta: dict[str, Any] | None, finish: str | None = None, usage: dict | None = None) -> bytes:
                data: dict[str, Any] = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": model}
                data["choices"] = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
                if usage is not None:
                    data["usage"] = usage
                return b"data: " + json.dumps(data, ensure_ascii=False).encode() + b"\n\n"

            pieces = reply.pieces if reply.pieces is not None else split_every(reply.content, reply.chunk_size)
            delay = 1.0 / reply.tokens_per_second if reply.tokens_per_second else 0.0
            frames: list[bytes] = [event({"role": "assistant", "content": ""})]
            frames += [event({"reasoning_content": r}) for r in reply.reasoning]
            frames += [event({"content": p}) for p in pieces]
            line_ends = {1 + len(reply.reasoning) + i for i, p in enumerate(pieces) if "\n" in p}
            content_start = 1 + len(reply.reasoning)
            frames.append(event({}, reply.finish_reason))
            if reply.usage_chunk:
                frames.append(event(None, usage={"prompt_tokens": 10, "completion_tokens": len(pieces), "total_tokens": 10 + len(pieces)}))
            if reply.send_done:
                frames.append(b"data: [DONE]\n\n")
            if reply.drop_after is not None:
                frames = frames[: content_start + reply.drop_after]
            if reply.byte_split:
                blob = b"".join(frames)
                frames = [blob[i : i + reply.byte_split] for i in range(0, len(blob), reply.byte_split)]
            next_time = time.perf_counter()
            for index, frame in enumerate(frames):
                if delay:
                    next_time += delay
                    pause = next_time - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                self._chunk(frame)
                if index in line_ends and not reply.byte_split:
                    endpoint.line_sent_times.append(time.perf_counter())
            if reply.drop_after is not None:
                # Abrupt end: no terminating chunk, so the client sees a broken stream.
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Loopback OpenAI-compatible server streaming a fake roadmap.")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--milestones", type=int, default=12)
    parser.add_argument("--tokens-per-second", type=float, default=200.0)
    args = parser.parse_args()
    server = OpenAIServer(port=args.port, default=Reply(content=milestone_lines(args.milestones), tokens_per_second=args.tokens_per_second))
    server.start()
    print(f"Serving on {server.base_url}  (OPENAI_BASE_URL={server.base_url} GOALS_DESKTOP_MODEL=test-model); Ctrl+C stops.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
