"""TokenServer: a Docker-Hub-like token service (auth.docker.io) on a free loopback port.

    GET /token?service=SVC&scope=repository:NAME:pull,push&scope=...
        no Authorization   anonymous: `pull` on public repositories (default: every repository is public)
        Basic user:pass    the actions granted to that user (default: pull,push on every repository); wrong -> 401
        -> 200 {"token", "access_token", "expires_in", "issued_at"}

Tokens are JWTs the real registry accepts (see jwt_sign.py). Every request is recorded (`requests`), tokens are
counted (`tokens_issued`), and failures can be injected (`fail_next`). Use with LocalRegistry(token=server).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import fnmatch
import json
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ecr_mirror.lab.defaults import DEFAULT_PASSWORD, DEFAULT_USER
from ecr_mirror.lab.jwt_sign import Algorithm, encode, new_identity

TOKEN_PATH = "/token"
DEFAULT_GRANTS: Mapping[str, Collection[str]] = {"*": ("pull", "push")}


@dataclass(frozen=True)
class User:
    password: str
    grants: Mapping[str, Collection[str]] = field(default_factory=lambda: dict(DEFAULT_GRANTS))
    """Pattern (fnmatch) -> actions. Patterns match repository names, or "type:name" for other scopes
    (e.g. "registry:catalog" -> ["*"]). The action "*" grants whatever was asked for."""


@dataclass(frozen=True)
class Grant:
    type: str
    name: str
    actions: tuple[str, ...]

    def claim(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "actions": list(self.actions)}


@dataclass(frozen=True)
class TokenRequest:
    method: str
    path: str
    username: str | None  # None: anonymous, or refused credentials
    authorization: bool  # whether an Authorization header was sent
    service: str | None
    scopes: tuple[str, ...]
    status: int
    granted: tuple[Grant, ...]
    params: dict[str, list[str]]


def parse_scope(scope: str) -> tuple[str, str, tuple[str, ...]] | None:
    """'repository:library/alpine:pull,push' -> ("repository", "library/alpine", ("pull", "push"))."""
    kind, sep, rest = scope.partition(":")
    name, sep2, actions = rest.rpartition(":")
    if not (sep and sep2 and kind and name):
        return None
    return kind, name, tuple(a for a in actions.split(",") if a)


class TokenServer:
    def __init__(
        self,
        *,
        users: Mapping[str, str | User] | None = None,
        public: Iterable[str] | None = None,
        service: str = "lab-registry",
        issuer: str = "ecr-mirror-lab-token-server",
        alg: Algorithm = "RS256",
        expires_in: int | None = 300,
        exp_offset: int = 0,
        offset_tokens: int | None = None,
        response_fields: Sequence[str] = ("token", "access_token"),
        require_service: bool = True,
    ) -> None:
        """
        users: name -> password (default grants) or User; default {"lab": "lab-secret"}.
        public: repository patterns anonymous users may pull; None = all, () = none.
        expires_in: seconds announced in the answer and used for the JWT `exp`; None omits `expires_in`
            from the answer (clients then assume 60 s) and uses 60 s.
        exp_offset: added to `exp` only. The registry allows 60 s leeway, so -120 mints tokens it already
            rejects as expired, while clients still see a fresh `expires_in`.
        offset_tokens: how many of the next served tokens get `exp_offset` (None = all); later ones get
            the plain lifetime, so a test can expire one token and know its renewal is a good one.
        response_fields: which of "token"/"access_token" the answer carries.
        require_service: answer 400 when `service` is missing or not ours.
        """
        raw_users = {DEFAULT_USER: DEFAULT_PASSWORD} if users is None else users
        self.users = {n: u if isinstance(u, User) else User(u) for n, u in raw_users.items()}
        self.public = None if public is None else tuple(public)
        self._service = service
        self._issuer = issuer
        self.expires_in = expires_in
        self.exp_offset = exp_offset
        self.offset_tokens = offset_tokens
        self.response_fields = tuple(response_fields)
        self.require_service = require_service
        self.identity = new_identity(alg)
        self.workdir = Path(tempfile.mkdtemp(prefix="ecr-mirror-lab-tokens-"))
        self._cert = self.workdir / "token-signer.pem"
        self._cert.write_bytes(self.identity.cert_pem)
        self._lock = threading.Lock()
        self._requests: list[TokenRequest] = []
        self._issued = 0
        self._failures: list[tuple[int, str]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- what the registry needs (registry.TokenAuthority) ----------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("TokenServer is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def realm(self) -> str:
        return self.url + TOKEN_PATH

    @property
    def service(self) -> str:
        return self._service

    @property
    def issuer(self) -> str:
        return self._issuer

    @property
    def rootcertbundle(self) -> Path:
        return self._cert

    @property
    def credentials(self) -> tuple[str, str] | None:
        """The first user's (name, password), e.g. for pushing seed images."""
        for name, user in self.users.items():
            return name, user.password
        return None

    # -- lifecycle --------------------------------------------------------------------------------------------
    def start(self) -> TokenServer:
        if self._server is not None:
            return self
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="lab-token-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> TokenServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- observation and control ------------------------------------------------------------------------------
    @property
    def requests(self) -> list[TokenRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def tokens_issued(self) -> int:
        with self._lock:
            return self._issued

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._issued = 0
            self._failures.clear()

    def fail_next(self, status: int, count: int = 1, body: str = '{"details":"injected failure"}') -> None:
        """Answer the next `count` token requests with `status` (e.g. 500, 503, 429)."""
        with self._lock:
            self._failures.extend([(status, body)] * count)

    def mint(
        self, grants: Iterable[Grant], subject: str = DEFAULT_USER, lifetime: int | None = None, offset: bool = True
    ) -> str:
        """A token for `grants`, signed like the served ones (does not count as issued)."""
        now = int(time.time())
        life = lifetime if lifetime is not None else (self.expires_in or 60)
        claims = {
            "iss": self.issuer,
            "sub": subject,
            "aud": self.service,
            "exp": now + life + (self.exp_offset if offset else 0),
            "nbf": now - 1,
            "iat": now,
            "jti": uuid.uuid4().hex,
            "access": [g.claim() for g in grants],
        }
        return encode(claims, self.identity)

    # -- request handling -------------------------------------------------------------------------------------
    def _authenticate(self, header: str | None) -> tuple[str | None, bool]:
        """(username, ok). No header or a non-Basic one is anonymous; bad Basic credentials are not ok."""
        if not header or not header.lower().startswith("basic "):
            return None, True
        try:
            name, _, password = base64.b64decode(header[6:].strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None, False
        user = self.users.get(name)
        if user is None or user.password != password:
            return None, False
        return name, True

    def _allowed(self, username: str | None, kind: str, name: str) -> set[str]:
        """Repository scopes match grant patterns by name; others (registry:catalog) by "type:name"."""
        key = name if kind == "repository" else f"{kind}:{name}"
        allowed: set[str] = set()
        if kind == "repository" and (self.public is None or any(fnmatch.fnmatchcase(name, p) for p in self.public)):
            allowed.add("pull")
        if username is not None:
            for pattern, actions in self.users[username].grants.items():
                if fnmatch.fnmatchcase(key, pattern):
                    allowed.update(actions)
        return allowed

    def _grants(self, username: str | None, scopes: Sequence[str]) -> list[Grant]:
        out: list[Grant] = []
        for scope in scopes:
            parsed = parse_scope(scope)
            if parsed is None:
                continue
            kind, name, wanted = parsed
            allowed = self._allowed(username, kind, name)
            actions = tuple(a for a in wanted if a in allowed or "*" in allowed)
            if actions:
                out.append(Grant(kind, name, actions))
        return out

    def handle(self, method: str, target: str, authorization: str | None) -> tuple[int, dict[str, Any]]:
        """Answer one request (status, JSON body) and record it."""
        parts = urlsplit(target)
        params = parse_qs(parts.query)
        scopes = tuple(s for value in params.get("scope", []) for s in value.split(" ") if s)
        service = params.get("service", [None])[0]
        username, ok = self._authenticate(authorization)
        status: int = 200
        body: dict[str, Any] = {}
        granted: list[Grant] = []
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if parts.path != TOKEN_PATH:
            status, body = 404, {"details": "not found"}
        elif method != "GET":
            status, body = 405, {"details": "only GET is supported"}
        elif failure is not None:
            status, body = failure[0], json.loads(failure[1])
        elif not ok:
            status, body = 401, {"details": "incorrect username or password"}
        elif self.require_service and service != self.service:
            status, body = 400, {"details": f"unknown service {service!r}, expected {self.service!r}"}
        else:
            granted = self._grants(username, scopes)
            with self._lock:
                offset = self.offset_tokens is None or self.offset_tokens > 0
                if self.offset_tokens:
                    self.offset_tokens -= 1
            token = self.mint(granted, subject=username or "", offset=offset)
            body = {f: token for f in self.response_fields}
            if self.expires_in is not None:
                body["expires_in"] = self.expires_in
            body["issued_at"] = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
        record = TokenRequest(
            method, parts.path, username, authorization is not None, service, scopes, status, tuple(granted), params
        )
        with self._lock:
            self._requests.append(record)
            if status == 200:
                self._issued += 1
        return status, body


def _handler_for(server: TokenServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            status, body = server.handle(self.command, self.path, self.headers.get("Authorization"))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="lab-token-server"')
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # requests are recorded by TokenServer.handle

    return Handler
