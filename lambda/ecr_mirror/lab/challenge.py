"""The lab clients' registry authentication: answer a 401 challenge with Basic credentials or a Bearer token.

Independent of the product's own auth code on purpose, so lab seeding cannot hide a bug there.
Tokens are asked for `repository:<name>:pull,push` and cached per repository, then sent up front, so a streamed
request body is normally sent once only.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Generator

import httpx

_PARAM_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_REPO_RE = re.compile(r"^/v2/(.+)/(?:manifests|blobs|tags|referrers)/")


def parse_challenge(header: str) -> tuple[str, dict[str, str]]:
    """'Bearer realm="r",service="s"' -> ("bearer", {"realm": "r", "service": "s"})."""
    scheme, _, rest = header.strip().partition(" ")
    return scheme.lower(), dict(_PARAM_RE.findall(rest))


def basic_header(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def repository_of(path: str) -> str | None:
    match = _REPO_RE.match(path)
    return match.group(1) if match else None


class ChallengeAuth(httpx.Auth):
    """httpx auth flow for a registry using Basic or token (Bearer) authentication."""

    requires_response_body = True

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        self.credentials = credentials
        self._basic: str | None = None
        self._tokens: dict[str, str] = {}
        self.token_requests = 0

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        repo = repository_of(request.url.path) or ""
        known = self._basic or self._tokens.get(repo)
        if known:
            request.headers["Authorization"] = known
        response = yield request
        if response.status_code != 401 or "www-authenticate" not in response.headers:
            return
        scheme, params = parse_challenge(response.headers["www-authenticate"])
        if scheme == "basic":
            if self.credentials is None:
                return
            self._basic = basic_header(*self.credentials)
            header = self._basic
        elif scheme == "bearer":
            token_response = yield self._token_request(params, repo)
            if token_response.status_code != 200:
                return
            self.token_requests += 1
            body = token_response.json()
            header = "Bearer " + (body.get("token") or body["access_token"])
            self._tokens[repo] = header
        else:
            return
        if header == known:
            return  # the same credentials were just refused
        request.headers["Authorization"] = header
        yield request

    def _token_request(self, params: dict[str, str], repo: str) -> httpx.Request:
        query: list[tuple[str, str | int | float | bool | None]] = []
        if "service" in params:
            query.append(("service", params["service"]))
        if repo:
            query.append(("scope", f"repository:{repo}:pull,push"))
        elif "scope" in params:
            query.append(("scope", params["scope"]))
        headers = {"Authorization": basic_header(*self.credentials)} if self.credentials else {}
        return httpx.Request("GET", params["realm"], params=query, headers=headers)
