"""A small HTTP proxy in front of a real local registry, for tests that need a registry to misbehave.

Rules see each request and may answer instead of the registry, add response headers, redirect, rewrite or cut a
response body short (after some bytes, or some share of it), stall it, hide Range support from the registry, or
stream a body of any size without holding it. Every request is recorded (method, path, headers, body bytes received) for
assertions. With no upstream (or when a rule answers everything) it is a plain scripted HTTP server, e.g. a
"CDN" or a hostile host that records what it was sent.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    received: int = 0  # request body bytes that arrived (less than Content-Length when the client gave up)
    declared: int = 0  # the request's Content-Length
    sent: int = 0  # response body bytes relayed to the client (what a client "fetched")
    status: int = 0  # the status answered


@dataclass
class Action:
    status: int | None = None  # answer ourselves with this status
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # added to our answer or to the forwarded one
    cut_after: int | None = None  # forward, but close the connection after this many body bytes
    delay: float = 0.0  # wait this long before answering
    rewrite: Callable[[bytes], bytes] | None = None  # forward, replacing the upstream body (Content-Length fixed)
    stall_after: int | None = None  # forward, but pause `stall` seconds after this many body bytes
    stall: float = 0.0
    cut_fraction: float | None = None  # forward, but close the connection after this share of the body
    strip_range: bool = False  # forward without the Range header: an upstream that does not support ranges
    stream: Callable[[], Iterable[bytes]] | None = None  # answer `status` with this body, produced as it is sent
    # With `delay` or `stall`: wait for this event instead, `delay` or `stall` seconds at most (a signal from the
    # test, such as "the client asked again", so a loaded machine cannot change the outcome).
    until: threading.Event | None = None


Rule = Callable[[Seen], Action | None]

_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "host"}
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class InterposingProxy:
    def __init__(self, upstream: str | None = None, *, host: str = "127.0.0.1") -> None:
        self.upstream = upstream  # host:port of the real registry; None: rules must answer everything
        self.rules: list[Rule] = []
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _handle(self) -> None:
                try:
                    proxy._serve(self)
                except _GONE:  # the client gave up (timeout, aborted upload): nothing left to answer
                    self.close_connection = True

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

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
        length = int(handler.headers.get("content-length") or 0)
        seen = Seen(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()}, 0, length)
        with self._lock:
            self.seen.append(seen)
        action = next((a for a in (rule(seen) for rule in list(self.rules)) if a is not None), None)
        if action and action.delay:
            (action.until or threading.Event()).wait(action.delay)
        if (action and action.status is not None) or self.upstream is None:
            answer = action if action and action.status is not None else Action(status=502, body=b"no upstream")
            self._read_body(handler, seen, length, None)
            with self._lock:
                seen.status = answer.status or 0
            self._answer(handler, answer, seen)
            return
        self._forward(handler, seen, length, action)

    def _read_body(
        self, handler: BaseHTTPRequestHandler, seen: Seen, length: int, sink: http.client.HTTPConnection | None
    ) -> None:
        remaining = length
        while remaining > 0:
            chunk = handler.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            with self._lock:
                seen.received += len(chunk)
            if sink is not None:
                sink.send(chunk)
            remaining -= len(chunk)
        if remaining > 0:
            handler.close_connection = True

    def _answer(self, handler: BaseHTTPRequestHandler, action: Action, seen: Seen) -> None:
        assert action.status is not None
        handler.send_response(action.status)
        for key, value in action.headers.items():
            handler.send_header(key, value)
        if action.stream is not None:
            handler.send_header("Connection", "close")  # no length given: the body ends when the connection does
            handler.close_connection = True
        elif not any(k.lower() == "content-length" for k in action.headers):
            handler.send_header("Content-Length", str(len(action.body)))
        handler.end_headers()
        if handler.command == "HEAD":
            return
        for chunk in action.stream() if action.stream is not None else [action.body]:
            handler.wfile.write(chunk)
            with self._lock:
                seen.sent += len(chunk)

    def _forward(self, handler: BaseHTTPRequestHandler, seen: Seen, length: int, action: Action | None) -> None:
        assert self.upstream is not None
        conn = http.client.HTTPConnection(self.upstream, timeout=60)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
            if action and action.strip_range:
                headers = {k: v for k, v in headers.items() if k.lower() not in ("range", "if-range")}
            headers["Host"] = self.upstream
            conn.putrequest(handler.command, handler.path, skip_host=True, skip_accept_encoding=True)
            for key, value in headers.items():
                conn.putheader(key, value)
            conn.endheaders()
            self._read_body(handler, seen, length, conn)
            if seen.received < length:
                return  # the client gave up mid-body: so does the upstream request (never completed)
            response = conn.getresponse()
            with self._lock:
                seen.status = response.status
            body: bytes | None = None
            if action and action.rewrite is not None:
                body = action.rewrite(response.read())
            handler.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() in _HOP or (body is not None and key.lower() == "content-length"):
                    continue
                if key.lower() == "location" and value.startswith(f"http://{self.upstream}"):
                    value = f"http://{self.host}" + value[len(f"http://{self.upstream}") :]  # noqa: PLW2901
                handler.send_header(key, value)
            if body is not None:
                handler.send_header("Content-Length", str(len(body)))
            for key, value in (action.headers if action else {}).items():
                handler.send_header(key, value)
            handler.end_headers()
            if handler.command == "HEAD":
                return
            if body is not None:
                handler.wfile.write(body)
                return
            self._relay(handler, response, action, seen)
        finally:
            conn.close()

    def _relay(
        self, handler: BaseHTTPRequestHandler, response: http.client.HTTPResponse, action: Action | None, seen: Seen
    ) -> None:
        sent = 0
        limit = action.cut_after if action else None
        if action and action.cut_fraction is not None:
            limit = int(int(response.getheader("content-length") or 0) * action.cut_fraction)
        stall_at = action.stall_after if action else None
        while True:
            chunk = response.read(1 << 16)
            if not chunk:
                break
            if stall_at is not None and action is not None and sent + len(chunk) > stall_at:
                handler.wfile.write(chunk[: stall_at - sent])
                handler.wfile.flush()
                with self._lock:
                    seen.sent += stall_at - sent
                (action.until or threading.Event()).wait(action.stall)
                chunk, sent, stall_at = chunk[stall_at - sent :], stall_at, None
            if limit is not None and sent + len(chunk) > limit:
                handler.wfile.write(chunk[: limit - sent])
                handler.wfile.flush()
                with self._lock:
                    seen.sent += limit - sent
                handler.close_connection = True
                # Shut the socket so the client sees the connection end now, not at its read timeout.
                with contextlib.suppress(OSError):
                    handler.connection.shutdown(2)
                break
            handler.wfile.write(chunk)
            sent += len(chunk)
            with self._lock:
                seen.sent += len(chunk)
