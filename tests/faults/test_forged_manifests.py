"""A source that forges a manifest's bytes and its Docker-Content-Digest header together.

The header then agrees with the bytes, so only the digest we asked for (the job's `@sha256:...`, or the digest an
index names for its child) can catch the substitution. The forged manifest is a real image of the same repository
with the same length, so nothing else in the copy would notice it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, job, nothing_tagged, one, run, tag_digest


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _forge(proxy: InterposingProxy, repository: str, asked: str, forged: bytes, media_type: str) -> None:
    """GET of `asked` answers `forged` with a header that matches the forged bytes."""
    path = f"/v2/{repository}/manifests/{asked}"

    def rule(seen: Seen) -> Action | None:
        if seen.path != path or seen.method != "GET":
            return None
        return Action(
            status=200, body=forged, headers={"Content-Type": media_type, "Docker-Content-Digest": _digest(forged)}
        )

    proxy.rules.append(rule)


def test_a_forged_manifest_asked_for_by_digest_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    good = push_image(source_registry, "lib/fd", oci_image(seed="fd-good"), tags=["1"])
    evil = push_image(source_registry, "lib/fd", oci_image(seed="fd-evil"), tags=["evil"])
    source = proxy_factory(source_registry.host)
    _forge(source, "lib/fd", good.digest, evil.manifests[-1].body, evil.media_type)

    result = one(run([job(f"{source.host}/lib/fd@{good.digest}", f"{target_registry.host}/m/fd:1")]))

    failed_with(result, "hash to", good.digest)
    assert source.requests("GET", good.digest), "the forged manifest was never served"
    nothing_tagged(target_registry, "m/fd")
    assert tag_digest(target_registry.host, "m/fd", evil.digest) is None, "the forged image reached the target"


def test_a_forged_child_of_an_index_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    index = push_image(source_registry, "lib/fi", oci_index(seed="fi", attestations=False), tags=["1"])
    child = index.manifests[0]
    evil = push_image(source_registry, "lib/fi", oci_image(seed="fi-evil"), tags=["evil"])
    forged = evil.manifests[-1].body
    assert len(forged) == len(child.body), "the forgery must pass the index's size check"
    source = proxy_factory(source_registry.host)
    _forge(source, "lib/fi", child.digest, forged, evil.media_type)

    result = one(run([job(f"{source.host}/lib/fi:1", f"{target_registry.host}/m/fi:1")]))

    failed_with(result, "hash to", child.digest)
    assert source.requests("GET", child.digest), "the forged child was never served"
    nothing_tagged(target_registry, "m/fi")
    assert tag_digest(target_registry.host, "m/fi", evil.digest) is None, "the forged image reached the target"
