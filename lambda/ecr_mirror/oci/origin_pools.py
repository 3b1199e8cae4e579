"""Connections per origin: a slot per connection, and the idle connections kept in a stack of our own.

httpcore's connection pool does a lot of work per request: it queues each request, rescans every connection and
every queued request when a request starts or ends (its surplus-idle check counts the connections again for each
idle one), and wakes the waiting request through an event. With 64 checks in flight that pool work was the larger
part of a warm plan's CPU (BENCHMARKS.md "Planning at scale"). The engine needs none of it: an origin's requests
beyond its connections wait on a semaphore here, so a request that gets a slot always has a connection, either
the most recently used idle one (the most likely to be alive) or a new one. httpcore still does the HTTP/1.1
work per connection (`httpcore.AsyncHTTPConnection`: connect through the guarded backend, TLS, h11), and httpx's
transport still maps httpcore's errors; only the pool is ours. A request holds its slot until its answer is
closed, so an origin never has more connections than slots (open = in flight + idle, and a new one is opened
only when none is idle).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterable, AsyncIterator, Sequence

import h11
import httpcore
import httpx
from httpcore._async.http11 import HTTPConnectionState

from ecr_mirror.oci.lean_head import Gone, Head, exchange
from ecr_mirror.oci.netguard import GuardedBackend, Resolver, resolve

# A request's extension: called once the request has its connection slot (the wait for one is ours, not the server's:
# the transport's bound on the time to response headers starts here).
SLOT_ACQUIRED = "ecr_mirror.slot_acquired"
OriginKey = tuple[bytes, bytes, int | None]


class ConnectionStack:
    """One origin's connections for httpx's transport (in place of httpcore's pool): reuse the newest idle one,
    drop the expired or closed ones, open one when none is idle. Callers limit how many requests are in flight."""

    def __init__(
        self, ssl_context: ssl.SSLContext, keepalive_expiry: float | None, backend: httpcore.AsyncNetworkBackend
    ) -> None:
        self.ssl_context = ssl_context
        self.keepalive_expiry = keepalive_expiry
        self.network_backend = backend
        self.idle: list[httpcore.AsyncHTTPConnection] = []
        self.connections: set[httpcore.AsyncHTTPConnection] = set()  # idle and in use: closed on aclose

    async def _reusable(self) -> httpcore.AsyncHTTPConnection | None:
        while self.idle:
            connection = self.idle.pop()
            if connection.is_available() and not connection.has_expired():
                return connection
            await self._drop(connection)  # kept alive too long, or the server closed it (its socket is readable)
        return None

    async def _drop(self, connection: httpcore.AsyncHTTPConnection) -> None:
        self.connections.discard(connection)
        await connection.aclose()

    async def settle(self, connection: httpcore.AsyncHTTPConnection) -> None:
        """A request on `connection` is over: keep it for the next one if it can be reused, else close it."""
        if connection.is_idle() and not connection.is_closed():
            self.idle.append(connection)
        else:
            await self._drop(connection)

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        if request.url.scheme not in (b"http", b"https"):
            raise httpcore.UnsupportedProtocol(f"unsupported protocol {request.url.scheme!r}")
        while True:
            connection = await self._reusable()
            fresh = connection is None
            if connection is None:
                connection = httpcore.AsyncHTTPConnection(
                    origin=request.url.origin,
                    ssl_context=self.ssl_context,
                    keepalive_expiry=self.keepalive_expiry,
                    network_backend=self.network_backend,
                )
                self.connections.add(connection)
            try:
                response = await connection.handle_async_request(request)
            except httpcore.ConnectionNotAvailable:
                await self._drop(connection)
                if fresh:  # pragma: no cover - a new HTTP/1.1 connection always takes its first request
                    raise
                continue  # the idle connection went away meanwhile: the next one, or a new one
            except BaseException:
                await self.settle(connection)
                raise
            _plain_locks(connection)
            assert isinstance(response.stream, AsyncIterable)
            return httpcore.Response(
                status=response.status,
                headers=response.headers,
                content=_Settling(response.stream, self, connection),
                extensions=response.extensions,
            )

    async def lean_head(self, request: bytes, target: bytes, host: bytes, limit: float) -> Head | None:
        """A HEAD on the newest kept connection (lean_head.py), its head due within `limit` seconds; None when no
        kept connection is idle, or the one taken ended before answering: the caller sends it the general way."""
        connection = await self._reusable()
        if connection is None:
            return None
        inner = _kept_http11(connection)
        if inner is None:  # pragma: no cover - every kept connection is HTTP/1.1 with nothing buffered
            await self.settle(connection)
            return None
        inner._state = HTTPConnectionState.ACTIVE
        inner._expire_at = None
        timer = asyncio.timeout(limit)
        try:
            async with timer:
                head = await exchange(inner._network_stream, request, target, host)
        except TimeoutError:
            await self._drop(connection)
            if not timer.expired():  # pragma: no cover - the stream raises httpcore's timeouts, not this
                raise
            raise httpcore.ReadTimeout(f"no response headers within {limit:g}s") from None
        except Gone:
            await self._drop(connection)
            return None
        except BaseException:
            await self._drop(connection)
            raise
        if not head.keep:
            await self._drop(connection)
            return head
        inner._request_count += 1
        inner._state = HTTPConnectionState.IDLE
        if self.keepalive_expiry is not None:
            inner._expire_at = time.monotonic() + self.keepalive_expiry
        self.idle.append(connection)
        return head

    async def aclose(self) -> None:
        connections, self.connections, self.idle = list(self.connections), set(), []
        for connection in connections:
            await connection.aclose()


def _kept_http11(connection: httpcore.AsyncHTTPConnection) -> httpcore.AsyncHTTP11Connection | None:
    """The HTTP/1.1 connection inside a kept one, when it is idle between requests with nothing buffered (h11
    neither mid-exchange nor holding bytes of an answer): the lean path may then use its stream. Private attributes
    of httpcore 1.0 (pinned by tests/oci/test_lean_head.py); where they are missing, None (the general path)."""
    inner = getattr(connection, "_connection", None)
    if not isinstance(inner, httpcore.AsyncHTTP11Connection) or not inner.is_idle():
        return None
    machine = getattr(inner, "_h11_state", None)
    if machine is None or machine.our_state is not h11.IDLE or machine.their_state is not h11.IDLE:
        return None
    return inner if machine.trailing_data == (b"", False) else None


def _plain_locks(connection: httpcore.AsyncHTTPConnection) -> None:
    """Swap httpcore's per-connection locks for asyncio's once they are free (after a request started).

    httpcore takes three locks per request (the connection's, and the HTTP/1.1 state lock twice), each an anyio
    lock whose uncontended acquire still yields to the event loop once; asyncio's lock does not. Only one request
    uses a connection at a time here (it is taken off the idle stack), so the locks are never contended either
    way. Private attributes of httpcore 1.0 (pinned by tests/oci/test_network_hygiene.py); where they are missing,
    httpcore's own locks stay.
    """
    if hasattr(connection, "_request_lock") and not isinstance(connection._request_lock, asyncio.Lock):
        connection._request_lock = asyncio.Lock()  # type: ignore[assignment]
    inner = getattr(connection, "_connection", None)
    if isinstance(inner, httpcore.AsyncHTTP11Connection) and not isinstance(
        getattr(inner, "_state_lock", asyncio.Lock()), asyncio.Lock
    ):
        inner._state_lock = asyncio.Lock()  # type: ignore[assignment]


class _Settling:
    """An answer's body straight from its connection, which goes back to its stack once the body is closed."""

    def __init__(
        self, stream: AsyncIterable[bytes], stack: ConnectionStack, connection: httpcore.AsyncHTTPConnection
    ) -> None:
        self._stream = stream
        self._stack: ConnectionStack | None = stack
        self._connection = connection

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            if hasattr(self._stream, "aclose"):
                await self._stream.aclose()
        finally:
            if self._stack is not None:
                stack, self._stack = self._stack, None
                await stack.settle(self._connection)


def _origin_transport(
    limits: httpx.Limits, ssl_context: ssl.SSLContext, backend: httpcore.AsyncNetworkBackend
) -> httpx.AsyncHTTPTransport:
    """httpx's transport (request building, error mapping) with our connection stack in place of its pool."""
    transport = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, trust_env=False)
    # httpx builds its pool privately; a unit test pins that replacing it stays possible.
    transport._pool = ConnectionStack(ssl_context, limits.keepalive_expiry, backend)  # type: ignore[assignment]
    return transport


class OriginPools(httpx.AsyncBaseTransport):
    """Guarded connections per origin, sharing one TLS context and one guard; at most `limits.max_connections`
    requests in flight (and connections open) per origin, the rest wait for a slot."""

    def __init__(self, limits: httpx.Limits, backend: GuardedBackend, ca_files: Sequence[str] = ()) -> None:
        self.limits = limits
        self.backend = backend
        self.ssl_context = httpx.create_ssl_context(trust_env=False)  # certifi's bundle, loaded once
        for ca_file in ca_files:  # more authorities to trust (a registry with an internal CA), never fewer
            self.ssl_context.load_verify_locations(cafile=ca_file)
        self._slots: dict[OriginKey, asyncio.Semaphore] = {}
        self._pools: dict[OriginKey, httpx.AsyncHTTPTransport] = {}
        self._stacks: dict[OriginKey, ConnectionStack] = {}

    def _slots_for(self, key: OriginKey) -> asyncio.Semaphore:
        slots = self._slots.get(key)
        if slots is None:
            slots = self._slots[key] = asyncio.Semaphore(self.limits.max_connections or 100)
        return slots

    def pool_for(self, url: httpx.URL) -> httpx.AsyncHTTPTransport:
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            # Plain HTTP (loopback registries under --plain-http) only to an address that is loopback, not a name.
            backend = self.backend.plain_http() if url.scheme == "http" else self.backend
            pool = self._pools[key] = _origin_transport(self.limits, self.ssl_context, backend)
            assert isinstance(pool._pool, ConnectionStack)
            self._stacks[key] = pool._pool
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        slots = self._slots_for((url.raw_scheme, url.raw_host, url.port))
        await slots.acquire()
        started = request.extensions.get(SLOT_ACQUIRED)
        if started is not None:
            started()
        try:
            response = await self.pool_for(url).handle_async_request(request)
        except BaseException:
            slots.release()
            raise
        response.stream = _SlotStream(response.stream, slots)
        return response

    async def lean_head(self, url: httpx.URL, request: bytes, limit: float) -> Head | None:
        """A HEAD by the lean path, once it has a slot (the wait for one does not count in `limit`); None when the
        origin has no kept connection idle, or the one taken ended before answering (then sent the general way)."""
        key = (url.raw_scheme, url.raw_host, url.port)
        stack = self._stacks.get(key)
        # A connection is idle, or all are open and in use (one will be idle once a slot frees): else the general
        # path, which opens a new connection.
        if stack is None or not (stack.idle or len(stack.connections) >= (self.limits.max_connections or 100)):
            return None
        slots = self._slots_for(key)
        await slots.acquire()
        try:
            return await stack.lean_head(request, url.raw_path, url.netloc, limit)
        finally:
            slots.release()

    async def aclose(self) -> None:
        pools, self._pools, self._stacks = list(self._pools.values()), {}, {}
        for pool in pools:
            await pool.aclose()


class _SlotStream(httpx.AsyncByteStream):
    """An answer's body that gives its connection slot back when closed (once)."""

    def __init__(self, stream: httpx.AsyncByteStream | httpx.SyncByteStream, slots: asyncio.Semaphore) -> None:
        assert isinstance(stream, httpx.AsyncByteStream)
        self._stream = stream
        self._slots: asyncio.Semaphore | None = slots

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._slots is not None:
                self._slots.release()
                self._slots = None


def guarded_transport(
    limits: httpx.Limits,
    resolver: Resolver = resolve,
    *,
    backend: GuardedBackend | None = None,
    ca_files: Sequence[str] = (),
) -> OriginPools:
    """The transport for every request: guarded connections, per origin, with the given limits each."""
    return OriginPools(limits, backend or GuardedBackend(resolver=resolver), ca_files)
