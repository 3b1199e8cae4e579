"""Test images: what the lab pushes is what skopeo (an independent client) reads back, byte for byte."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import tracemalloc
from collections.abc import Callable

import httpx
import pytest

from ecr_mirror.lab import skopeo
from ecr_mirror.lab.content import large_layer, pseudo_random_chunks, tar_gz_layer
from ecr_mirror.lab.images import (
    ATTESTATION_TYPE,
    IN_TOTO,
    docker_image,
    docker_manifest_list,
    large_blob_image,
    oci_index,
)
from ecr_mirror.lab.push import PushClient, push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded, sample_contents, seed_samples
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.oci import mediatypes as mt


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_seeded_samples_read_back_identically_with_skopeo(seeded_registry: Seeded, skopeo_binary: str) -> None:
    reg = seeded_registry.registry
    assert set(seeded_registry.images) == {"library/alpine:3.20", "library/busybox:1.36", "library/python:3.12-slim"}
    for desc in seeded_registry.images.values():
        raw = skopeo.inspect_raw(desc.reference)
        assert sha256(raw) == desc.digest
        assert raw == desc.manifests[-1].body
        for manifest in desc.manifests:  # every child too, by digest
            assert skopeo.inspect_digest(reg.ref(desc.repository, manifest.digest)) == manifest.digest
        assert skopeo.list_tags(f"{reg.host}/{desc.repository}") == list(desc.tags)
    types = {name: d.media_type for name, d in seeded_registry.images.items()}
    assert types == {
        "library/alpine:3.20": mt.OCI_INDEX,
        "library/busybox:1.36": mt.DOCKER_MANIFEST,
        "library/python:3.12-slim": mt.OCI_MANIFEST,
    }


def test_samples_are_deterministic_and_share_a_base_layer() -> None:
    first, second = sample_contents(), sample_contents()
    assert {k: v.digest for k, v in first.items()} == {k: v.digest for k, v in second.items()}
    alpine = {b.digest for b in first["library/alpine:3.20"].blobs}
    python = {b.digest for b in first["library/python:3.12-slim"].blobs}
    assert len(alpine & python) == 1
    total = sum(b.size for c in first.values() for b in c.blobs)
    assert 2_000_000 < total < 5_000_000


def test_oci_index_has_buildkit_attestations(registry: LocalRegistry) -> None:
    desc = push_image(registry, "multi/arch", oci_index(seed="att"), tags=["1"])
    index = desc.manifests[-1].json()
    entries = index["manifests"]
    images = [e for e in entries if e["platform"]["os"] != "unknown"]
    attestations = [e for e in entries if e["platform"] == {"architecture": "unknown", "os": "unknown"}]
    assert [f"{e['platform']['os']}/{e['platform']['architecture']}" for e in images] == ["linux/amd64", "linux/arm64"]
    assert len(attestations) == 2
    for att, image in zip(attestations, images, strict=True):
        assert att["annotations"] == {
            "vnd.docker.reference.type": ATTESTATION_TYPE,
            "vnd.docker.reference.digest": image["digest"],
        }
        body = next(m for m in desc.manifests if m.digest == att["digest"]).json()
        assert body["layers"][0]["mediaType"] == IN_TOTO
    assert len(desc.manifests) == 5
    # distribution 2.8 hides an OCI index from clients that do not accept it (see PROTOCOL-NOTES).
    url = f"{registry.url}/v2/multi/arch/manifests/{desc.digest}"
    assert httpx.get(url, headers={"Accept": mt.DOCKER_MANIFEST}).status_code == 404
    assert httpx.get(url, headers={"Accept": mt.ACCEPT}).status_code == 200


def test_docker_manifest_list(registry: LocalRegistry, skopeo_binary: str) -> None:
    desc = push_image(registry, "docker/list", docker_manifest_list(seed="list"), tags=["x"])
    assert desc.media_type == mt.DOCKER_LIST
    assert [m.media_type for m in desc.manifests] == [mt.DOCKER_MANIFEST, mt.DOCKER_MANIFEST, mt.DOCKER_LIST]
    assert skopeo.inspect_digest(desc.reference) == desc.digest


def test_docker_manifest_bytes_are_kept_exactly(registry: LocalRegistry) -> None:
    content = docker_image((100,), seed="indent")
    assert b'\n   "schemaVersion": 2' in content.top.body  # 3-space indents as docker writes them
    desc = push_image(registry, "indent/test", content, tags=["a"])
    got = httpx.get(f"{registry.url}/v2/indent/test/manifests/a", headers={"Accept": mt.ACCEPT})
    assert got.content == content.top.body
    assert got.headers["docker-content-digest"] == desc.digest


def test_tar_gz_layers_are_real_and_diff_ids_match() -> None:
    blob, diff_id = tar_gz_layer("seed", 5000)
    raw = gzip.decompress(blob)
    assert sha256(raw) == diff_id
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        (member,) = tar.getmembers()
        assert member.size == 5000


def test_large_layer_is_a_valid_tar_of_the_exact_size() -> None:
    blob = large_layer("tar-check", 64 * 1024)
    data = b"".join(blob.open())
    assert len(data) == blob.size == 64 * 1024
    assert sha256(data) == blob.digest
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        (member,) = tar.getmembers()
        assert member.size == 64 * 1024 - 3 * 512
    odd = large_layer("odd", 1001)
    assert sum(len(c) for c in odd.open()) == 1001


def test_pseudo_random_chunks_are_deterministic() -> None:
    a = b"".join(pseudo_random_chunks("s", 3 << 20 | 7))
    b = b"".join(pseudo_random_chunks("s", 3 << 20 | 7, chunk_size=4096))
    assert a == b
    assert a != b"".join(pseudo_random_chunks("t", 3 << 20 | 7))


def test_large_blob_image_of_64_mib_seeds_in_constant_memory(registry: LocalRegistry, skopeo_binary: str) -> None:
    size = 64 << 20
    tracemalloc.start()
    try:
        content = large_blob_image(size, seed="lab-large-64m")
        desc = push_image(registry, "big/blob", content, tags=["64m"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, f"peak Python memory {peak} bytes while seeding {size} bytes"
    layer = desc.manifests[-1].json()["layers"][0]
    assert layer["size"] == size
    assert layer["mediaType"] == "application/vnd.oci.image.layer.v1.tar"
    assert skopeo.inspect_digest(desc.reference) == desc.digest
    blob_path = registry.storage_dir.joinpath(
        "docker/registry/v2/blobs/sha256", layer["digest"][7:9], layer["digest"][7:], "data"
    )
    assert blob_path.stat().st_size == size
    counts = registry.request_counts()
    assert counts[("PUT", "upload")] == 2  # config + layer, one monolithic PUT each


@pytest.mark.slow
def test_large_blob_image_of_512_mib(registry: LocalRegistry) -> None:
    desc = push_image(registry, "big/blob", large_blob_image(512 << 20, seed="lab-large-512m"), tags=["512m"])
    response = httpx.head(f"{registry.url}/v2/big/blob/blobs/{desc.manifests[-1].json()['layers'][0]['digest']}")
    assert int(response.headers["content-length"]) == 512 << 20


def test_skopeo_copy_all_preserves_digests(
    source_registry: LocalRegistry, target_registry: LocalRegistry, skopeo_binary: str
) -> None:
    images = seed_samples(source_registry)
    alpine = images["library/alpine:3.20"]
    skopeo.copy_all(alpine.reference, target_registry.ref("mirror/alpine", "3.20"))
    assert skopeo.inspect_digest(target_registry.ref("mirror/alpine", "3.20")) == alpine.digest


def test_seeding_through_basic_and_token_auth(
    basic_registry: LocalRegistry, token_registry: LocalRegistry, token_server: TokenServer, skopeo_binary: str
) -> None:
    for reg in (basic_registry, token_registry):
        desc = push_image(reg, "auth/img", docker_image(seed="auth"), tags=["v"])
        assert skopeo.inspect_digest(desc.reference, creds=reg.credentials) == desc.digest
    # the push client asked for pull,push on the repository once, with credentials
    pushes = [r for r in token_server.requests if r.username == "lab"]
    assert pushes[0].scopes == ("repository:auth/img:pull,push",)


def test_push_client_reports_a_refused_push(
    registry_factory: Callable[..., LocalRegistry], token_server_factory: Callable[..., TokenServer]
) -> None:
    server = token_server_factory(users={})  # nobody may push
    reg = registry_factory(token=server)
    with PushClient(reg.url) as client, pytest.raises(Exception, match="401"):
        push_image(client, "no/push", docker_image(seed="refused"))


def test_description_lists_every_blob(registry: LocalRegistry) -> None:
    content = oci_index((10, 20), seed="desc")
    desc = push_image(registry, "d/e", content, tags=[])
    assert desc.reference == desc.by_digest
    referenced = set()
    for manifest in desc.manifests:
        doc = json.loads(manifest.body)
        if "config" in doc:
            referenced |= {doc["config"]["digest"], *(layer["digest"] for layer in doc["layers"])}
    assert referenced == set(desc.blob_digests)
    for blob in desc.blobs:
        head = httpx.head(f"{registry.url}/v2/d/e/blobs/{blob.digest}")
        assert int(head.headers["content-length"]) == blob.size
