"""Connections only to addresses we checked: the network layer under every request.

The connection pool resolves each host name itself, refuses the connection when any address is link-local or a
metadata address, and connects to an address it checked. A host name therefore cannot look harmless when the URL
is checked and resolve to the cloud metadata service when the connection is made (DNS rebinding). TLS still
verifies the certificate against the host name (httpcore sends the origin's name as SNI).

Private addresses (RFC 1918, loopback, CGNAT, IPv6 unique-local: anything not globally routable) are reached only
for trusted hosts: the registries the user named, and hosts that a registry at a private address sends us to
(its token realm, a redirect). A public registry therefore cannot steer the function into its own VPC, while a
registry inside the VPC (or ECR behind an interface endpoint, redirecting to S3 behind one) keeps working.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore

from ecr_mirror.errors import SecurityError
from ecr_mirror.oci.aionet import AsyncioBackend
from ecr_mirror.oci.policy import forbidden_address, routable

Resolver = Callable[[str, int], Awaitable[list[str]]]
Classifier = Callable[[str], bool]


def is_internal(address: str) -> bool:
    """True for addresses that are not globally routable (private, loopback, CGNAT, unique-local, ...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", maxsplit=1)[0])
    except ValueError:
        return True  # not an address we can reason about: treat it as the cautious case
    return not routable(ip)


def _is_loopback_address(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", maxsplit=1)[0]).is_loopback
    except ValueError:
        return False


def _name(host: str) -> str:
    return host.strip("[]").lower().rstrip(".")


async def resolve(host: str, port: int) -> list[str]:
    """Every address of `host`, in the resolver's order, without duplicates."""
    with contextlib.suppress(ValueError):
        return [str(ipaddress.ip_address(host))]  # an address already: no lookup (and no resolver thread)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(
        self,
        inner: httpcore.AsyncNetworkBackend | None = None,
        resolver: Resolver = resolve,
        *,
        trusted: Iterable[str] = (),
        internal: Classifier = is_internal,
    ) -> None:
        self.inner = inner or AsyncioBackend()
        self.resolver = resolver
        self.classify = internal
        self._trusted = {_name(h) for h in trusted}
        self._internal: set[str] = set()  # trusted hosts we reached at a private address

    def trust(self, host: str) -> None:
        """Allow `host` to be at a private address (a registry the user named)."""
        self._trusted.add(_name(host))

    def is_internal(self, host: str) -> bool:
        """Whether we have connected to `host` at a private address (so the hosts it sends us to may be too)."""
        return _name(host) in self._internal

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self.connect_checked(host, port, timeout, local_address, socket_options)

    async def connect_checked(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
        *,
        loopback_only: bool = False,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve `host`, check every address, connect to one of them (`loopback_only`: each must be loopback)."""
        addresses = await self.resolver(host, port)
        refused = [a for a in addresses if forbidden_address(a)]
        if refused:
            raise SecurityError(
                f"refused a connection to {host!r}: it resolves to {refused[0]}, a link-local or metadata address"
            )
        if loopback_only:
            remote = [a for a in addresses if not _is_loopback_address(a)]
            if remote:
                raise SecurityError(
                    f"refused a plain-HTTP connection to {host!r}: it resolves to {remote[0]}, which is not a "
                    "loopback address (plain HTTP is allowed only to this machine)"
                )
        private = [a for a in addresses if self.classify(a)]
        if private:
            if _name(host) not in self._trusted:
                raise SecurityError(
                    f"refused a connection to {host!r}: it resolves to {private[0]}, a private address; only the "
                    "registries you named, and hosts that a registry at a private address sends us to, may be private"
                )
            self._internal.add(_name(host))
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    def plain_http(self) -> PlainHttpBackend:
        """This guard for plain-HTTP origins: the address connected to must be loopback, whatever the name says."""
        return PlainHttpBackend(self)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise SecurityError(f"refused a connection to the unix socket {path!r}")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PlainHttpBackend(httpcore.AsyncNetworkBackend):
    """The connections of a plain-HTTP origin: checked as every connection is, and only to a loopback address.

    The URL policy lets `--plain-http` reach loopback names (`localhost`, `*.localhost`); a name is only a name, so
    the address it resolves to is what is checked here, before any byte is sent in the clear."""

    def __init__(self, guard: GuardedBackend) -> None:
        self.guard = guard

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self.guard.connect_checked(host, port, timeout, local_address, socket_options, loopback_only=True)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return await self.guard.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.guard.sleep(seconds)
