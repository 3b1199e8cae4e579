"""The guarded network backend: every connection goes to an address that was checked just before."""

from __future__ import annotations

import asyncio

import httpcore
import httpx
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.netguard import GuardedBackend, Resolver, guarded_transport


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
        async with server, httpx.AsyncClient(transport=guarded_transport(limits, resolve)) as client:
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
        async with server, httpx.AsyncClient(transport=guarded_transport(httpx.Limits(), resolve)) as client:
            assert (await client.get(f"http://dual.test:{port}/")).text == "ok"

    asyncio.run(scenario())


def test_the_engine_transport_really_uses_the_guarded_backend() -> None:
    from ecr_mirror.policy import UrlPolicy
    from ecr_mirror.transport import Transport

    transport = Transport(policy=UrlPolicy())
    pool = transport.client._transport._pool  # type: ignore[attr-defined]
    assert isinstance(pool, httpcore.AsyncConnectionPool)
    assert isinstance(pool._network_backend, GuardedBackend)
    asyncio.run(transport.aclose())
