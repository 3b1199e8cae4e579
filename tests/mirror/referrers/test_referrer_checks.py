"""What a referrer copy checks before it trusts what it read: the size an index of referrers declares for each
referrer (refused above the manifest cap without a GET, compared with the bytes received otherwise), and the
target's fallback index read by the digest its HEAD gave (a tag that moves in between is not merged into); a
source fallback index that is no index of referrers is refused naming that tag; an immutable target fallback tag
is a conflict naming the index it holds; a cosign tag whose HEAD gives no digest is read by its tag; a next page of
the source's referrers API answering 404 fails the subject naming the page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from ecr_mirror.errors import IntegrityError, RegistryError, TagConflictError, UnsupportedError
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.content import sha256_digest
from ecr_mirror.lab.image_types import ImageContent
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.oci.mediatypes import MAX_MANIFEST_BYTES, OCI_INDEX, OCI_MANIFEST
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import copy_refs, mirror_image, push
from .test_api import ReferrersApi

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


def test_a_source_fallback_index_whose_manifests_is_no_list_fails_the_subject_naming_the_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    image = push(source_registry, SRC, oci_image(seed="ref-bad-index"))
    mirror_image(image, target_registry.host, DST)
    tag = fallback_tag(image.digest)
    bad = json.dumps({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": {"sbom": "not a list"}}).encode()
    digest = sha256_digest(bad)
    source = proxy_factory(source_registry.host)
    served = (f"/v2/{SRC}/manifests/{tag}", f"/v2/{SRC}/manifests/{digest}")

    def serve(seen: Seen) -> Action | None:
        if seen.method in ("GET", "HEAD") and seen.path in served:
            return Action(status=200, body=bad, headers={"Content-Type": OCI_INDEX, "Docker-Content-Digest": digest})
        return None

    source.rules.append(serve)
    with pytest.raises(UnsupportedError) as caught:
        copy_refs(source.host, target_registry.host, SRC, DST, [image.digest])

    assert str(caught.value) == (
        f"referrers of {source.host}/{SRC}@{image.digest}: fallback tag {source.host}/{SRC}:{tag}: "
        "`manifests` is not a list"
    )


def test_an_immutable_target_fallback_tag_is_a_conflict_naming_the_index_it_holds(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """The source lists its referrers through the API, the target has no API but a fallback index of its own,
    and refuses to move that tag: the error says which index the tag keeps."""
    source = proxy_factory(source_registry.host)
    api = ReferrersApi(SRC)
    source.rules.append(api)
    image = push(source_registry, SRC, oci_image(seed="ref-immutable-api"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ref-immutable-api-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom, fallback=False)
    api.list(image.digest, [artifacts.referrer_descriptor(sbom)])
    mirror_image(image, target_registry.host, DST, via=source.host)
    local = artifacts.artifact(image.manifests[-1], artifacts.NOTARY_SIGNATURE, seed="ref-immutable-api-local")
    artifacts.push_referrer(target_registry, DST, local)
    tag = fallback_tag(image.digest)
    held = inspect_digest(target_registry.ref(DST, tag))
    target = proxy_factory(target_registry.host)
    refusal = b'{"errors":[{"code":"TAG_INVALID","message":"the tag cannot be overwritten because it is immutable"}]}'

    def refuse(seen: Seen) -> Action | None:
        if seen.method == "PUT" and seen.path.endswith(f"/manifests/{tag}"):
            return Action(status=400, body=refusal, headers={"Content-Type": "application/json"})
        return None

    target.rules.append(refuse)
    with pytest.raises(TagConflictError) as caught:
        copy_refs(source.host, target.host, SRC, DST, [image.digest])

    message = str(caught.value)
    assert message.startswith(
        f"referrers of {source.host}/{SRC}@{image.digest}: target tag {target.host}/{DST}:{tag} is immutable and "
        f"holds {held}; it would now be sha256:"
    ), message
    assert message.endswith(". Nothing was overwritten."), message
    assert inspect_digest(target_registry.ref(DST, tag)) == held
    assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest  # the referrer itself was copied


def test_a_cosign_tag_whose_head_gives_no_digest_is_read_by_its_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    image = push(source_registry, SRC, oci_image(seed="ref-sig-no-digest"))
    signature = artifacts.push_signature(source_registry, SRC, image.manifests[-1])
    mirror_image(image, target_registry.host, DST)
    tag = artifacts.cosign_tag(image.digest)
    source = proxy_factory(source_registry.host)
    bare = Action(status=200, headers={"Content-Type": OCI_MANIFEST})  # no Docker-Content-Digest
    source.rules.append(
        lambda seen: bare if seen.method == "HEAD" and seen.path == f"/v2/{SRC}/manifests/{tag}" else None
    )

    outcome = copy_refs(source.host, target_registry.host, SRC, DST, [image.digest])

    assert outcome.stats.describe() == "referrers: 1 found, 1 copied, 0 present, 1 tags written"
    assert inspect_digest(target_registry.ref(DST, tag)) == signature.digest
    assert [s.path for s in source.requests("GET", "/manifests/")] == [f"/v2/{SRC}/manifests/{tag}"]


def test_a_next_page_of_the_source_api_answering_404_fails_the_subject_naming_the_page(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    source = proxy_factory(source_registry.host)
    api = ReferrersApi(SRC)
    image = push(source_registry, SRC, oci_image(seed="ref-page-404"))
    sboms = [artifacts.artifact(image.manifests[-1], seed=f"ref-page-404-{n}") for n in range(3)]
    for sbom in sboms:
        artifacts.push_referrer(source_registry, SRC, sbom, fallback=False)
    api.list(image.digest, *([artifacts.referrer_descriptor(sbom)] for sbom in sboms))
    gone = f"/v2/{SRC}/referrers/{image.digest}?page=2"
    source.rules.append(lambda seen: Action(status=404) if seen.method == "GET" and seen.path == gone else None)
    source.rules.append(api)
    mirror_image(image, target_registry.host, DST, via=source.host)

    with pytest.raises(RegistryError) as caught:
        copy_refs(source.host, target_registry.host, SRC, DST, [image.digest])

    assert caught.value.status == 404
    assert str(caught.value) == (
        f"referrers of {source.host}/{SRC}@{image.digest}: the referrers API's page 3 answered 404"
    )
