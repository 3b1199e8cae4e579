"""The guarded network backend: every connection goes to an address that was checked just before."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.oci.netguard import GuardedBackend, Resolver
from ecr_mirror.oci.origin_pools import ConnectionStack, OriginPools, guarded_transport
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport


def _resolver(*answers: list[str]) -> tuple[Resolver, list[str]]:
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[min(len(calls), len(answers)) - 1]

    return resolve, calls


async def _serve() -> tuple[asyncio.Server, int]:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_a_name_resolving_to_the_metadata_address_is_never_connected() -> None:
    resolve, _ = _resolver(["169.254.169.254"])

    async def scenario() -> None:
        with pytest.raises(SecurityError, match=r"'registry\.example\.com'.*169\.254\.169\.254"):
            await GuardedBackend(resolver=resolve).connect_tcp("registry.example.com", 443)

    asyncio.run(scenario())


def test_rebinding_between_two_connections_is_caught_at_the_second() -> None:
    resolve, calls = _resolver(["127.0.0.1"], ["169.254.169.254"])

    async def scenario() -> None:
        server, port = await _serve()
        limits = httpx.Limits(max_keepalive_connections=0)
        backend = GuardedBackend(resolver=resolve, trusted=["rebind.test"])
        async with server, httpx.AsyncClient(transport=guarded_transport(limits, backend=backend)) as client:
            first = await client.get(f"http://rebind.test:{port}/")
            assert first.text == "ok"
            with pytest.raises(SecurityError, match=r"resolves to 169\.254\.169\.254"):
                await client.get(f"http://rebind.test:{port}/")
        assert calls == ["rebind.test", "rebind.test"]

    asyncio.run(scenario())


def test_unreachable_addresses_fall_through_to_the_next_one() -> None:
    async def scenario() -> None:
        server, port = await _serve()
        resolve, _ = _resolver(["::1", "127.0.0.1"])  # nothing listens on ::1 here
        backend = GuardedBackend(resolver=resolve, trusted=["dual.test"])
        async with server, httpx.AsyncClient(transport=guarded_transport(httpx.Limits(), backend=backend)) as client:
            assert (await client.get(f"http://dual.test:{port}/")).text == "ok"

    asyncio.run(scenario())


def test_the_engine_transport_really_uses_the_guarded_backend() -> None:
    transport = Transport(policy=UrlPolicy())
    pools = transport.client._transport
    assert isinstance(pools, OriginPools)
    registry, cdn = (
        pools.pool_for(httpx.URL("https://r.example/v2/")),
        pools.pool_for(httpx.URL("https://cdn.example/b")),
    )
    assert registry is pools.pool_for(httpx.URL("https://r.example/v2/x")) and registry is not cdn
    for pool in (registry._pool, cdn._pool):  # httpx's private pool, replaced by ours
        assert isinstance(pool, ConnectionStack)
        assert pool.network_backend is transport.guard
        assert pool.ssl_context is pools.ssl_context  # one TLS context (certificates loaded once)
    assert pools.ssl_context.verify_mode is ssl.CERT_REQUIRED and pools.ssl_context.check_hostname
    asyncio.run(transport.aclose())


async def _serve_at(host: str, answer: bytes) -> tuple[asyncio.Server, int]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, host, 0)
    return server, server.sockets[0].getsockname()[1]


def _redirect_to(url: str) -> bytes:
    return f"HTTP/1.1 302 Found\r\nLocation: {url}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


@pytest.mark.parametrize("address", ["10.0.0.5", "172.20.1.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "fd12::1"])
def test_a_host_nobody_named_at_a_private_address_is_refused(address: str) -> None:
    resolve, _ = _resolver([address])

    async def scenario() -> None:
        with pytest.raises(SecurityError, match=rf"'sneaky\.example\.com'.*{address}.*private address"):
            await GuardedBackend(resolver=resolve).connect_tcp("sneaky.example.com", 443)

    asyncio.run(scenario())


def test_a_named_registry_at_a_private_address_is_reached() -> None:
    async def scenario() -> None:
        server, port = await _serve_at("127.0.0.1", OK)
        resolve, _ = _resolver(["127.0.0.1"])
        backend = GuardedBackend(resolver=resolve, trusted=["Registry.Internal."])
        async with server, httpx.AsyncClient(transport=guarded_transport(httpx.Limits(), backend=backend)) as client:
            assert (await client.get(f"http://registry.internal:{port}/")).text == "ok"
        assert backend.is_internal("registry.internal")

    asyncio.run(scenario())


def _steering_transport(names: dict[str, str]) -> Transport:
    """A transport whose resolver answers `names`; 127.0.0.2 plays a public address, 127.0.0.1 a private one."""

    async def resolve(host: str, port: int) -> list[str]:
        return [names[host]]

    guard = GuardedBackend(resolver=resolve, internal=lambda address: address == "127.0.0.1")
    return Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1), guard=guard)


@pytest.mark.parametrize("registry_address", ["127.0.0.2", "127.0.0.1"])
def test_only_a_registry_at_a_private_address_may_redirect_to_one(registry_address: str) -> None:
    async def scenario() -> None:
        inner, inner_port = await _serve_at("127.0.0.1", OK)
        outer, outer_port = await _serve_at(registry_address, _redirect_to(f"http://inner.localhost:{inner_port}/"))
        transport = _steering_transport({"registry.localhost": registry_address, "inner.localhost": "127.0.0.1"})
        transport.trust(f"registry.localhost:{outer_port}")
        async with inner, outer:
            try:
                if registry_address == "127.0.0.2":  # a public registry steering us inside
                    with pytest.raises(SecurityError, match=r"'inner\.localhost'.*private address"):
                        await transport.send("GET", f"http://registry.localhost:{outer_port}/")
                else:  # a registry inside the network sending us to its neighbour
                    response = await transport.send("GET", f"http://registry.localhost:{outer_port}/")
                    assert response.text == "ok"
            finally:
                await transport.aclose()

    asyncio.run(scenario())


def test_a_token_realm_from_a_public_registry_cannot_point_inside() -> None:
    async def scenario() -> None:
        inner, inner_port = await _serve_at("127.0.0.1", OK)
        outer, outer_port = await _serve_at("127.0.0.2", OK)
        transport = _steering_transport({"registry.localhost": "127.0.0.2", "realm.localhost": "127.0.0.1"})
        transport.trust(f"registry.localhost:{outer_port}")
        async with inner, outer:
            try:
                assert (await transport.send("GET", f"http://registry.localhost:{outer_port}/v2/")).text == "ok"
                with pytest.raises(SecurityError, match=r"'realm\.localhost'.*private address"):
                    await transport.send("GET", f"http://realm.localhost:{inner_port}/token", via="registry.localhost")
            finally:
                await transport.aclose()

    asyncio.run(scenario())
