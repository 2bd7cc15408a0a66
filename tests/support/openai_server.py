"""A real loopback HTTP server that speaks the OpenAI Chat Completions streaming protocol.

Scripted per request (chunks, byte splits, delays, errors, dropped connections, reasoning deltas,
a usage-only final chunk), recording what it received. Used by the tests, the benchmarks and the
frozen-app test; no pytest needed:

    python -m tests.support.openai_server --port 8765 --milestones 40 --tokens-per-second 2000
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    """What the server does for one /v1/chat/completions request."""

    content: list[str] = field(default_factory=list)  # content deltas, one SSE chunk each
    reasoning: list[str] = field(default_factory=list)  # reasoning_content deltas sent first
    finish_reason: str = "stop"
    usage_chunk: bool = True  # a final chunk with no choices, only usage
    status: int = 200
    error_body: dict[str, Any] | None = None
    drop_after: int | None = None  # close the socket after this many content chunks, no [DONE]
    delay: float = 0.0  # seconds before each chunk
    first_delay: float = 0.0  # seconds before the response starts
    split_bytes: int | None = None  # re-cut the whole SSE byte stream into pieces of this size
    crlf: bool = False  # SSE lines end with \r\n


def milestone_lines(count: int, prefix: str = "Milestone", chain: bool = True) -> str:
    """A well-formed answer in the app's line format: one JSON object per line."""
    lines = []
    for index in range(1, count + 1):
        lines.append(
            json.dumps(
                {
                    "id": f"m{index}",
                    "label": f"{prefix} {index}",
                    "steps": [f"Step {index}.{s}" for s in range(1, 4)],
                    "estimated_time": f"{index} weeks",
                    "resources": [f"https://example.org/{index}"],
                    "depends_on": [f"m{index - 1}"] if chain and index > 1 else [],
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(lines) + "\n"


def tokens(text: str, size: int = 4) -> list[str]:
    """Cut text into token-sized pieces (anywhere: inside words, strings, escapes)."""
    return [text[i : i + size] for i in range(0, len(text), size)]


class OpenAIServer:
    def __init__(self, models: list[str] | None = None, port: int = 0) -> None:
        self.models = models or ["test-model", "other-model"]
        self.scripts: list[Script] = []
        self.default_script = Script(content=tokens(milestone_lines(6)))
        self.requests: list[dict[str, Any]] = []
        self.models_status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _record(self, body: Any) -> None:
                server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})

            def _json(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._record(None)
                if self.path.rstrip("/").endswith("/models"):
                    if server.models_status != 200:
                        return self._json(server.models_status, {"error": {"message": "nope", "type": "error"}})
                    return self._json(200, {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "test"} for m in server.models]})
                self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode(errors="replace")
                self._record(body)
                script = server.scripts.pop(0) if server.scripts else server.default_script
                if script.first_delay:
                    time.sleep(script.first_delay)
                if script.status != 200:
                    return self._json(script.status, script.error_body or {"error": {"message": f"status {script.status}", "type": "error"}})
                model = body.get("model", "test-model") if isinstance(body, dict) else "test-model"
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                try:
                    self._stream(script, model)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away (cancelled): that is its right

            def _stream(self, script: Script, model: str) -> None:
                newline = "\r\n" if script.crlf else "\n"

                def event(payload: Any) -> bytes:
                    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
                    return f"data: {text}{newline}{newline}".encode()

                def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
                    return event(
                        {
                            "id": "chatcmpl-test",
                            "object": "chat.completion.chunk",
                            "created": int(time.time()),
                            "model": model,
                            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                        }
                    )

                pieces: list[bytes] = [chunk({"role": "assistant", "content": ""})]
                pieces += [chunk({"reasoning_content": r}) for r in script.reasoning]
                content = [chunk({"content": c}) for c in script.content]
                dropped = script.drop_after is not None
                if dropped:
                    content = content[: script.drop_after]
                pieces += content
                if not dropped:
                    pieces.append(chunk({}, script.finish_reason))
                    if script.usage_chunk:
                        pieces.append(
                            event(
                                {
                                    "id": "chatcmpl-test",
                                    "object": "chat.completion.chunk",
                                    "created": int(time.time()),
                                    "model": model,
                                    "choices": [],
                                    "usage": {"prompt_tokens": 50, "completion_tokens": len(script.content), "total_tokens": 50 + len(script.content)},
                                }
                            )
                        )
                    pieces.append(event("[DONE]"))
                if script.split_bytes:
                    whole = b"".join(pieces)
                    pieces = [whole[i : i + script.split_bytes] for i in range(0, len(whole), script.split_bytes)]
                for piece in pieces:
                    if script.delay:
                        time.sleep(script.delay)
                    self.wfile.write(piece)
                    self.wfile.flush()
                if dropped:
                    # Cut the connection hard, as a crashed server or a dropped network would.
                    self.connection.shutdown(2)

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="openai-loopback", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Loopback OpenAI-compatible streaming server for manual runs.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--milestones", type=int, default=8)
    parser.add_argument("--tokens-per-second", type=float, default=200.0)
    args = parser.parse_args()
    server = OpenAIServer(port=args.port)
    server.default_script = Script(content=tokens(milestone_lines(args.milestones)), delay=1.0 / args.tokens_per_second)
    server.start()
    print(f"serving on {server.url} (OPENAI_BASE_URL={server.url}); Ctrl+C to stop", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
