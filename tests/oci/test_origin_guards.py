"""Which guard an origin's connections go through (oci/origin_pools.py): a plain-HTTP origin only to a loopback
address, whatever its name says; an HTTPS origin to any address the guard allows (here a trusted private one). A
scripted resolver gives the addresses, and the inner backend records each connection asked of it (and fails it:
no byte is sent)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
import pytest

from ecr_mirror.errors import RegistryError, SecurityError
from ecr_mirror.oci.netguard import GuardedBackend
from ecr_mirror.oci.origin_pools import guarded_transport
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport


class _Recorder(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self.connects: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connects.append((host, port))
        raise httpcore.ConnectError(f"recorded {host}:{port}")


async def _resolve(host: str, port: int) -> list[str]:
    return {"registry.localhost": ["10.20.30.40"], "registry.internal": ["10.20.30.41"]}[host]


def _send(url: str) -> tuple[BaseException, list[tuple[str, int]]]:
    async def scenario() -> tuple[BaseException, list[tuple[str, int]]]:
        recorder = _Recorder()
        transport = Transport(
            policy=UrlPolicy(plain_http=True), guard=GuardedBackend(inner=recorder, resolver=_resolve)
        )
        transport.trust("registry.localhost")
        transport.trust("registry.internal")
        try:
            await transport.send("GET", url, retries=False)
        except (RegistryError, SecurityError) as exc:
            return exc, recorder.connects
        finally:
            await transport.aclose()
        pytest.fail(f"{url} answered")

    return asyncio.run(scenario())


def test_a_plain_http_origin_whose_name_resolves_off_this_machine_is_never_connected() -> None:
    error, connects = _send("http://registry.localhost:5000/v2/")
    assert connects == []
    assert str(error) == (
        "refused a plain-HTTP connection to 'registry.localhost': it resolves to 10.20.30.40, which is not a "
        "loopback address (plain HTTP is allowed only to this machine)"
    )


def test_an_https_origin_at_a_trusted_private_address_is_connected() -> None:
    error, connects = _send("https://registry.internal:5443/v2/")
    assert connects == [("10.20.30.41", 5443)]
    assert "ConnectError: recorded 10.20.30.41:5443" in str(error)


def test_the_transport_built_without_a_guard_resolves_with_the_resolver_given() -> None:
    asked: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["169.254.169.254"]

    async def scenario() -> str:
        async with httpx.AsyncClient(transport=guarded_transport(httpx.Limits(), resolver)) as client:
            with pytest.raises(SecurityError) as refused:
                await client.get("https://registry.test/v2/")
        return str(refused.value)

    refused = asyncio.run(scenario())
    assert asked == ["registry.test"]
    assert refused.startswith("refused a connection to 'registry.test': it resolves to 169.254.169.254")


def test_the_certificate_authorities_of_the_environment_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """certifi's bundle and the CA files named: SSL_CERT_FILE or SSL_CERT_DIR of the environment change nothing."""
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    monkeypatch.setenv("SSL_CERT_DIR", "/nonexistent")
    pools = guarded_transport(httpx.Limits())
    assert pools.ssl_context.verify_mode.name == "CERT_REQUIRED" and pools.ssl_context.check_hostname
