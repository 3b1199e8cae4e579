"""A small HTTP proxy in front of a real local registry, for tests that need a registry to misbehave.

Rules see each request and may answer instead of the registry, add response headers, redirect, or cut a
response body short. Every request is recorded (method, path, headers) for assertions.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Action:
    status: int | None = None  # answer ourselves with this status
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # added to our answer or to the forwarded one
    cut_after: int | None = None  # forward, but close the connection after this many body bytes
    delay: float = 0.0


Rule = Callable[[Seen], Action | None]

_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "host"}


class InterposingProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream  # host:port of the real registry
        self.rules: list[Rule] = []
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _handle(self) -> None:
                proxy._serve(self)

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> InterposingProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> InterposingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requests(self, method: str | None = None, contains: str = "") -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if (method is None or s.method == method) and contains in s.path]

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        seen = Seen(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.seen.append(seen)
        length = int(handler.headers.get("content-length") or 0)
        action = next((a for a in (rule(seen) for rule in list(self.rules)) if a is not None), None)
        if action and action.delay:
            threading.Event().wait(action.delay)
        if action and action.status is not None:
            if length:
                handler.rfile.read(length)
            handler.send_response(action.status)
            for key, value in action.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(action.body)))
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(action.body)
            return
        self._forward(handler, length, action)

    def _forward(self, handler: BaseHTTPRequestHandler, length: int, action: Action | None) -> None:
        conn = http.client.HTTPConnection(self.upstream, timeout=60)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        headers["Host"] = self.upstream
        conn.putrequest(handler.command, handler.path, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.endheaders()
        remaining = length
        while remaining > 0:
            chunk = handler.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            conn.send(chunk)
            remaining -= len(chunk)
        response = conn.getresponse()
        handler.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() in _HOP:
                continue
            if key.lower() == "location" and value.startswith(f"http://{self.upstream}"):
                value = f"http://{self.host}" + value[len(f"http://{self.upstream}") :]  # noqa: PLW2901
            handler.send_header(key, value)
        for key, value in (action.headers if action else {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        sent = 0
        limit = action.cut_after if action else None
        while handler.command != "HEAD":
            chunk = response.read(1 << 16)
            if not chunk:
                break
            if limit is not None and sent + len(chunk) > limit:
                handler.wfile.write(chunk[: limit - sent])
                handler.wfile.flush()
                handler.close_connection = True
                break
            handler.wfile.write(chunk)
            sent += len(chunk)
        conn.close()
