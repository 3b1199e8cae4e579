"""Hostile upstreams: lying bytes, oversized or nested manifests, schema1, and URLs steering us where we must not go.

Every case must be refused with a message naming the problem, and nothing may be tagged at the target.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpx
import pytest

from ecr_mirror.errors import IntegrityError
from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.responses import iter_verified
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_blob_get, is_manifest, job, nothing_tagged, one, run

MiB = 1024 * 1024


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Served:
    """Answers HEAD/GET of manifests in one repository with crafted bytes (tag or digest -> bytes, type)."""

    def __init__(self, repository: str) -> None:
        self.prefix = f"/v2/{repository}/manifests/"
        self.manifests: dict[str, tuple[bytes, str]] = {}

    def add(self, doc: Mapping[str, Any] | bytes, media_type: str, *tags: str) -> str:
        data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
        digest = _digest(data)
        for ref in (digest, *tags):
            self.manifests[ref] = (data, media_type)
        return digest

    def __call__(self, seen: Seen) -> Action | None:
        if not seen.path.startswith(self.prefix) or seen.method not in ("GET", "HEAD"):
            return None
        found = self.manifests.get(seen.path.removeprefix(self.prefix))
        if found is None:
            return None
        data, media_type = found
        return Action(
            status=200, body=data, headers={"Content-Type": media_type, "Docker-Content-Digest": _digest(data)}
        )


def _descriptor(media_type: str, digest: str, size: int) -> dict[str, Any]:
    return {"mediaType": media_type, "digest": digest, "size": size}


def _image_doc(desc: ImageDescription) -> dict[str, Any]:
    doc: dict[str, Any] = desc.manifests[-1].json()
    return doc


# -- lying bytes ---------------------------------------------------------------------------------------------------


def test_blob_bytes_not_matching_their_digest_never_reach_the_target_whole(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/evil", oci_image((int(2.5 * MiB),), seed="evil-bytes"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    source = proxy_factory(source_registry.host)
    source.rules.append(
        lambda s: Action(rewrite=lambda b: b[:-1] + bytes([b[-1] ^ 1])) if is_blob_get(s, layer.digest) else None
    )
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/evil:1", f"{target.host}/m/evil:1")]))
    failed_with(result, layer.digest, "hash to")
    puts = [s for s in target.requests("PUT", "/blobs/uploads/") if layer.digest.split(":")[1] in s.path]
    assert source.requests("GET", layer.digest), "the bad blob was never fetched"
    assert all(s.received < s.declared for s in puts), "the target received every byte of an unverified blob"
    nothing_tagged(target_registry, "m/evil")
    assert httpx.head(f"{target_registry.url}/v2/m/evil/blobs/{layer.digest}").status_code == 404


@pytest.mark.parametrize("chunks", [1, 3], ids=["one-chunk", "three-chunks"])
def test_verified_stream_never_yields_the_final_bytes_of_a_bad_blob(chunks: int) -> None:
    good = bytes(range(256)) * 1024 * chunks
    bad = good[:-1] + b"\x00"
    pieces = [bad[i : i + 256 * 1024] for i in range(0, len(bad), 256 * 1024)]

    async def source() -> AsyncIterator[bytes]:
        for piece in pieces:
            yield piece

    async def drain() -> int:
        sent = 0
        with pytest.raises(IntegrityError, match="hash to"):
            async for chunk in iter_verified(source(), _digest(good), len(good), "blob x"):
                sent += len(chunk)
        return sent

    assert asyncio.run(drain()) < len(good)


@pytest.mark.parametrize("delta", [-1, +1], ids=["descriptor-smaller", "descriptor-larger"])
def test_blob_length_differing_from_the_descriptor_is_refused(
    delta: int,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(source_registry, "lib/len", oci_image((64 * 1024,), seed="len"), tags=["1"])
    doc = _image_doc(desc)
    layer = doc["layers"][0]
    layer["size"] += delta
    served = Served("lib/len")
    served.add(doc, desc.media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/len:1", f"{target.host}/m/len:1")]))
    failed_with(result, layer["digest"], str(layer["size"]))
    assert not [s for s in target.requests("PUT") if s.received == s.declared and layer["digest"][7:] in s.path]
    nothing_tagged(target_registry, "m/len")


def test_manifest_bytes_not_matching_the_requested_digest_are_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/mf", oci_image(seed="mf"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(
        lambda s: (
            Action(rewrite=lambda b: b.replace(b'"schemaVersion":2', b'"schemaVersion": 2'))
            if is_manifest(s, "GET")
            else None
        )
    )
    result = one(run([job(f"{source.host}/lib/mf:1", f"{target_registry.host}/m/mf:1")]))
    failed_with(result, "hash to", desc.digest)
    nothing_tagged(target_registry, "m/mf")


def test_manifest_over_4_mib_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/fat", oci_image(seed="fat"), tags=["1"])
    doc = _image_doc(desc)
    doc["annotations"] = {"padding": "x" * (mediatypes.MAX_MANIFEST_BYTES + 1)}
    served = Served("lib/fat")
    served.add(doc, desc.media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/fat:1", f"{target_registry.host}/m/fat:1")]))
    failed_with(result, str(mediatypes.MAX_MANIFEST_BYTES), "refused")
    nothing_tagged(target_registry, "m/fat")


def test_deeply_nested_index_is_refused_after_a_bounded_number_of_fetches(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    base = push_image(source_registry, "lib/deep", oci_image(seed="deep"), tags=["base"])
    served = Served("lib/deep")
    child = _descriptor(base.media_type, base.digest, base.manifests[-1].size)
    for level in range(40):
        doc = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": [child]}
        data = json.dumps(doc).encode()
        digest = served.add(data, mediatypes.OCI_INDEX, *(["1"] if level == 39 else []))
        child = _descriptor(mediatypes.OCI_INDEX, digest, len(data))
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/deep:1", f"{target_registry.host}/m/deep:1")]))
    failed_with(result, "nests deeper than")
    assert len(source.requests("GET", "/manifests/")) <= 3
    nothing_tagged(target_registry, "m/deep")


def test_an_index_of_indexes_fanning_out_is_cut_off_by_the_per_image_total(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    base = push_image(source_registry, "lib/fan", oci_image(seed="fan"), tags=["base"])
    served = Served("lib/fan")
    children = []
    for branch in range(3):  # 3 indexes of 5 distinct images each (same blobs, different annotations)
        images = []
        for leaf in range(5):
            doc = {**_image_doc(base), "annotations": {"leaf": f"{branch}.{leaf}"}}
            data = json.dumps(doc).encode()
            images.append(_descriptor(mediatypes.OCI_MANIFEST, served.add(data, mediatypes.OCI_MANIFEST), len(data)))
        index = json.dumps({"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": images}).encode()
        children.append(_descriptor(mediatypes.OCI_INDEX, served.add(index, mediatypes.OCI_INDEX), len(index)))
    top = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": children}
    served.add(top, mediatypes.OCI_INDEX, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/fan:1", f"{target_registry.host}/m/fan:1")], max_manifests_per_image=10))
    failed_with(result, "needs more than 10 manifests")
    # Never more than the cap (1 top + 3 indexes + 15 images would be 19). Children are fetched side by side, so
    # a GET counted against the cap may be cancelled before it is sent when a sibling hits the cap first.
    assert len(source.requests("GET", "/manifests/")) <= 10
    nothing_tagged(target_registry, "m/fan")


def test_index_listing_thousands_of_manifests_is_refused_before_fetching_them(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    served = Served("lib/wide")
    children = [
        _descriptor(mediatypes.OCI_MANIFEST, "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(), 500)
        for i in range(5000)
    ]
    index = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": children}
    served.add(index, mediatypes.OCI_INDEX, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/wide:1", f"{target.host}/m/wide:1")]))
    failed_with(result, "5000 manifests", "limit")
    assert len(source.requests("GET", "/manifests/")) == 1
    assert not target.requests("PUT") and not target.requests("POST")


@pytest.mark.parametrize(
    "media_type", [mediatypes.DOCKER_SCHEMA1_SIGNED, mediatypes.DOCKER_SCHEMA1, "application/json"]
)
def test_schema1_manifest_is_refused_clearly(
    media_type: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    schema1 = {
        "schemaVersion": 1,
        "name": "lib/old",
        "tag": "1",
        "architecture": "amd64",
        "fsLayers": [{"blobSum": "sha256:" + "a" * 64}],
        "history": [{"v1Compatibility": "{}"}],
        "signatures": [{"header": {"alg": "ES256"}, "signature": "x", "protected": "y"}],
    }
    served = Served("lib/old")
    served.add(json.dumps(schema1, indent=3).encode(), media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/old:1", f"{target_registry.host}/m/old:1")]))
    failed_with(result, "schema1", "not mirrored")
    nothing_tagged(target_registry, "m/old")
