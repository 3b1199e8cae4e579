"""Every body read whole is capped: a hostile upstream streaming a huge answer fails the image clearly, and is never
read to its end (the proxy counts what it managed to send: far less than the body, so nothing held it whole)."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Callable, Iterator

import pytest

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.tag_listing import list_tags
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import FAST, failed_with, is_blob_get, job, one, run

MiB = 1024 * 1024
HUGE = 256 * MiB  # streamed, never built
READ_AT_MOST = 32 * MiB  # what the proxy may get out before the client hangs up (its cap plus socket buffers)


def _huge(prefix: bytes = b"") -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield prefix
        for _ in range(HUGE // MiB):
            yield b" " * MiB

    return chunks


def _sent(proxy: InterposingProxy) -> int:
    return sum(s.sent for s in proxy.requests())


def test_a_huge_token_answer_fails_the_image_clearly(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/tok", oci_image(seed="tok"), tags=["1"])
    realm = proxy_factory(None)
    realm.rules.append(lambda seen: Action(status=200, stream=_huge(b'{"token": "')))
    source = proxy_factory(source_registry.host)
    challenge = f'Bearer realm="{realm.url}/token",service="hostile"'
    source.rules.append(
        lambda seen: (
            None if "authorization" in seen.headers else Action(status=401, headers={"WWW-Authenticate": challenge})
        )
    )
    result = one(run([job(f"{source.host}/lib/tok:1", f"{target_registry.host}/m/tok:1")]))
    failed_with(result, "token request", "over 65536 bytes")
    assert 0 < _sent(realm) < READ_AT_MOST


def test_a_huge_error_body_is_left_unread_and_the_status_still_fails_the_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/err", oci_image(seed="err"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda seen: Action(status=403, stream=_huge()) if is_blob_get(seen) else None)
    result = one(run([job(f"{source.host}/lib/err:1", f"{target_registry.host}/m/err:1")]))
    failed_with(result, "HTTP 403")
    assert 0 < _sent(source) < READ_AT_MOST


def test_a_huge_error_body_on_a_manifest_get_is_left_unread(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/merr", oci_image(seed="merr"), tags=["1"])
    source = proxy_factory(source_registry.host)
    hostile = Action(status=404, stream=_huge(b'{"errors": ['))
    source.rules.append(lambda seen: hostile if seen.method == "GET" and "/manifests/" in seen.path else None)
    result = one(run([job(f"{source.host}/lib/merr:1", f"{target_registry.host}/m/merr:1")]))
    failed_with(result, "HTTP 404")
    assert 0 < _sent(source) < READ_AT_MOST


def _list(proxy: InterposingProxy, repository: str) -> list[str]:
    async def listing() -> list[str]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        client = RegistryClient(proxy.host, transport, RegistryAuth(proxy.host, None, transport))
        try:
            return await list_tags(client, repository)
        finally:
            await transport.aclose()

    return asyncio.run(listing())


def test_a_huge_tag_list_page_is_refused_clearly(
    source_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/tags", oci_image(seed="tags"), tags=["1", "2"])
    source = proxy_factory(source_registry.host)
    assert sorted(_list(source, "lib/tags")) == ["1", "2"]
    source.rules.append(
        lambda seen: Action(status=200, stream=_huge(b'{"tags": [')) if "/tags/list" in seen.path else None
    )
    with pytest.raises(UnsupportedError, match=r"list tags of .*lib/tags.*over 8388608 bytes"):
        _list(source, "lib/tags")
    assert 0 < _sent(source) < READ_AT_MOST


def test_a_small_gzip_body_that_inflates_past_the_cap_is_refused(
    source_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/bomb", oci_image(seed="bomb"), tags=["1"])
    bomb = gzip.compress(b'{"tags": [' + b" " * (64 * MiB) + b"]}")
    assert len(bomb) < MiB
    source = proxy_factory(source_registry.host)

    def gzipped(seen: Seen) -> Action | None:
        if "/tags/list" not in seen.path:
            return None
        return Action(status=200, body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})

    source.rules.append(gzipped)
    with pytest.raises(UnsupportedError, match=r"over 8388608 bytes"):
        _list(source, "lib/bomb")
