"""What RegistryClient (oci/client.py) asks and what it makes of the answers: a blob mounted from a sibling
repository, the upload's PUT, a manifest stored or served under another digest than its bytes', a manifest HEAD with
or without a length, a spent pull quota, and an error about a manifest asked for by digest."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import socket
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest

from ecr_mirror.errors import IntegrityError, RegistryError
from ecr_mirror.lab.defaults import DEFAULT_PASSWORD, DEFAULT_USER
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient, Upload
from ecr_mirror.oci.credentials import Credentials
from ecr_mirror.oci.manifest import Manifest, ManifestHead
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy, Seen

T = TypeVar("T")
OTHER = "sha256:" + "e" * 64


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _with_client(host: str, use: Callable[[RegistryClient], Awaitable[T]], credentials: Credentials | None = None) -> T:
    async def scenario() -> T:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1))
        try:
            return await use(RegistryClient(host, transport, RegistryAuth(host, credentials, transport)))
        finally:
            await transport.aclose()

    return asyncio.run(scenario())


@pytest.fixture
def scripted() -> Iterator[InterposingProxy]:
    """A registry that is only its rules (each test adds them)."""
    with InterposingProxy() as proxy:
        yield proxy


MANIFEST = json.dumps(
    {
        "schemaVersion": 2,
        "mediaType": mediatypes.OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": OTHER, "size": 2},
        "layers": [],
    }
).encode()


def test_a_blob_is_mounted_from_a_sibling_repository_with_one_token_for_both(
    token_registry: LocalRegistry, token_server: TokenServer
) -> None:
    image = push_image(token_registry, "lib/m1", oci_image((1000,), seed="mount"), tags=["1"])
    layer = max(image.blobs, key=lambda b: b.size).digest
    token_server.reset()

    async def mount(client: RegistryClient) -> tuple[Upload, bool]:
        upload = await client.start_upload("lib/m2", layer, mount_from="lib/m1")
        return upload, await client.blob_exists("lib/m2", layer)

    lab = Credentials(DEFAULT_USER, DEFAULT_PASSWORD)
    assert _with_client(token_registry.host, mount, lab) == (Upload(location=None), True)
    assert [request.scopes for request in token_server.requests] == [
        (
            "repository:lib/m2:pull,push",
            "repository:lib/m1:pull",
        ),
        ("repository:lib/m2:pull,push",),
    ]


def test_an_upload_is_put_with_its_digest_size_and_type_and_lands(registry: LocalRegistry) -> None:
    with InterposingProxy(registry.host) as proxy:
        data = b"a blob of some bytes" * 50

        async def upload(client: RegistryClient) -> bool:
            started = await client.start_upload("lib/up", _digest(data))
            assert started.location is not None and started.location.host == "127.0.0.1"
            await client.finish_upload("lib/up", started, _digest(data), len(data), lambda: data)
            return await client.blob_exists("lib/up", _digest(data))

        assert _with_client(proxy.host, upload) is True
        [put] = proxy.requests("PUT")
    assert put.headers["content-type"] == "application/octet-stream"
    assert put.headers["content-length"] == str(len(data))
    assert f"digest={_digest(data).replace(':', '%3A')}" in put.path
    assert put.received == len(data)


def _answer(method: str, contains: str, action: Action) -> Callable[[Seen], Action | None]:
    return lambda seen: action if seen.method == method and contains in seen.path else None


def test_a_manifest_the_registry_says_it_stored_under_another_digest_is_refused(scripted: InterposingProxy) -> None:
    scripted.rules.append(_answer("PUT", "/manifests/", Action(status=201, headers={"Docker-Content-Digest": OTHER})))
    manifest = Manifest(data=MANIFEST, media_type=mediatypes.OCI_MANIFEST, digest=_digest(MANIFEST))
    with pytest.raises(IntegrityError) as refused:
        _with_client(scripted.host, lambda client: client.put_manifest("lib/pm", "1", manifest))
    assert str(refused.value) == (
        f"PUT manifest {scripted.host}/lib/pm:1: the registry stored {OTHER}, we sent {manifest.digest}"
    )


def test_a_manifest_stored_under_its_own_digest_is_accepted(scripted: InterposingProxy) -> None:
    digest = _digest(MANIFEST)
    scripted.rules.append(_answer("PUT", "/manifests/", Action(status=201, headers={"Docker-Content-Digest": digest})))
    manifest = Manifest(data=MANIFEST, media_type=mediatypes.OCI_MANIFEST, digest=digest)
    _with_client(scripted.host, lambda client: client.put_manifest("lib/pm", "1", manifest))
    [put] = scripted.requests("PUT")
    assert (put.headers["content-type"], put.received) == (mediatypes.OCI_MANIFEST, len(MANIFEST))


def test_a_manifest_served_with_a_digest_header_its_bytes_do_not_hash_to_is_refused(
    scripted: InterposingProxy,
) -> None:
    headers = {"Content-Type": mediatypes.OCI_MANIFEST, "Docker-Content-Digest": OTHER}
    scripted.rules.append(_answer("GET", "/manifests/", Action(status=200, body=MANIFEST, headers=headers)))
    with pytest.raises(IntegrityError) as refused:
        _with_client(scripted.host, lambda client: client.get_manifest("lib/gm", "1"))
    assert str(refused.value) == (
        f"manifest {scripted.host}/lib/gm:1: received bytes hash to {_digest(MANIFEST)}, the registry claims {OTHER}"
    )


@pytest.mark.parametrize(("length", "size"), [(None, None), ("321", 321)])
def test_a_manifest_head_gives_the_length_when_the_registry_says_it(
    scripted: InterposingProxy, length: str | None, size: int | None
) -> None:
    headers = {"Content-Type": f"{mediatypes.OCI_MANIFEST}; charset=utf-8", "Docker-Content-Digest": OTHER}
    if length is not None:
        headers["Content-Length"] = length
    # without a length the answer ends with its connection (the proxy's streamed form)
    action = Action(status=200, headers=headers, stream=None if length is not None else list)
    scripted.rules.append(_answer("HEAD", "/manifests/", action))
    head = _with_client(scripted.host, lambda client: client.head_manifest("lib/hm", "1"))
    assert head == ManifestHead(digest=OTHER, media_type=mediatypes.OCI_MANIFEST, size=size)


def test_a_pull_refused_429_spends_the_quota_whatever_count_came_with_it(scripted: InterposingProxy) -> None:
    answer = Action(status=429, headers={"RateLimit-Remaining": "7;w=21600"})
    scripted.rules.append(_answer("GET", "/manifests/", answer))

    async def pull(client: RegistryClient) -> tuple[str, int | None]:
        with pytest.raises(RegistryError) as refused:
            await client.get_manifest("lib/rl", "1")
        return str(refused.value), client.rate_limit_remaining

    message, remaining = _with_client(scripted.host, pull)
    assert message.startswith(f"GET manifest {scripted.host}/lib/rl:1: HTTP 429")
    assert remaining == 0
    assert len(scripted.requests("GET")) == 1  # a pull refused without Retry-After is not asked again


def test_an_error_about_a_manifest_asked_for_by_digest_names_it_with_an_at(scripted: InterposingProxy) -> None:
    scripted.rules.append(_answer("GET", "/manifests/", Action(status=404, body=b"")))
    with pytest.raises(RegistryError) as missing:
        _with_client(scripted.host, lambda client: client.get_manifest("lib/bd", OTHER))
    assert str(missing.value) == f"GET manifest {scripted.host}/lib/bd@{OTHER}: HTTP 404 (Not Found)"


def test_a_blob_head_failing_is_an_error_naming_the_blob_not_an_absence(scripted: InterposingProxy) -> None:
    scripted.rules.append(_answer("HEAD", "/blobs/", Action(status=500)))
    with pytest.raises(RegistryError) as failed:
        _with_client(scripted.host, lambda client: client.blob_exists("lib/bh", OTHER))
    assert str(failed.value) == f"HEAD blob {scripted.host}/lib/bh@{OTHER}: HTTP 500 (Internal Server Error)"
    assert failed.value.status == 500


def test_a_blob_the_registry_does_not_have_is_an_error_with_the_registry_s_code(registry: LocalRegistry) -> None:
    async def missing(client: RegistryClient) -> None:
        await client.open_blob("lib/ob", OTHER)

    with pytest.raises(RegistryError) as failed:
        _with_client(registry.host, missing)
    assert (
        str(failed.value)
        == f"GET blob {registry.host}/lib/ob@{OTHER}: HTTP 404 BLOB_UNKNOWN (blob unknown to registry)"
    )
    assert failed.value.codes == ["BLOB_UNKNOWN"]


def test_an_upload_to_a_token_registry_asks_one_token_to_push(
    token_registry: LocalRegistry, token_server: TokenServer
) -> None:
    data = b"pushed with a token" * 10

    async def upload(client: RegistryClient) -> bool:
        started = await client.start_upload("lib/tu", _digest(data))
        await client.finish_upload("lib/tu", started, _digest(data), len(data), lambda: data)
        return await client.blob_exists("lib/tu", _digest(data))

    token_server.reset()
    assert _with_client(token_registry.host, upload, Credentials(DEFAULT_USER, DEFAULT_PASSWORD)) is True
    assert [request.scopes for request in token_server.requests] == [("repository:lib/tu:pull,push",)]


def test_a_manifest_registry_that_cannot_be_reached_fails_naming_the_manifest() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        host = f"127.0.0.1:{unused.getsockname()[1]}"  # bound, not listening: the connection is refused
        with pytest.raises(RegistryError) as failed:
            _with_client(host, lambda client: client.get_manifest("lib/gone", "1"))
    assert str(failed.value).startswith(f"GET manifest {host}/lib/gone:1 failed: ConnectError: ")


def test_a_manifest_put_refused_for_a_blob_not_yet_visible_is_retried_once_and_logged(
    scripted: InterposingProxy, caplog: pytest.LogCaptureFixture
) -> None:
    unknown = json.dumps({"errors": [{"code": "MANIFEST_BLOB_UNKNOWN", "message": "blob unknown"}]}).encode()
    answers = [
        Action(status=400, body=unknown),
        Action(status=201, headers={"Docker-Content-Digest": _digest(MANIFEST)}),
    ]
    scripted.rules.append(lambda seen: answers.pop(0) if seen.method == "PUT" else None)
    manifest = Manifest(data=MANIFEST, media_type=mediatypes.OCI_MANIFEST, digest=_digest(MANIFEST))
    caplog.set_level(logging.DEBUG, logger="ecr_mirror.oci.client")
    _with_client(scripted.host, lambda client: client.put_manifest("lib/pr", "1", manifest))
    assert len(scripted.requests("PUT")) == 2
    assert [m for n, _, m in caplog.record_tuples if n == "ecr_mirror.oci.client"] == [
        f"PUT manifest {scripted.host}/lib/pr:1: PUT manifest {scripted.host}/lib/pr:1: HTTP 400 MANIFEST_BLOB_UNKNOWN "
        "(blob unknown); retrying once"
    ]
