"""Indexes of indexes: copied whole down to the depth limit (an index, an index in it, its images), refused one
level deeper, before any manifest under the index that is too deep is fetched or anything is tagged."""

from __future__ import annotations

import json

from ecr_mirror.lab.content import sha256_digest
from ecr_mirror.lab.image_types import ImageContent, Manifest
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.image import MAX_INDEX_DEPTH
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes

from .helpers import job, run


def _wrapped(inner: ImageContent) -> ImageContent:
    """An OCI index whose one entry is `inner`'s top manifest (itself an index)."""
    entry = {"mediaType": inner.top.media_type, "digest": inner.digest, "size": inner.top.size}
    body = json.dumps({"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": [entry]}).encode()
    top = Manifest(media_type=mediatypes.OCI_INDEX, body=body, digest=sha256_digest(body))
    return ImageContent(manifests=(*inner.manifests, top), blobs=inner.blobs)


def test_an_index_of_an_index_is_copied_whole(source_registry: LocalRegistry, target_registry: LocalRegistry) -> None:
    assert MAX_INDEX_DEPTH == 2
    inner = oci_index(seed="nested-two")
    pushed = push_image(source_registry, "lib/nested", _wrapped(inner), tags=["1"])

    (result,) = run([job(pushed.reference, f"{target_registry.host}/m/nested:1")]).images

    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/nested:1") == pushed.digest
    for manifest in pushed.manifests:  # the inner index, its images and attestations: all at the target
        assert inspect_digest(f"{target_registry.host}/m/nested@{manifest.digest}") == manifest.digest
    assert result.pulls == len(pushed.manifests)


def test_an_index_nesting_one_level_deeper_is_refused_naming_the_index_too_deep(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    inner = oci_index(seed="nested-three")
    middle = _wrapped(inner)
    pushed = push_image(source_registry, "lib/deeper", _wrapped(middle), tags=["1"])
    source_registry.reset_counts()
    target_registry.reset_counts()

    (result,) = run([job(pushed.reference, f"{target_registry.host}/m/deeper:1")]).images

    assert result.status is Status.FAILED
    assert result.error == (
        f"index {source_registry.host}/lib/deeper@{inner.digest} nests deeper than {MAX_INDEX_DEPTH} levels; refused"
    )
    assert result.pulls == 3  # the top index, the middle one, the inner one; none of the inner one's images
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 3
    assert target_registry.request_counts().get(("PUT", "manifest"), 0) == 0  # nothing written, nothing tagged
