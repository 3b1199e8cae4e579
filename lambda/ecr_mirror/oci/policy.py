"""Which URLs we are willing to talk to (pure, no I/O).

HTTPS with certificate checks everywhere. Plain HTTP only for loopback hosts, and only when the user said
`--plain-http`. Never link-local or cloud metadata addresses, never a scheme other than http(s): a hostile
registry must not be able to steer our requests (or credentials) into the function's own network.
"""

from __future__ import annotations

import ipaddress
import re
import socket

import httpx

from ecr_mirror.errors import SecurityError

_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052's well-known prefix: the IPv4 address is the last 32 bits
_LEGACY_IPV4_RE = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}$")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    name = host.strip("[]").split("%")[0].rstrip(".")
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    # The resolver also takes legacy IPv4 spellings (2852039166, 0xa9fea9fe, 169.254.43518 = 169.254.169.254):
    # read them the way it will, so they cannot slip past the checks below.
    if _LEGACY_IPV4_RE.match(name):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError:
            return None
    return None


def unwrapped(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The IPv4 address an IPv6 address carries (IPv4-mapped, NAT64, 6to4, Teredo's client), else the address itself.

    A NAT64 gateway or a 6to4 relay delivers such an address to the IPv4 host inside it: 64:ff9b::a9fe:a9fe is the
    metadata service wherever NAT64 runs (IPv6-only subnets, Lambda in an IPv6 VPC among them).
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return ip
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    return ip


def is_loopback(host: str) -> bool:
    """True for localhost names and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    ip = _ip(name)
    return bool(ip and ip.is_loopback)


def host_of(registry: str) -> str:
    """The host part of `host[:port]` (IPv6 literals keep their brackets off)."""
    if registry.startswith("["):
        return registry[1 : registry.index("]")]
    return registry.rsplit(":", 1)[0] if registry.count(":") == 1 else registry


def forbidden_address(host: str) -> bool:
    """Link-local, multicast, unspecified and metadata addresses (and metadata host names)."""
    if host.lower().rstrip(".") in _METADATA_HOSTS:
        return True
    ip = _ip(host)
    if ip is None:
        return False
    ip = unwrapped(ip)
    return ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip == ipaddress.ip_address("fd00:ec2::254")


class UrlPolicy:
    """Checks every URL before a request: registry endpoints, token realms, redirects, upload locations."""

    def __init__(self, *, plain_http: bool = False) -> None:
        self.plain_http = plain_http

    def base_url(self, registry: str) -> str:
        """The URL prefix for a registry's API: http:// only for loopback under --plain-http."""
        scheme = "http" if self.plain_http and is_loopback(host_of(registry)) else "https"
        return f"{scheme}://{registry}"

    def check(self, url: httpx.URL | str, purpose: str) -> httpx.URL:
        """Return the URL if allowed, else raise SecurityError naming the purpose and the URL."""
        try:
            parsed = httpx.URL(url) if isinstance(url, str) else url
        except httpx.InvalidURL as exc:
            raise SecurityError(f"refused {purpose} {str(url)[:200]!r}: not a valid URL ({exc})") from exc
        shown = f"{parsed.scheme}://{parsed.host}{parsed.path}"
        if parsed.scheme not in ("http", "https"):
            raise SecurityError(f"refused {purpose} {shown!r}: only http(s) URLs are followed")
        if not parsed.host:
            raise SecurityError(f"refused {purpose} {shown!r}: no host")
        if parsed.port is not None and not 0 < parsed.port < 65536:
            raise SecurityError(f"refused {purpose} {shown!r}: port {parsed.port} is not a TCP port")
        if forbidden_address(parsed.host):
            raise SecurityError(f"refused {purpose} {shown!r}: link-local and metadata addresses are never contacted")
        if parsed.scheme == "http":
            if not is_loopback(parsed.host):
                raise SecurityError(f"refused {purpose} {shown!r}: plain HTTP is allowed only for loopback hosts")
            if not self.plain_http:
                raise SecurityError(f"refused {purpose} {shown!r}: plain HTTP needs --plain-http")
        return parsed


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)
