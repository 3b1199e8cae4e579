"""Connections per origin: kept alive and reused, never reused once the server ended them or an answer was left
unread, slots given back on cancellation, and a wide run never opens more than the origin's limit (a real registry
behind a counting proxy)."""

from __future__ import annotations

import asyncio

import httpcore
import httpx
import pytest

from bench.wan import LinkSpec, ProxyThread
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.origin_pools import ConnectionStack, OriginPools
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport


class _Server:
    """A loopback HTTP/1.1 server that counts connections; `close_after` answers end their connection (without
    saying so) once that many answers went out on it; `hold` paths are never answered."""

    def __init__(self, close_after: int = 0) -> None:
        self.close_after = close_after
        self.connections = 0
        self.answers = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        sent = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if b" /hold " in head:
                    await asyncio.sleep(3600)
                body = b"x" * 100_000 if b" /big " in head else b"ok"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
                self.answers += 1
                sent += 1
                if sent == self.close_after:
                    await asyncio.sleep(0.05)  # the client has read the answer; now the server ends the connection
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()


def _transport(connections: int) -> Transport:
    transport = Transport(policy=UrlPolicy(plain_http=True), max_connections=connections)
    transport.trust("127.0.0.1")
    return transport


def test_requests_one_after_another_reuse_one_connection() -> None:
    async def scenario() -> tuple[list[bytes], int]:
        server = _Server()
        async with server as base:
            transport = _transport(4)
            try:
                bodies = [(await transport.send("GET", f"{base}/a", retries=False)).content for _ in range(5)]
            finally:
                await transport.aclose()
        return bodies, server.connections

    assert asyncio.run(scenario()) == ([b"ok"] * 5, 1)


def test_a_kept_connection_takes_asyncio_locks_in_place_of_httpcores() -> None:
    """Pins the httpcore 1.0 private attributes origin_pools._plain_locks replaces (a rename would keep the
    slower locks silently)."""

    async def scenario() -> list[bool]:
        async with _Server() as base:
            transport = _transport(4)
            try:
                await transport.send("GET", f"{base}/a", retries=False)
                pools = transport.client._transport
                assert isinstance(pools, OriginPools)
                stack = pools.pool_for(httpx.URL(base))._pool
                assert isinstance(stack, ConnectionStack)
                (connection,) = stack.idle
                inner = connection._connection
                assert isinstance(inner, httpcore.AsyncHTTP11Connection)
                return [isinstance(connection._request_lock, asyncio.Lock), isinstance(inner._state_lock, asyncio.Lock)]
            finally:
                await transport.aclose()

    assert asyncio.run(scenario()) == [True, True]


def test_a_connection_the_server_ended_while_idle_is_not_reused() -> None:
    async def scenario() -> tuple[list[int], int]:
        server = _Server(close_after=1)
        async with server as base:
            transport = _transport(4)
            try:
                statuses = []
                for _ in range(3):
                    statuses.append((await transport.send("GET", f"{base}/a", retries=False)).status_code)
                    await asyncio.sleep(0.2)  # the server has closed the idle connection by now
            finally:
                await transport.aclose()
        return statuses, server.connections

    assert asyncio.run(scenario()) == ([200, 200, 200], 3)  # no request failed on a dead connection


def test_an_answer_closed_unread_gives_its_slot_back_and_its_connection_is_not_reused() -> None:
    async def scenario() -> tuple[int, bytes, int]:
        server = _Server()
        async with server as base:
            transport = _transport(1)
            try:
                streamed = await transport.send("GET", f"{base}/big", stream=True, retries=False)
                status = streamed.status_code
                await streamed.aclose()  # most of the body unread: the connection cannot carry another request
                after = (await transport.send("GET", f"{base}/a", retries=False)).content
            finally:
                await transport.aclose()
        return status, after, server.connections

    assert asyncio.run(scenario()) == (200, b"ok", 2)


def test_a_cancelled_request_gives_its_slot_back() -> None:
    async def scenario() -> tuple[bytes, int]:
        server = _Server()
        async with server as base:
            transport = _transport(1)
            try:
                waiting = asyncio.ensure_future(transport.send("GET", f"{base}/hold", retries=False))
                await asyncio.sleep(0.2)
                waiting.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await waiting
                after = await asyncio.wait_for(transport.send("GET", f"{base}/a", retries=False), 10)
            finally:
                await transport.aclose()
        return after.content, server.connections

    assert asyncio.run(scenario()) == (b"ok", 2)


def _concurrent_heads(host: str, count: int, connections: int) -> list[str | None]:
    async def scenario() -> list[str | None]:
        transport = Transport(policy=UrlPolicy(plain_http=True), max_connections=connections)
        client = RegistryClient(host, transport, RegistryAuth(host, None, transport))

        async def head() -> str | None:
            found = await client.head_manifest("lab/pools", "present")
            return found.digest if found else None

        try:
            return list(await asyncio.gather(*(head() for _ in range(count))))
        finally:
            await transport.aclose()

    return asyncio.run(scenario())


def test_a_wide_run_stays_within_the_origins_connections_and_completes(registry_binary: str) -> None:
    with LocalRegistry() as registry:
        digest = push_image(registry, "lab/pools", oci_image(seed="pools"), tags=("present",)).digest
        with ProxyThread(registry.host, LinkSpec(latency=0.01)) as proxy:
            found = _concurrent_heads(proxy.host, 200, connections=20)

            assert found == [digest] * 200
            assert proxy.counters.peak_connections <= 20
            assert proxy.counters.connections <= 20  # kept alive: no connection opened twice for the same slot
