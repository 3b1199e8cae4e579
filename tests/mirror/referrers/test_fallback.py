"""Referrers between two distribution 2.8 registries (no referrers API): cosign tags and the fallback tag."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.referrer_index import SOURCE_INDEX_ANNOTATION
from ecr_mirror.errors import UnsupportedError
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.image_types import ImageContent
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw, list_tags
from ecr_mirror.mirror.referrers import fallback_tag

from .helpers import copy_refs, index_annotations, index_entries, mirror_image, push

SRC, DST = "app/img", "mirror/img"


def _source_calls(registry: LocalRegistry) -> dict[tuple[str, str], int]:
    return dict(registry.request_counts())


def test_signature_and_sbom_copied_then_second_call_is_free(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    image = oci_index(attestations=True, seed="ref-index")
    pushed = push(source_registry, SRC, image)
    signature = artifacts.push_signature(source_registry, SRC, image.top)
    sbom = artifacts.artifact(image.top, seed="sbom-1")
    artifacts.push_referrer(source_registry, SRC, sbom)
    mirror_image(pushed, target_registry.host, DST)

    first = copy_refs(source_registry.host, target_registry.host, SRC, DST, pushed.manifest_digests)
    assert (first.stats.found, first.stats.copied, first.stats.present, first.stats.tags_written) == (2, 2, 0, 2)
    assert first.stats.describe() == "referrers: 2 found, 2 copied, 0 present, 2 tags written"
    assert first.copy.blobs["copied"] == 4  # signature config + payload, empty config + SBOM layer
    assert first.gets_budgeted == 3  # signature, source fallback index, SBOM: all through the rate budget

    sig_tag = artifacts.cosign_tag(image.digest)
    assert inspect_digest(target_registry.ref(DST, sig_tag)) == signature.digest
    assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest
    tag = fallback_tag(image.digest)
    # No index at the target yet: the source's is copied verbatim, so both ends hold the same digest.
    assert inspect_raw(target_registry.ref(DST, tag)) == inspect_raw(source_registry.ref(SRC, tag))
    assert index_entries(target_registry.ref(DST, tag)) == [artifacts.referrer_descriptor(sbom)]

    source_registry.reset_counts()
    target_registry.reset_counts()
    again = copy_refs(source_registry.host, target_registry.host, SRC, DST, pushed.manifest_digests)
    assert (again.stats.found, again.stats.copied, again.stats.present, again.stats.tags_written) == (2, 0, 2, 0)
    assert again.gets_budgeted == 0
    calls = _source_calls(source_registry)
    assert calls.get(("GET", "manifest"), 0) == 0
    assert calls.get(("GET", "blob"), 0) == 0
    assert target_registry.request_counts().get(("PUT", "manifest"), 0) == 0


def test_image_without_referrers_costs_only_heads(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    pushed = push(source_registry, SRC, oci_index(attestations=True, seed="plain"))
    mirror_image(pushed, target_registry.host, DST)
    source_registry.reset_counts()
    target_registry.reset_counts()

    outcome = copy_refs(source_registry.host, target_registry.host, SRC, DST, top=pushed.digest)
    # The index and its two platform images; the attestation manifests are attached to those, not subjects.
    images = [m.digest for m in pushed.manifests if m.platform not in (None, "unknown/unknown")]
    assert outcome.subjects == [pushed.digest, *images] and len(images) == 2
    assert outcome.stats.describe() == "no referrers"
    calls = _source_calls(source_registry)
    # One referrers API probe (404, remembered), then per subject: fallback tag + three cosign tags, all HEADs.
    assert calls == {("GET", "referrers"): 1, ("HEAD", "manifest"): 3 * 4}
    # The target: one GET of the top manifest (subjects_at_target), nothing written.
    assert dict(target_registry.request_counts()) == {("GET", "manifest"): 1}


def test_existing_target_index_is_merged_and_new_source_referrers_are_added(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    image = oci_image(seed="merge")
    pushed = push(source_registry, SRC, image)
    sbom = artifacts.artifact(image.top, seed="from-source")
    artifacts.push_referrer(source_registry, SRC, sbom)
    mirror_image(pushed, target_registry.host, DST)
    local = artifacts.artifact(image.top, artifacts.NOTARY_SIGNATURE, seed="signed-at-target")
    artifacts.push_referrer(target_registry, DST, local)
    tag = fallback_tag(image.digest)

    first = copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    assert (first.stats.copied, first.stats.tags_written) == (1, 1)
    entries = index_entries(target_registry.ref(DST, tag))
    assert entries == [artifacts.referrer_descriptor(local), artifacts.referrer_descriptor(sbom)]
    source_index = inspect_digest(source_registry.ref(SRC, tag))
    assert index_annotations(target_registry.ref(DST, tag)) == {SOURCE_INDEX_ANNOTATION: source_index}

    # Nothing new: the annotation says the target mirrors this source index, so no source GET at all.
    source_registry.reset_counts()
    second = copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    assert (second.stats.found, second.stats.copied, second.stats.tags_written) == (2, 0, 0)
    assert _source_calls(source_registry).get(("GET", "manifest"), 0) == 0

    # A new referrer at the source: the source index and the new referrer are fetched, nothing else.
    newer = artifacts.artifact(image.top, seed="from-source-later")
    artifacts.push_referrer(source_registry, SRC, newer)
    source_registry.reset_counts()
    third = copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    assert (third.stats.copied, third.stats.present, third.stats.tags_written) == (1, 1, 1)
    assert _source_calls(source_registry).get(("GET", "manifest"), 0) == 2
    digests = [e["digest"] for e in index_entries(target_registry.ref(DST, tag))]
    assert digests == [local.digest, sbom.digest, newer.digest]


def test_referrer_of_a_referrer_is_followed(source_registry: LocalRegistry, target_registry: LocalRegistry) -> None:
    image = oci_image(seed="nested")
    pushed = push(source_registry, SRC, image)
    sbom = artifacts.artifact(image.top, seed="nested-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    signature = artifacts.artifact(sbom.top, artifacts.NOTARY_SIGNATURE, seed="sbom-signature")
    artifacts.push_referrer(source_registry, SRC, signature)
    cosign = artifacts.push_signature(source_registry, SRC, sbom.top, suffix=".att")
    mirror_image(pushed, target_registry.host, DST)

    outcome = copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    assert (outcome.stats.found, outcome.stats.copied) == (3, 3)
    assert inspect_digest(target_registry.ref(DST, signature.digest)) == signature.digest
    assert index_entries(target_registry.ref(DST, fallback_tag(sbom.digest))) == [
        artifacts.referrer_descriptor(signature)
    ]
    assert inspect_digest(target_registry.ref(DST, artifacts.cosign_tag(sbom.digest, ".att"))) == cosign.digest


def test_cosign_tag_whose_manifest_the_target_holds_is_read_from_the_target(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    image = oci_image(seed="sig-at-target")
    pushed = push(source_registry, SRC, image)
    signature = artifacts.push_signature(source_registry, SRC, image.top)
    mirror_image(pushed, target_registry.host, DST)
    # The same signature manifest is at the target by digest (e.g. copied before under another subject).
    push_image(target_registry, DST, artifacts.cosign_signature(image.top), tags=())
    source_registry.reset_counts()

    outcome = copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    assert (outcome.stats.copied, outcome.stats.tags_written) == (1, 1)
    assert _source_calls(source_registry).get(("GET", "manifest"), 0) == 0
    assert inspect_digest(target_registry.ref(DST, artifacts.cosign_tag(image.digest))) == signature.digest


def test_target_tag_that_is_not_an_index_is_left_alone(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    image = oci_image(seed="clash")
    pushed = push(source_registry, SRC, image)
    artifacts.push_referrer(source_registry, SRC, artifacts.artifact(image.top, seed="clash-sbom"))
    mirror_image(pushed, target_registry.host, DST)
    tag = fallback_tag(image.digest)
    squatter: ImageContent = oci_image(seed="squatter")
    occupied = push(target_registry, DST, squatter, tag=tag)

    with pytest.raises(UnsupportedError) as caught:
        copy_refs(source_registry.host, target_registry.host, SRC, DST, [image.digest])
    message = str(caught.value)
    assert image.digest in message
    assert tag in message
    assert "not an OCI index of referrers" in message
    assert inspect_digest(target_registry.ref(DST, tag)) == occupied.digest
    assert tag in list_tags(f"{target_registry.host}/{DST}")
