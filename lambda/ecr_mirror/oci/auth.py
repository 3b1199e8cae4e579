"""Registry authentication: WWW-Authenticate challenges, Bearer tokens per scope, Basic.

A registry answers 401 with a challenge. `Basic` (ECR, htpasswd registries) takes the credentials directly.
`Bearer` (Docker Hub, GHCR, Quay, distribution with token auth) sends us to a token realm, anonymously or with
the credentials, for a token scoped to `repository:NAME:ACTIONS`. Tokens are cached per scope and replaced on
expiry or on a 401. Tokens are only ever sent to the registry they were issued for.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field

import httpx

from ecr_mirror.errors import AuthError, SecurityError, UnsupportedError
from ecr_mirror.oci.bodies import MAX_TOKEN_BODY
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.manifest import json_document
from ecr_mirror.oci.policy import host_of
from ecr_mirror.oci.transport import Transport

log = logging.getLogger(__name__)

_PARAM_RE = re.compile(r'\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)\s*(,|$)')
_SCHEME_RE = re.compile(r"\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s+|$)")
DEFAULT_TOKEN_LIFETIME = 60.0
MAX_TOKEN_LIFETIME = 24 * 3600.0  # a longer `expires_in` (10**400 included) is taken as a day: a 401 renews it anyway
EXPIRY_MARGIN = 10.0
# What a Bearer token may hold to be sent in a header: visible ASCII, no space (RFC 6750's b64token is narrower).
# Anything else (non-ASCII, CR/LF that would inject a header) is refused once, not retried as a network fault.
_TOKEN_RE = re.compile(r"[\x21-\x7e]+")


@dataclass(frozen=True)
class Challenge:
    scheme: str  # lower case: "bearer", "basic"
    params: dict[str, str]

    @property
    def realm(self) -> str | None:
        return self.params.get("realm")


def parse_challenges(header: str) -> list[Challenge]:
    """Parse a WWW-Authenticate value, which may hold several challenges with quoted, comma-bearing params."""
    challenges: list[Challenge] = []
    pos = 0
    while pos < len(header):
        scheme_match = _SCHEME_RE.match(header, pos)
        if not scheme_match:
            break
        scheme, pos = scheme_match.group(1).lower(), scheme_match.end()
        params: dict[str, str] = {}
        while pos < len(header):
            param = _PARAM_RE.match(header, pos)
            if not param:
                break
            key, value = param.group(1).lower(), param.group(2)
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            params[key] = value
            pos = param.end()
        challenges.append(Challenge(scheme, params))
        while pos < len(header) and header[pos] in ", ":
            pos += 1
    return challenges


def scope_for(repository: str, actions: str, *extra: str) -> str:
    """One scope string (several scopes space-separated, as the token spec allows)."""
    return " ".join([f"repository:{repository}:{actions}", *extra])


@dataclass
class _Token:
    value: str = field(repr=False)  # never in a log line or a traceback's locals
    expires_at: float


class RegistryAuth:
    """Authorization for one registry host: the learned challenge and a token cache keyed by scope."""

    def __init__(
        self, registry: str, credentials: Credentials | None, transport: Transport, missing: str | None = None
    ) -> None:
        self.registry = registry
        self.credentials = credentials
        self.missing = missing  # why there are no credentials, when a credential helper failed
        self.transport = transport
        self.challenge: Challenge | None = None
        self._tokens: dict[str, _Token] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock(self, scope: str) -> asyncio.Lock:
        return self._locks.setdefault(scope, asyncio.Lock())

    def header(self, scope: str) -> str | None:
        """The Authorization value to send for `scope`, if we have one that is still fresh."""
        if self.challenge is None:
            return None
        if self.challenge.scheme == "basic":
            return self.credentials.basic() if self.credentials else None
        token = self._tokens.get(scope)
        if token and token.expires_at - EXPIRY_MARGIN > time.monotonic():
            return f"Bearer {token.value}"
        return None

    def needs_token(self, scope: str) -> bool:
        return self.challenge is not None and self.challenge.scheme == "bearer" and self.header(scope) is None

    async def on_unauthorized(self, response: httpx.Response, scope: str) -> None:
        """Learn from a 401: take its challenge and obtain a fresh token (or decide Basic)."""
        challenges = parse_challenges(response.headers.get("www-authenticate", ""))
        chosen = next((c for c in challenges if c.scheme == "bearer"), None) or next(
            (c for c in challenges if c.scheme == "basic"), None
        )
        if chosen is None:
            raise AuthError(
                f"{self.registry} answered 401 without a usable challenge", status=401, url=str(response.url)
            )
        self.challenge = chosen
        if chosen.scheme == "basic":
            if self.credentials is None:
                raise AuthError(
                    f"{self.registry} requires a login and no credentials are configured for it"
                    + (f" ({self.missing})" if self.missing else ""),
                    status=401,
                )
            # Only a request that carried our Basic credentials proves them wrong: concurrent requests sent
            # before the challenge was learned come back 401 too, and simply retry with the credentials.
            if _sent_basic(response):
                raise AuthError(f"{self.registry} rejected the configured username or password", status=401)
            return
        sent = response.request.headers.get("authorization")
        async with self._lock(scope):
            # Concurrent requests with the same stale token all come back 401: the first one renews it,
            # the others use the renewed token instead of asking the token server again.
            current = self.header(scope)
            if current is not None and current != sent:
                return
            self._tokens.pop(scope, None)
            await self.fetch_token(scope)

    async def ensure(self, scope: str) -> None:
        if not self.needs_token(scope):
            return
        async with self._lock(scope):
            if self.needs_token(scope):
                await self.fetch_token(scope)

    async def fetch_token(self, scope: str) -> None:
        assert self.challenge is not None
        realm = self.challenge.realm
        if not realm:
            raise AuthError(f"{self.registry}: Bearer challenge has no realm", status=401)
        params: list[tuple[str, str | int | float | bool | None]] = [("scope", part) for part in scope.split()]
        if "service" in self.challenge.params:
            params.insert(0, ("service", self.challenge.params["service"]))
        try:
            url = httpx.URL(realm).copy_merge_params(params)
        except httpx.InvalidURL as exc:
            raise SecurityError(f"{self.registry}: token realm refused: {realm[:200]!r} is not a valid URL") from exc
        headers = {"Accept": "application/json"}
        if self.credentials:
            headers["Authorization"] = self.credentials.basic()
        try:
            response = await self.transport.send(
                "GET",
                url,
                headers=headers,
                purpose=f"token request to {realm}",
                via=host_of(self.registry),
                max_body=MAX_TOKEN_BODY,
            )
        except SecurityError as exc:
            raise SecurityError(f"{self.registry}: token realm refused: {exc}") from exc
        if response.status_code in (401, 403):
            who = "the configured credentials were" if self.credentials else "anonymous access was"
            raise AuthError(
                f"{self.registry}: token server refused {scope!r} ({who} rejected, HTTP {response.status_code})",
                status=response.status_code,
            )
        if response.status_code != 200:
            raise AuthError(f"{self.registry}: token server answered HTTP {response.status_code}", response.status_code)
        self._tokens[scope] = _parse_token(self.registry, response)


def _sent_basic(response: httpx.Response) -> bool:
    return str(response.request.headers.get("authorization", "")).lower().startswith("basic ")


def _parse_token(registry: str, response: httpx.Response) -> _Token:
    try:
        data = json_document(response.content, f"{registry}: the token server's answer")
    except UnsupportedError as exc:
        raise AuthError(str(exc), 200) from exc
    value = data.get("token") or data.get("access_token")
    if not isinstance(value, str) or not value:
        raise AuthError(f"{registry}: token server answer has no token", 200)
    if not _TOKEN_RE.fullmatch(value):  # the token itself is never quoted: it is a credential, even a broken one
        raise AuthError(
            f"{registry}: token server answered a token with characters not allowed in an HTTP header "
            "(only visible ASCII); refused",
            200,
        )
    lifetime = data.get("expires_in")
    seconds = DEFAULT_TOKEN_LIFETIME
    if isinstance(lifetime, int | float) and not isinstance(lifetime, bool) and lifetime > 0:
        # Compared before any float(): an int like 10**400 has no float, and inf or a year is capped alike.
        seconds = MAX_TOKEN_LIFETIME if lifetime >= MAX_TOKEN_LIFETIME else float(lifetime)
    return _Token(value, time.monotonic() + max(seconds, EXPIRY_MARGIN + 1))
