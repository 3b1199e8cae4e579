"""A small blob read whole (RegistryClient.read_blob, what image configs and signature layers are read with): at
most `limit` bytes, a declared size over it refused before asking, the token asked for pulling that repository
only, and a transport failure named after the blob."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import pytest

from ecr_mirror.errors import RegistryError, UnsupportedError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.bodies import MAX_BODY
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport

T = TypeVar("T")
LAYER = MAX_BODY + 16 * 1024  # of content: the layer is over what any other answer is read whole with


@dataclass(frozen=True)
class _Blob:
    digest: str
    size: int


def _with_client(host: str, use: Callable[[RegistryClient], Awaitable[T]]) -> T:
    async def scenario() -> T:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1))
        try:
            return await use(RegistryClient(host, transport, RegistryAuth(host, None, transport)))
        finally:
            await transport.aclose()

    return asyncio.run(scenario())


def _layer(registry: LocalRegistry, repo: str) -> _Blob:
    desc = push_image(registry, repo, oci_image((LAYER,), seed=f"read-blob-{repo}"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    assert layer.size > MAX_BODY
    return _Blob(layer.digest, layer.size)


def test_a_blob_of_exactly_the_limit_is_read_whole_even_over_the_usual_body_cap(registry: LocalRegistry) -> None:
    blob = _layer(registry, "lib/rb")
    data = _with_client(registry.host, lambda client: client.read_blob("lib/rb", blob, limit=blob.size))
    assert len(data) == blob.size
    assert registry.request_counts()[("GET", "blob")] == 1


def test_a_blob_declared_over_the_limit_is_refused_naming_it_without_asking(registry: LocalRegistry) -> None:
    blob = _layer(registry, "lib/rbo")
    before = registry.request_counts().get(("GET", "blob"), 0)
    with pytest.raises(UnsupportedError) as refused:
        _with_client(registry.host, lambda client: client.read_blob("lib/rbo", blob, limit=blob.size - 1))
    assert str(refused.value) == (
        f"blob {registry.host}/lib/rbo@{blob.digest} declares {blob.size} bytes; "
        f"more than the {blob.size - 1} read whole"
    )
    assert registry.request_counts().get(("GET", "blob"), 0) == before


def test_the_token_asked_for_is_for_pulling_that_repository(
    token_registry: LocalRegistry, token_server: TokenServer
) -> None:
    blob = _layer(token_registry, "lib/rbt")
    token_server.reset()
    data = _with_client(token_registry.host, lambda client: client.read_blob("lib/rbt", blob, limit=blob.size))
    assert len(data) == blob.size
    assert [request.scopes for request in token_server.requests] == [("repository:lib/rbt:pull",)]


def test_a_registry_that_cannot_be_reached_fails_naming_the_blob() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        host = f"127.0.0.1:{unused.getsockname()[1]}"  # bound, not listening: the connection is refused
        blob = _Blob("sha256:" + "ab" * 32, 10)
        with pytest.raises(RegistryError) as failed:
            _with_client(host, lambda client: client.read_blob("lib/gone", blob, limit=100))
    assert str(failed.value).startswith(f"GET blob {host}/lib/gone@{blob.digest} failed: ConnectError: ")
