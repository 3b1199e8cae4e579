"""One HTTP layer for every request: URL policy, redirects we follow ourselves, retries with backoff.

Redirects are followed by hand so that each hop is checked by the URL policy and the Authorization
header is dropped as soon as a hop leaves the origin it was meant for (Docker Hub sends blob GETs to a CDN
with a signed URL: the registry token must never go there).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from ecr_mirror import __version__
from ecr_mirror.errors import RateLimitedError, RegistryError, SecurityError
from ecr_mirror.oci.bodies import MAX_BODY, error_body, read_limited, with_body
from ecr_mirror.oci.cookies import KeptNoCookies, NoCookies
from ecr_mirror.oci.failures import certificate_refused, plain_http_hint
from ecr_mirror.oci.lean_head import request_bytes
from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.origin_pools import SLOT_ACQUIRED, OriginPools, guarded_transport
from ecr_mirror.oci.policy import UrlPolicy, host_of, redacted, same_origin
from ecr_mirror.oci.waits import StallGuard, WaitLimits, then

log = logging.getLogger(__name__)


# httpcore reads responses 64 KiB at a time; blobs stream faster (a third less CPU per GiB, measured by the
# benchmark) with 1 MiB reads. An internal of httpcore, so set only where it exists; a unit test pins it.
READ_NUM_BYTES = 1024 * 1024
if isinstance(getattr(httpcore.AsyncHTTP11Connection, "READ_NUM_BYTES", None), int):
    httpcore.AsyncHTTP11Connection.READ_NUM_BYTES = READ_NUM_BYTES

USER_AGENT = f"ecr-mirror/{__version__}"
BodyFactory = Callable[[], AsyncIterator[bytes] | bytes]
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
LEAN_ANSWER = "ecr_mirror.lean_answer"  # an answer's extension: it came by the lean path, and has no body
_NO_BODY = httpx.ByteStream(b"")
_HTTPX_ERRORS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
}
# A write goes to the registry it was meant for or nowhere: its body and credentials never follow a hop elsewhere.
WRITE_METHODS = frozenset({"PUT", "PATCH"})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 60.0  # a longer Retry-After defers the image instead of waiting
    # Every wait of the engine goes through here: tests pass a recorder and assert the waits asked for.
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False, repr=False)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter."""
        return random.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))  # noqa: S311


def retry_after_seconds(value: str | None) -> float | None:
    """Parse Retry-After as seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _pull(method: str, url: httpx.URL | str) -> bool:
    """A manifest read: what Docker Hub's pull limit answers (GETs count; a HEAD refused means the same). Other
    429s (ECR throttling a burst of PutImage, say) are waited out with backoff like a 503."""
    return method in ("GET", "HEAD") and "/manifests/" in httpx.URL(url).path


class _UnreadableLocation(Exception):
    """A redirect's Location that no URL parser accepts (raised from the response hook, before httpx's own check
    turns it into a RemoteProtocolError that looks like a network fault and would be retried)."""


async def _check_location(response: httpx.Response) -> None:
    location = response.headers.get("location")
    if location is None or response.status_code not in (301, 302, 303, 307, 308):
        return
    try:  # as httpx's own redirect URL: parsed, and given the request's host when it names a scheme but no host
        url = httpx.URL(location)
        if url.scheme and not url.host:
            url.copy_with(host=response.request.url.host)
    except (httpx.InvalidURL, ValueError) as exc:
        raise _UnreadableLocation(f"{location[:200]!r} is not a valid URL ({exc})") from exc


def _joined(base: httpx.URL, location: str) -> httpx.URL:
    try:
        return base.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise SecurityError(f"refused redirect to {location[:200]!r}: not a valid URL ({exc})") from exc


class Transport:
    """Sends requests through one httpx.AsyncClient with the URL policy, redirects and retries applied."""

    def __init__(
        self,
        *,
        policy: UrlPolicy,
        retry: RetryPolicy | None = None,
        timeout: float = 60.0,
        max_connections: int = 32,
        client: httpx.AsyncClient | None = None,
        time_left: Callable[[], float] | None = None,
        guard: GuardedBackend | None = None,
        ca_files: Sequence[str] = (),
        waits: WaitLimits | None = None,
    ) -> None:
        self.policy = policy
        self.retry = retry or RetryPolicy()
        self.waits = waits or WaitLimits()
        self.time_left = time_left  # seconds left in the caller's budget: a longer Retry-After is not waited for
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self.guard = guard or GuardedBackend()
        if client is None:
            client = httpx.AsyncClient(
                transport=guarded_transport(limits, backend=self.guard, ca_files=ca_files),
                timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": USER_AGENT},
                cookies=NoCookies(),
            )
            # httpx copies a store given to it into a plain one; its private attribute is pinned by a unit test.
            client._cookies = KeptNoCookies()
        self.client = client
        self.client.event_hooks["response"].append(_check_location)
        # HEADs take the lean path (lean_head.py) on our own connections; a client passed in keeps its own.
        self._pools = client._transport if isinstance(client._transport, OriginPools) else None
        self._defaults = [(k.decode("ascii"), v.decode("ascii")) for k, v in client.headers.raw]

    async def aclose(self) -> None:
        await self.client.aclose()

    def trust(self, registry: str) -> None:
        """A registry the user named (`host[:port]`): it may be at a private address."""
        self.guard.trust(host_of(registry))

    def _steered(self, via: str | None, url: httpx.URL) -> None:
        """`via` sent us to `url`: a registry at a private address may send us to another private host."""
        if via and self.guard.is_internal(via):
            self.guard.trust(url.host)

    async def send(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        headers: Mapping[str, str] | None = None,
        body: BodyFactory | None = None,
        stream: bool = False,
        purpose: str = "request",
        retries: bool = True,
        via: str | None = None,
        max_body: int = MAX_BODY,
    ) -> httpx.Response:
        """Send with retries on connection errors, 408/429/5xx. A streamed response must be closed by the caller.

        `body` is a factory so the body can be produced again for a retry. The returned response may have a
        status the caller must interpret (4xx other than 429, or the last retryable status). `via` is the host
        that gave us this URL (a token realm's registry), when it is not one we were told to use. A response that
        is not streamed is read whole, at most `max_body` bytes (more fails with UnsupportedError).
        """
        attempts = self.retry.attempts if retries else 1
        attempt = 0
        while True:
            try:
                response = await self._send_following(method, url, headers or {}, body, stream, purpose, via, max_body)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                if hint := plain_http_hint(exc, url):  # nor does a server speaking another protocol
                    raise RegistryError(f"{purpose} failed: {hint}", url=str(url)) from exc
                if attempt + 1 >= attempts or certificate_refused(exc):  # a certificate does not get better
                    raise RegistryError(
                        f"{purpose} failed: {type(exc).__name__}: {exc}", url=redacted(httpx.URL(url))
                    ) from exc
                delay = self.retry.backoff(attempt)
                log.debug("%s: %s, retrying in %.1fs", purpose, type(exc).__name__, delay)
            else:
                if response.status_code not in RETRY_STATUSES or attempt + 1 >= attempts:
                    return response
                if response.status_code == 429 and "retry-after" not in response.headers and _pull(method, url):
                    return response  # a pull refused with no hint (Docker Hub's pull limit): retrying only spends more
                await response.aclose()
                delay = self._delay_for(response, attempt, purpose)
                log.debug("%s: HTTP %d, retrying in %.1fs", purpose, response.status_code, delay)
            attempt += 1
            await self.retry.sleep(delay)

    def _delay_for(self, response: httpx.Response, attempt: int, purpose: str) -> float:
        hinted = retry_after_seconds(response.headers.get("retry-after"))
        if hinted is None:
            return self.retry.backoff(attempt)
        return self.allowed_wait(hinted, f"{purpose}: HTTP {response.status_code}")

    def allowed_wait(self, hinted: float, what: str) -> float:
        """`hinted` (a Retry-After) if waiting that long is allowed, else RateLimitedError (the image is deferred)."""
        if hinted > self.retry.max_retry_after:
            raise RateLimitedError(f"{what}, the registry asks to wait {hinted:.0f}s", hinted)
        left = self.time_left() if self.time_left is not None else None
        if left is not None and hinted >= left:
            raise RateLimitedError(
                f"{what}, the registry asks to wait {hinted:.0f}s, "
                f"more than the {max(left, 0.0):.0f}s left in the time budget",
                hinted,
            )
        return hinted

    async def _answer(
        self, method: str, url: httpx.URL, headers: Mapping[str, str], content: Any, purpose: str
    ) -> httpx.Response:
        """One request; its headers must come within the limit of it being sent (counted from the end of a streamed
        body; a wait for a free connection of our own does not count), its body must keep moving (waits.py)."""
        if method == "HEAD" and content is None and self._pools is not None:
            lean = await self._lean_head(url, headers)
            if lean is not None:
                return lean
        loop = asyncio.get_running_loop()
        streamed = content is not None and not isinstance(content, bytes)
        limit = self.waits.after_upload if streamed else self.waits.headers
        timer = asyncio.timeout_at(None)

        def start() -> None:  # the clock starts once the request is on its way (a streamed one: all of it)
            timer.reschedule(loop.time() + limit)

        extensions: dict[str, Any] = {}
        if streamed:
            content = then(content, start)
        else:
            extensions[SLOT_ACQUIRED] = start
        request = self.client.build_request(method, url, headers=headers, content=content, extensions=extensions)
        try:
            async with timer:
                response = await self.client.send(request, stream=True)
        except TimeoutError:
            if not timer.expired():
                raise
            raise httpx.ReadTimeout(f"no response headers within {limit:g}s", request=request) from None
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = StallGuard(response.stream, self.waits, purpose)
        return response

    async def _lean_head(self, url: httpx.URL, headers: Mapping[str, str]) -> httpx.Response | None:
        """The answer to a HEAD sent by the lean path (the headers httpx would send), already read; None to send
        it the general way (no kept connection idle, a header value the lean path does not write)."""
        assert self._pools is not None
        ours = {name.lower() for name in headers}
        sent = [("Host", url.netloc.decode("ascii"))]
        sent += [(k, v) for k, v in self._defaults if k.lower() not in ours and k.lower() != "host"]
        sent += headers.items()
        request = request_bytes(url.raw_path, sent)
        if request is None:
            return None
        try:
            head = await self._pools.lean_head(url, request, self.waits.headers)
        except tuple(_HTTPX_ERRORS) as exc:  # as httpx maps httpcore's errors for the general path
            mapped = next(ours for theirs, ours in _HTTPX_ERRORS.items() if isinstance(exc, theirs))
            raise mapped(str(exc)) from exc
        if head is None:
            return None
        response = httpx.Response(  # no body to read: an empty stream, never `read` (a tenth of a HEAD's CPU)
            head.status,
            headers=head.headers,
            stream=_NO_BODY,
            request=httpx.Request("HEAD", url, headers=sent, stream=_NO_BODY),  # the headers sent, Host included
            extensions={"http_version": head.http_version, "reason_phrase": head.reason, LEAN_ANSWER: True},
        )
        for hook in self.client.event_hooks["response"]:
            await hook(response)
        return response

    async def _send_following(
        self,
        method: str,
        url: httpx.URL | str,
        headers: Mapping[str, str],
        body: BodyFactory | None,
        stream: bool,
        purpose: str,
        via: str | None,
        max_body: int,
    ) -> httpx.Response:
        origin = self.policy.check(url, purpose)
        self._steered(via, origin)
        current = origin
        sent_headers = dict(headers)
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = await self._answer(method, current, sent_headers, body() if body else None, purpose)
            except _UnreadableLocation as exc:
                raise SecurityError(f"refused redirect of {purpose}: {exc}") from exc
            if response.status_code not in (301, 302, 303, 307, 308) or "location" not in response.headers:
                if stream or LEAN_ANSWER in response.extensions:  # a lean answer has no body to read
                    return response
                try:
                    if response.is_error:  # its message is all we read it for: an oversized one is left unread
                        return with_body(response, await error_body(response))
                    return with_body(response, await read_limited(response, max_body, purpose))
                finally:
                    await response.aclose()
            await response.aclose()
            target = self.policy.check(_joined(current, response.headers["location"]), f"redirect of {purpose}")
            log.debug("%s: redirected (HTTP %d) to %s", purpose, response.status_code, redacted(target))
            if method in WRITE_METHODS and not same_origin(origin, target):
                raise SecurityError(
                    f"refused {purpose}: the registry redirected the write to another host ({target.host}); "
                    "a write counts only where the registry stores it"
                )
            self._steered(current.host, target)
            current = target
            if not same_origin(origin, current):
                sent_headers = {k: v for k, v in sent_headers.items() if k.lower() != "authorization"}
            if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
                method, body = "GET", None
        raise SecurityError(f"refused {purpose}: more than {MAX_REDIRECTS} redirects")
