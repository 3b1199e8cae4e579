"""The address guard against hostile upstreams: IPv4 addresses hidden inside IPv6 ones, and plain HTTP to a name that
only looks local."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpcore
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_blob_get, job, nothing_tagged, one, run

# 169.254.169.254 (the metadata service) inside IPv6 forms a translator or relay delivers to it.
EMBEDDED = {
    "nat64-local-use": "64:ff9b:1::a9fe:a9fe",  # RFC 8215 local-use prefix, /96 layout
    "nat64-local-use-48": "64:ff9b:1:a9fe:a9:fe00::",  # the same prefix, RFC 6052's /48 layout (u octet skipped)
    "ipv4-compatible": "::a9fe:a9fe",  # RFC 4291 (deprecated, still routed by some stacks)
    "ipv4-compatible-dotted": "::169.254.169.254",
    "ipv4-translated": "::ffff:0:a9fe:a9fe",  # RFC 2765 (SIIT)
    "nat64-well-known": "64:ff9b::a9fe:a9fe",
    "ipv4-mapped": "::ffff:a9fe:a9fe",
    "6to4": "2002:a9fe:a9fe::1",
    "teredo-client": "2001:0:4136:e378:8000:63bf:5601:5601",  # client 169.254.169.254 (bits inverted)
}


@pytest.fixture(scope="module")
def steered(registry_binary: str) -> Iterator[tuple[LocalRegistry, LocalRegistry]]:
    source, target = LocalRegistry(binary=registry_binary).start(), LocalRegistry(binary=registry_binary).start()
    push_image(source, "lib/embedded", oci_image(seed="embedded"), tags=["1"])
    yield source, target
    target.stop()
    source.stop()


@pytest.mark.parametrize("case", list(EMBEDDED), ids=list(EMBEDDED))
def test_a_blob_redirect_to_metadata_inside_an_ipv6_address_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    location = f"https://[{EMBEDDED[case]}]/latest/meta-data/iam/security-credentials/"
    source.rules.append(lambda s: Action(status=307, headers={"Location": location}) if is_blob_get(s) else None)
    result = one(run([job(f"{source.host}/lib/embedded:1", f"{target_registry.host}/redirect/{case}:1")]))
    failed_with(result, "refused redirect", "link-local")
    nothing_tagged(target_registry, f"redirect/{case}")


@pytest.mark.parametrize("case", list(EMBEDDED), ids=list(EMBEDDED))
def test_a_token_realm_at_metadata_inside_an_ipv6_address_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    challenge = f'Bearer realm="http://[{EMBEDDED[case]}]/token",service="hostile"'

    def rule(seen: Seen) -> Action | None:
        if "authorization" in seen.headers or not seen.path.startswith("/v2/"):
            return None
        return Action(status=401, headers={"WWW-Authenticate": challenge})

    source.rules.append(rule)
    creds = CredentialStore({source.host: Credentials("hub-user", "hub-password")})
    result = one(run([job(f"{source.host}/lib/embedded:1", f"{target_registry.host}/realm/{case}:1")], creds))
    failed_with(result, "token realm refused", "link-local")
    nothing_tagged(target_registry, f"realm/{case}")


class _Recorder(httpcore.AsyncNetworkBackend):
    """Stands in for the network: records every address a connection was opened to, and opens none."""

    def __init__(self) -> None:
        self.connected: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        raise httpcore.ConnectError(f"recorded {host}:{port}")


def test_plain_http_goes_only_to_a_loopback_address_not_to_a_name_that_looks_local() -> None:
    """`registry.localhost` passes the URL policy by its name; it resolves to a public address, so no byte goes
    there in the clear (the name is one the user gave, so the private-address rule does not stop it)."""
    recorder = _Recorder()

    async def resolve(host: str, port: int) -> list[str]:
        return {"registry.localhost": ["93.184.216.34"], "dual.localhost": ["127.0.0.1", "93.184.216.34"]}[host]

    async def scenario() -> list[str]:
        guard = GuardedBackend(recorder, resolver=resolve, trusted=["registry.localhost", "dual.localhost"])
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1), guard=guard)
        refusals = []
        try:
            for name in ("registry.localhost", "dual.localhost"):
                with pytest.raises(SecurityError) as refused:
                    await transport.send("GET", f"http://{name}:5000/v2/", purpose="GET /v2/")
                refusals.append(str(refused.value))
        finally:
            await transport.aclose()
        return refusals

    refusals = asyncio.run(scenario())
    assert recorder.connected == [], "a plain-HTTP connection was opened to a public address"
    for name, message in zip(("registry.localhost", "dual.localhost"), refusals, strict=True):
        assert f"plain-HTTP connection to {name!r}" in message and "93.184.216.34" in message, message
        assert "not a loopback address" in message, message


def test_plain_http_to_a_loopback_address_still_works(proxy_factory: Callable[..., InterposingProxy]) -> None:
    server = proxy_factory(None)
    server.rules.append(lambda seen: Action(status=200, body=b"{}"))

    async def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async def scenario() -> int:
        guard = GuardedBackend(resolver=resolve, trusted=["registry.localhost"])
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1), guard=guard)
        try:
            response = await transport.send("GET", f"http://registry.localhost:{server.port}/v2/")
            return response.status_code
        finally:
            await transport.aclose()

    assert asyncio.run(scenario()) == 200
    assert len(server.requests("GET", "/v2/")) == 1
