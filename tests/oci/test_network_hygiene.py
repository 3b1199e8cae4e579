"""Small network-layer guarantees: embedded IPv4 spellings unwrapped, no token in a repr, tested httpx/httpcore."""

from __future__ import annotations

import asyncio
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.oci.auth import RegistryAuth, _Token
from ecr_mirror.oci.cookies import KeptNoCookies, NoCookies
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.netguard import GuardedBackend, is_internal
from ecr_mirror.oci.policy import UrlPolicy, forbidden_address, redacted
from ecr_mirror.oci.transport import Transport

ROOT = Path(__file__).resolve().parents[2]
# The minor versions whose private parts oci/aionet.py, oci/netguard.py, oci/origin_pools.py and oci/transport.py
# use (httpx's AsyncHTTPTransport._pool and AsyncClient._cookies/_transport; httpcore's
# AsyncHTTP11Connection.READ_NUM_BYTES, its connections' locks and, for the lean HEAD path, their state, expiry and
# h11 machine; and the network backend interface).
TESTED = {"httpx": "0.28", "httpcore": "1.0"}

EMBEDDED_METADATA = [
    "64:ff9b::a9fe:a9fe",  # NAT64 (RFC 6052) of 169.254.169.254
    "64:ff9b::169.254.169.254",
    "64:ff9b::a9fe:aa02",  # NAT64 of 169.254.170.2 (ECS task metadata)
    "2002:a9fe:a9fe::1",  # 6to4 (RFC 3056) of 169.254.169.254
    "2002:a9fe:a9fe:1234:5678::",
    "::ffff:169.254.169.254",  # IPv4-mapped, already refused before
    "64:ff9b:1::a9fe:a9fe",  # NAT64 local-use prefix (RFC 8215), /96 layout
    "64:ff9b:1:a9fe:a9:fe00::",  # the same, RFC 6052's /48 layout (the u octet skipped)
    "64:ff9b:1:a9:fe:a9fe::",  # the /56 layout
    "64:ff9b:1::a9:fea9:fe00:0",  # the /64 layout: the u octet (bits 64-71), then the address (bits 72-103)
    "::a9fe:a9fe",  # IPv4-compatible (RFC 4291)
    "::ffff:0:a9fe:a9fe",  # IPv4-translated (RFC 2765)
    "2001:0:4136:e378:8000:63bf:5601:5601",  # Teredo, client 169.254.169.254
]


@pytest.mark.parametrize("address", EMBEDDED_METADATA)
def test_embedded_link_local_addresses_are_forbidden(address: str) -> None:
    assert forbidden_address(address)
    assert forbidden_address(f"[{address}]")
    with pytest.raises(SecurityError, match="link-local"):
        UrlPolicy().check(f"https://[{address}]/latest/meta-data/", "test")


@pytest.mark.parametrize("address", EMBEDDED_METADATA)
def test_a_name_resolving_to_an_embedded_metadata_address_is_never_connected(address: str) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return [address]

    async def scenario() -> None:
        with pytest.raises(SecurityError, match="link-local or metadata"):
            await GuardedBackend(resolver=resolve).connect_tcp("sneaky.example.com", 443)

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a00:5",
        "64:ff9b::10.0.0.5",
        "2002:c0a8:101::1",
        "64:ff9b::7f00:1",
        "64:ff9b:1::a00:5",  # local-use NAT64 of 10.0.0.5
        "::10.0.0.5",  # IPv4-compatible
        "::ffff:0:a00:5",  # IPv4-translated
        "::ffff:0:7f00:1",  # IPv4-translated loopback
    ],
)
def test_embedded_private_addresses_count_as_private(address: str) -> None:
    assert is_internal(address)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_stay_allowed(address: str) -> None:
    assert not forbidden_address(address)
    assert not is_internal(address)


def test_tokens_and_passwords_never_appear_in_a_repr() -> None:
    token = _Token("eyJ-secret-token-value", 1.0)
    assert "eyJ-secret-token-value" not in repr(token)
    creds = Credentials("user", "pw-secret-value")
    assert "pw-secret-value" not in repr(creds)
    transport = Transport(policy=UrlPolicy())
    auth = RegistryAuth("registry.example.com", creds, transport)
    auth._tokens["repository:x:pull"] = token
    shown = repr(auth) + repr(vars(auth))
    assert "eyJ-secret-token-value" not in shown and "pw-secret-value" not in shown
    asyncio.run(transport.aclose())


def _minor(spec: str) -> str:
    return ".".join(spec.split(".")[:2])


def test_httpx_and_httpcore_are_the_tested_minor_versions() -> None:
    """The network layer reaches into httpx's and httpcore's private parts: another minor version is untested."""
    for package, minor in TESTED.items():
        installed = version(package)
        assert _minor(installed) == minor, f"{package} {installed} is installed; the network layer is tested on {minor}"


def test_pyproject_pins_httpx_and_httpcore_to_the_tested_minor_versions() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    constraints = dict(
        line.split("==") for line in (ROOT / "lambda/constraints.txt").read_text().splitlines() if "==" in line
    )
    for package, minor in TESTED.items():
        major, low = minor.split(".")
        assert f"{package}>={minor},<{major}.{int(low) + 1}" in dependencies, dependencies
        assert _minor(constraints[package]) == minor, constraints[package]


def test_the_engine_client_sends_our_user_agent_and_keeps_no_cookies() -> None:
    from ecr_mirror import __version__

    transport = Transport(policy=UrlPolicy())
    try:
        assert transport.client.headers["user-agent"] == f"ecr-mirror/{__version__}"
        assert re.fullmatch(r"ecr-mirror/\d+\.\d+\.\d+\S*", transport.client.headers["user-agent"])
        response = httpx.Response(
            200, headers={"set-cookie": "session=abc; Path=/"}, request=httpx.Request("GET", "https://r.example/v2/")
        )
        transport.client.cookies.extract_cookies(response)
        assert len(transport.client.cookies) == 0
        assert isinstance(transport.client.cookies, KeptNoCookies)  # httpx's private `_cookies`, replaced by ours
        assert isinstance(transport.client.cookies.jar, NoCookies)
    finally:
        asyncio.run(transport.aclose())


def test_a_url_shown_in_a_log_line_keeps_no_credential() -> None:
    signed = httpx.URL("https://user:pass@cdn.example/blobs/sha256:ab?X-Amz-Signature=s3cr3t#part")
    assert redacted(signed) == "https://cdn.example/blobs/sha256:ab?<redacted>"
    assert redacted(httpx.URL("https://cdn.example/blobs/sha256:ab")) == "https://cdn.example/blobs/sha256:ab"


@pytest.mark.parametrize(
    "host", ["metadata.google.internal", "METADATA.google.internal.", "metadata", "metadata.", "instance-data.."]
)
def test_metadata_host_names_are_forbidden_in_any_case_and_with_trailing_dots(host: str) -> None:
    assert forbidden_address(host)


@pytest.mark.parametrize("host", ["metadata.example", "registry.test", " metadata"])
def test_other_names_are_not_taken_for_metadata_hosts(host: str) -> None:
    assert not forbidden_address(host)


def test_a_url_with_port_zero_is_refused_naming_the_purpose_and_the_port() -> None:
    with pytest.raises(SecurityError) as caught:
        UrlPolicy().check("https://registry.test:0/v2/", "GET x")
    assert str(caught.value) == "refused GET x 'https://registry.test/v2/': port 0 is not a TCP port"


def test_a_url_with_port_65536_is_refused_and_65535_taken() -> None:
    with pytest.raises(SecurityError) as caught:
        UrlPolicy().check("https://registry.test:65536/v2/", "GET x")
    assert str(caught.value) == "refused GET x 'https://registry.test/v2/': port 65536 is not a TCP port"
    assert UrlPolicy().check("https://registry.test:65535/v2/", "GET x").port == 65535


def test_a_policy_made_without_plain_http_refuses_plain_http_even_to_loopback() -> None:
    policy = UrlPolicy()
    assert policy.base_url("127.0.0.1:5000") == "https://127.0.0.1:5000"
    with pytest.raises(SecurityError) as caught:
        policy.check("http://127.0.0.1:5000/v2/", "GET x")
    assert str(caught.value) == "refused GET x 'http://127.0.0.1/v2/': plain HTTP needs --plain-http"
