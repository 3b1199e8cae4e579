"""Connections per origin: one guarded httpcore pool per origin, split into shards of a few connections each.

httpcore's pool is scanned connection by connection each time a request starts or ends, and one of its checks
(surplus idle connections) counts every connection again for each idle one: O(connections^2) per request.
With 32 connections per registry that was most of a warm plan's CPU (4.7 million `is_idle` calls for 4,000
HEADs, BENCHMARKS.md "Planning at scale"). Here each origin's connections live in shards of SHARD_CONNECTIONS
(pools of their own), filled lowest first, so a run with few requests in flight keeps reusing one shard's
connections and a wide plan pays 8^2 per scan instead of 32^2. Requests beyond an origin's connections wait on
a semaphore here, never in httpcore's queue (which is rescanned against every connection too); a request holds
its slot until its answer is closed.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Sequence

import httpcore
import httpx

from ecr_mirror.oci.netguard import GuardedBackend, Resolver, resolve

SHARD_CONNECTIONS = 8
# A request's extension: called once the request has its connection slot (the wait for one is ours, not the server's:
# the transport's bound on the time to response headers starts here).
SLOT_ACQUIRED = "ecr_mirror.slot_acquired"
OriginKey = tuple[bytes, bytes, int | None]


def _guarded_pool(
    limits: httpx.Limits, ssl_context: ssl.SSLContext, backend: httpcore.AsyncNetworkBackend
) -> httpx.AsyncHTTPTransport:
    """httpx's transport with its connection pool on the guarded backend (the given TLS context and limits)."""
    transport = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, trust_env=False)
    # httpx builds its pool privately; a unit test pins that replacing it stays possible.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport


class _Origin:
    """One origin's shards and slots: `acquire` waits for a free connection slot and names the shard to use."""

    def __init__(self, connections: int) -> None:
        full, rest = divmod(connections, SHARD_CONNECTIONS)
        self.sizes = [SHARD_CONNECTIONS] * full + ([rest] if rest else [])
        self.free = list(self.sizes)
        self.slots = asyncio.Semaphore(connections)

    async def acquire(self) -> int:
        await self.slots.acquire()
        for shard, free in enumerate(self.free):  # lowest first: few requests keep to one shard's connections
            if free:
                self.free[shard] -= 1
                return shard
        raise AssertionError("a slot was free but no shard had one")  # pragma: no cover - slots == sum(free)

    def release(self, shard: int) -> None:
        self.free[shard] += 1
        self.slots.release()


class OriginPools(httpx.AsyncBaseTransport):
    """Guarded connection pools per origin (in shards), sharing one TLS context and one guard."""

    def __init__(self, limits: httpx.Limits, backend: GuardedBackend, ca_files: Sequence[str] = ()) -> None:
        self.limits = limits
        self.backend = backend
        self.ssl_context = httpx.create_ssl_context(trust_env=False)  # certifi's bundle, loaded once
        for ca_file in ca_files:  # more authorities to trust (a registry with an internal CA), never fewer
            self.ssl_context.load_verify_locations(cafile=ca_file)
        self._origins: dict[OriginKey, _Origin] = {}
        self._pools: dict[tuple[OriginKey, int], httpx.AsyncHTTPTransport] = {}

    def _origin(self, key: OriginKey) -> _Origin:
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin(self.limits.max_connections or 100)
        return origin

    def pool_for(self, url: httpx.URL, shard: int = 0) -> httpx.AsyncHTTPTransport:
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get((key, shard))
        if pool is None:
            size = self._origin(key).sizes[shard]
            limits = httpx.Limits(
                max_connections=size, max_keepalive_connections=size, keepalive_expiry=self.limits.keepalive_expiry
            )
            # Plain HTTP (loopback registries under --plain-http) only to an address that is loopback, not a name.
            backend = self.backend.plain_http() if url.scheme == "http" else self.backend
            pool = self._pools[(key, shard)] = _guarded_pool(limits, self.ssl_context, backend)
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = self._origin((url.raw_scheme, url.raw_host, url.port))
        shard = await origin.acquire()
        started = request.extensions.get(SLOT_ACQUIRED)
        if started is not None:
            started()
        try:
            response = await self.pool_for(url, shard).handle_async_request(request)
        except BaseException:
            origin.release(shard)
            raise
        response.stream = _SlotStream(response.stream, origin, shard)
        return response

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


class _SlotStream(httpx.AsyncByteStream):
    """An answer's body that gives its connection slot back when closed (once)."""

    def __init__(self, stream: httpx.AsyncByteStream | httpx.SyncByteStream, origin: _Origin, shard: int) -> None:
        assert isinstance(stream, httpx.AsyncByteStream)
        self._stream = stream
        self._origin: _Origin | None = origin
        self._shard = shard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._origin is not None:
                self._origin.release(self._shard)
                self._origin = None


def guarded_transport(
    limits: httpx.Limits,
    resolver: Resolver = resolve,
    *,
    backend: GuardedBackend | None = None,
    ca_files: Sequence[str] = (),
) -> OriginPools:
    """The transport for every request: guarded connection pools, one per origin, with the given limits each."""
    return OriginPools(limits, backend or GuardedBackend(resolver=resolver), ca_files)
