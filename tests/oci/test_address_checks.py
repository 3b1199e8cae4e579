"""The guard's own checks (oci/netguard.py) on their own: resolving a name, which addresses count as internal or
loopback, how host names are compared (case, a trailing dot, IPv6 brackets), the private-address refusal, trying
each address in turn, and the plain-HTTP backend passing every connection setting on."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpcore
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.oci.netguard import GuardedBackend, _is_loopback_address, is_internal, resolve


def test_resolve_gives_an_address_as_it_is_and_a_name_its_addresses_once_each() -> None:
    async def scenario() -> tuple[list[str], list[str], list[str]]:
        return (
            await resolve("203.0.113.7", 443),
            await resolve("2001:db8::7", 443),
            await resolve("localhost", 5000),
        )

    address, v6, local = asyncio.run(scenario())
    assert (address, v6) == (["203.0.113.7"], ["2001:db8::7"])
    assert "127.0.0.1" in local and len(local) == len(set(local))
    assert all(_is_loopback_address(each) for each in local)


class _NoThreads(ThreadPoolExecutor):
    def submit(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        raise RuntimeError("a lookup in a resolver thread")


def test_an_address_is_not_looked_up() -> None:
    async def scenario() -> tuple[list[str], str]:
        asyncio.get_running_loop().set_default_executor(_NoThreads())
        with pytest.raises(RuntimeError) as looked_up:
            await resolve("localhost", 5000)
        return await resolve("203.0.113.7", 443), str(looked_up.value)

    assert asyncio.run(scenario()) == (["203.0.113.7"], "a lookup in a resolver thread")


def test_a_name_that_does_not_resolve_is_a_connect_error_naming_it() -> None:
    with pytest.raises(httpcore.ConnectError, match=r"^cannot resolve registry\.invalid: "):
        asyncio.run(resolve("registry.invalid", 443))


@pytest.mark.parametrize(
    ("address", "internal", "loopback"),
    [
        ("10.1.2.3", True, False),
        ("203.0.113.7", True, False),  # documentation range: not globally routable
        ("8.8.8.8", False, False),
        ("2606:4700::1111", False, False),
        ("fe80::1%eth0", True, False),
        ("2606:4700::1111%eth0", False, False),  # a zone does not change what the address is
        ("::1", True, True),
        ("127.0.0.5", True, True),
        ("not-an-address", True, False),  # nothing to reason about: internal (the cautious answer), not loopback
    ],
)
def test_what_counts_as_internal_and_as_loopback(address: str, internal: bool, loopback: bool) -> None:
    assert (is_internal(address), _is_loopback_address(address)) == (internal, loopback)


def _answering(*addresses: str) -> GuardedBackend:
    async def resolver(host: str, port: int) -> list[str]:
        return list(addresses)

    return GuardedBackend(resolver=resolver)


async def _server() -> tuple[asyncio.Server, int]:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


@pytest.mark.parametrize(
    ("trusted", "connected"),
    [
        ("Registry.Internal", "registry.internal"),
        ("registry.internal.", "registry.internal"),
        ("registry.internal", "REGISTRY.internal."),
        ("Xray.internal", "xray.internal"),
        ("[::1]", "::1"),
    ],
)
def test_a_trusted_host_is_the_same_host_whatever_its_spelling(trusted: str, connected: str) -> None:
    async def scenario() -> bool:
        server, port = await _server()
        guard = _answering("127.0.0.1", "::1")
        guard.trust(trusted)
        async with server:
            stream = await guard.connect_tcp(connected, port, timeout=10)
            await stream.aclose()
        return guard.is_internal(trusted) and guard.is_internal(connected)

    assert asyncio.run(scenario()) is True


def test_a_host_at_a_private_address_not_trusted_is_refused_naming_both() -> None:
    guard = _answering("10.20.30.40")
    guard.trust("other.internal")
    with pytest.raises(SecurityError) as refused:
        asyncio.run(guard.connect_tcp("registry.internal", 443, timeout=10))
    assert str(refused.value) == (
        "refused a connection to 'registry.internal': it resolves to 10.20.30.40, a private address; only the "
        "registries you named, and hosts that a registry at a private address sends us to, may be private"
    )
    assert not guard.is_internal("registry.internal") and not guard.is_internal("other.internal")


class _Unreachable(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self.tried: list[str] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.tried.append(host)
        raise httpcore.ConnectError(f"unreachable {host}")


def test_a_host_at_a_public_address_is_connected_without_trust_and_not_counted_internal() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["8.8.8.8"]

    inner = _Unreachable()
    guard = GuardedBackend(inner=inner, resolver=resolver)
    with pytest.raises(httpcore.ConnectError, match=r"^unreachable 8\.8\.8\.8$"):
        asyncio.run(guard.connect_tcp("public.example", 443, timeout=10))
    assert inner.tried == ["8.8.8.8"]
    assert not guard.is_internal("public.example")


def test_each_address_is_tried_in_turn_and_the_last_failure_is_the_one_raised() -> None:
    async def scenario() -> tuple[bool, str, str]:
        server, port = await _server()
        refusing = socket.socket()
        refusing.bind(("127.0.0.2", 0))  # bound, never listening: a connection to it is refused
        closed_port = refusing.getsockname()[1]
        guard = _answering("127.0.0.2", "127.0.0.1")
        guard.trust("registry.internal")
        async with server:
            stream = await guard.connect_tcp("registry.internal", port, timeout=10)
            await stream.aclose()
            with pytest.raises(httpcore.ConnectError) as last:
                await guard.connect_tcp("registry.internal", closed_port, timeout=10)
        refusing.close()
        with pytest.raises(httpcore.ConnectError) as none:
            await _answering().connect_tcp("registry.internal", port, timeout=10)
        return True, str(last.value), str(none.value)

    connected, last, none = asyncio.run(scenario())
    assert connected and last.startswith("127.0.0.1:")  # 127.0.0.2 failed first, 127.0.0.1 last
    assert none == "registry.internal has no address"


def test_the_plain_http_backend_passes_the_port_local_address_socket_options_and_timeout_on() -> None:
    async def scenario() -> tuple[str, int, str]:
        peers: list[str] = []

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            peers.append(writer.get_extra_info("peername")[0])
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        guard = _answering("127.0.0.1")
        guard.trust("localhost")
        plain = guard.plain_http()
        async with server:
            stream = await plain.connect_tcp(
                "localhost",
                port,
                timeout=10,
                local_address="127.0.0.3",
                socket_options=[(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)],
            )
            keepalive = stream.get_extra_info("socket").getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
            await stream.aclose()
            await asyncio.sleep(0.1)
            with pytest.raises(httpcore.ConnectTimeout) as late:
                await plain.connect_tcp("localhost", port, timeout=0)  # over before it starts
        return peers[0], keepalive, str(late.value)

    peer, keepalive, late = asyncio.run(scenario())
    assert (peer, keepalive) == ("127.0.0.3", 1)
    assert late.endswith("within 0s")
