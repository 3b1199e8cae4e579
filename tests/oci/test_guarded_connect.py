"""The guarded backend's own connect (the one HTTPS origins use) passes every connection setting on: the port, the
local address, the socket options and the connect timeout."""

from __future__ import annotations

import asyncio
import socket

import httpcore
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.oci.netguard import GuardedBackend


async def _resolve(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


def test_a_trusted_name_is_connected_with_the_port_local_address_and_socket_options_given() -> None:
    async def scenario() -> tuple[bytes, str, int]:
        peers: list[str] = []

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            peers.append(writer.get_extra_info("peername")[0])
            writer.write(await reader.readexactly(4))
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        backend = GuardedBackend(resolver=_resolve, trusted=["registry.internal"])
        async with server:
            stream = await backend.connect_tcp(
                "registry.internal",
                port,
                timeout=10,
                local_address="127.0.0.3",
                socket_options=[(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)],
            )
            try:
                keepalive = stream.get_extra_info("socket").getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
                await stream.write(b"ping", timeout=10)
                echoed = await stream.read(4, timeout=10)
            finally:
                await stream.aclose()
        return echoed, peers[0], keepalive

    echoed, peer, keepalive = asyncio.run(scenario())
    assert echoed == b"ping"
    assert peer == "127.0.0.3"  # the local address asked for
    assert keepalive == 1


def test_the_connect_timeout_given_is_the_one_applied() -> None:
    async def scenario() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        backend = GuardedBackend(resolver=_resolve, trusted=["registry.internal"])
        async with server:
            with pytest.raises(httpcore.ConnectTimeout, match=r"127\.0\.0\.1:\d+ within 0s"):
                await backend.connect_tcp("registry.internal", port, timeout=0)  # over before it starts

    asyncio.run(scenario())


def test_a_unix_socket_is_refused_naming_it_and_sleeping_is_the_inner_backends() -> None:
    async def scenario() -> list[str]:
        guard = GuardedBackend(resolver=_resolve)
        refusals = []
        for backend in (guard, guard.plain_http()):
            with pytest.raises(SecurityError) as refused:
                await backend.connect_unix_socket("/var/run/docker.sock", timeout=1)
            refusals.append(str(refused.value))
            await asyncio.wait_for(backend.sleep(0.01), timeout=5)
        return refusals

    assert asyncio.run(scenario()) == ["refused a connection to the unix socket '/var/run/docker.sock'"] * 2
