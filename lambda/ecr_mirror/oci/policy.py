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
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215's local-use prefix for IPv4/IPv6 translation
_EC2_METADATA_V6 = ipaddress.IPv6Address("fd00:ec2::254")
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


def embedded(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address an IPv6 address may carry (none for a plain one); a check must hold for each of them.

    A translator or relay delivers such an address to the IPv4 host inside it: 64:ff9b::a9fe:a9fe is the metadata
    service wherever NAT64 runs (IPv6-only subnets, Lambda in an IPv6 VPC among them). The forms: IPv4-mapped
    (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d, RFC 2765), IPv4-compatible (::a.b.c.d, RFC 4291),
    NAT64's well-known prefix 64:ff9b::/96 and its local-use prefix 64:ff9b:1::/48 (RFC 6052, RFC 8215: an operator
    may embed at any RFC 6052 prefix length inside it, so every layout is read), 6to4 (2002::/16) and Teredo
    (2001::/32: its server and its client).
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    value = int(ip)
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if value >> 32 == 0xFFFF0000 or (value >> 32 == 0 and value > 1):  # IPv4-translated, IPv4-compatible
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if ip in _NAT64_LOCAL:
        found += [ipaddress.IPv4Address(_rfc6052_ipv4(value, length)) for length in (48, 56, 64, 96)]
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found += list(ip.teredo)
    return found


def _rfc6052_ipv4(value: int, prefix: int) -> int:
    """The IPv4 address RFC 6052 embeds after a prefix of `prefix` bits (bits 64-71 are the reserved u octet).

    Up to /64 the address starts right after the prefix (a /64 one at bit 72, which is bit 64 once the u octet is
    left out); after a /96 prefix it is the last 32 bits."""
    bits = f"{value:0128b}"
    without_u = bits[:64] + bits[72:]
    start = prefix if prefix <= 64 else prefix - 8
    return int(without_u[start : start + 32], 2)


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
    if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip == _EC2_METADATA_V6:
        return True
    return any(a.is_link_local or a.is_multicast for a in embedded(ip))


def routable(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable: the IPv4 addresses an IPv6 address carries all are (else the address itself is)."""
    carried = embedded(ip)
    return all(a.is_global for a in carried) if carried else ip.is_global


class UrlPolicy:
    """Checks every URL before a request: registry endpoints, token realms, redirects, upload locations."""

    def __init__(self, *, plain_http: bool = False) -> None:
        self.plain_http = plain_http
        # Origins already allowed: the verdict depends only on scheme, host and port (a warm plan checks thousands
        # of URLs of two origins; the address checks were a tenth of a HEAD's CPU).
        self._allowed: set[tuple[str, str, int | None]] = set()

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
        origin = (parsed.scheme, parsed.host, parsed.port)
        if origin in self._allowed:
            return parsed
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
        self._allowed.add(origin)
        return parsed


def redacted(url: httpx.URL) -> str:
    """A URL fit for a log line: a signed URL's query (X-Amz-Signature=..., a token) is a credential, so it goes."""
    shown = str(url.copy_with(query=None, fragment=None, username=None, password=None))
    return f"{shown}?<redacted>" if url.query else shown


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)
