"""What a referrer copy checks before it trusts what it read: the size an index of referrers declares for each
referrer (refused above the manifest cap without a GET, compared with the bytes received otherwise), and the
target's fallback index read by the digest its HEAD gave (a tag that moves in between is not merged into)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ecr_mirror.errors import IntegrityError, UnsupportedError
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.image_types import ImageContent
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.oci.mediatypes import MAX_MANIFEST_BYTES
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import copy_refs, mirror_image, push

SRC, DST = "app/img", "mirror/img"
Proxy = Callable[..., InterposingProxy]


def _listed_as(registry: LocalRegistry, subject: str, sbom: ImageContent, size: int) -> None:
    """The referrer pushed by digest, and the subject's fallback index listing it with `size` bytes."""
    push_image(registry, SRC, sbom, tags=())
    entry: dict[str, Any] = {**artifacts.referrer_descriptor(sbom), "size": size}
    index = artifacts.referrers_index([entry])
    push_image(registry, SRC, ImageContent(manifests=(index,), blobs=()), tags=[fallback_tag(subject)])


@pytest.mark.parametrize("declared", [MAX_MANIFEST_BYTES, 1], ids=["at-the-cap", "too-small"])
def test_a_referrer_whose_bytes_differ_from_the_declared_size_fails_the_subject_naming_both(
    source_registry: LocalRegistry, target_registry: LocalRegistry, declared: int
) -> None:
    """A size up to the cap is not refused unread: the referrer is fetched, and its bytes must match the index."""
    image = push(source_registry, SRC, oci_image(seed=f"ref-size-{declared}"))
    sbom = artifacts.artifact(image.manifests[-1], seed=f"ref-size-{declared}-sbom")
    _listed_as(source_registry, image.digest, sbom, declared)
    mirror_image(image, target_registry.host, DST)
    source_registry.reset_counts()
    target_registry.reset_counts()

    with pytest.raises(UnsupportedError) as caught:
        copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])

    assert str(caught.value) == (
        f"referrers of {source_registry.host}/{SRC}@{image.digest}: referrer {sbom.digest} ({artifacts.SPDX}): "
        f"manifest {sbom.digest}: {sbom.top.size} bytes, the index declares {declared}"
    )
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 2  # the fallback index, the referrer
    assert target_registry.request_counts().get(("PUT", "manifest"), 0) == 0


def test_a_referrer_declared_over_the_manifest_cap_is_refused_without_a_get(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    image = push(source_registry, SRC, oci_image(seed="ref-size-over"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ref-size-over-sbom")
    _listed_as(source_registry, image.digest, sbom, MAX_MANIFEST_BYTES + 1)
    mirror_image(image, target_registry.host, DST)
    source_registry.reset_counts()

    with pytest.raises(UnsupportedError) as caught:
        copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])

    assert str(caught.value) == (
        f"referrers of {source_registry.host}/{SRC}@{image.digest}: referrer {sbom.digest} ({artifacts.SPDX}): "
        f"it declares {MAX_MANIFEST_BYTES + 1} bytes; refused"
    )
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 1  # the fallback index only


def test_a_target_fallback_tag_moved_between_its_head_and_its_get_is_not_merged_into(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """Another writer replaces the target's fallback index after our HEAD: the GET by tag must give the bytes of
    the digest the HEAD answered, else the subject fails and the tag keeps the other writer's index."""
    image = push(source_registry, SRC, oci_image(seed="ref-moved-index"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ref-moved-index-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    mirror_image(image, target_registry.host, DST)
    local = artifacts.artifact(image.manifests[-1], artifacts.NOTARY_SIGNATURE, seed="ref-moved-index-local")
    artifacts.push_referrer(target_registry, DST, local)
    tag = fallback_tag(image.digest)
    before = inspect_digest(target_registry.ref(DST, tag))
    other = artifacts.artifact(image.manifests[-1], artifacts.NOTARY_SIGNATURE, seed="ref-moved-index-other")
    target = proxy_factory(target_registry.host)
    moved: list[str] = []

    def move_the_tag(seen: Seen) -> Action | None:
        if seen.method == "GET" and seen.path.endswith(f"/manifests/{tag}") and not moved:
            moved.append(artifacts.push_referrer(target_registry, DST, other).extra["index"].digest)
        return None

    target.rules.append(move_the_tag)
    with pytest.raises(IntegrityError) as caught:
        copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])

    (after,) = moved
    message = str(caught.value)
    assert message.startswith(f"referrers of {source_registry.host}/{SRC}@{image.digest}: manifest "), message
    assert message.endswith(f"{target.host}/{DST}@{tag}: received bytes hash to {after}, not {before}"), message
    assert inspect_digest(target_registry.ref(DST, tag)) == after  # the other writer's index, not overwritten
    assert target.requests("PUT", f"/manifests/{tag}") == []
