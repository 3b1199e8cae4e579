"""Test images built in memory (no I/O): manifests as exact bytes plus the blobs they reference.

    random_image(...)          one image, N layers: OCI (default) or Docker schema2
    oci_image(...)             random_image(fmt="oci")
    docker_image(...)          random_image(fmt="docker")
    oci_index(...)             linux/amd64 + linux/arm64 OCI index with BuildKit-style attestation manifests
    index_of(children)         an OCI index / Docker list over images you built (image_from_layers, random_image)
    docker_manifest_list(...)  linux/amd64 + linux/arm64 Docker manifest list
    large_blob_image(size)     one layer of `size` bytes, streamed in constant memory

Each returns an ImageContent; push it with `ecr_mirror.lab.push.push_image`, which returns an ImageDescription.
Digests are computed from the exact bytes that will be pushed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any, Literal

from ecr_mirror.lab.content import StreamedBlob, large_layer, sha256_digest, tar_gz_layer
from ecr_mirror.lab.image_types import Blob, ImageContent, Layer, Manifest
from ecr_mirror.oci import mediatypes as mt

Format = Literal["oci", "docker"]

OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip"
DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar"
IN_TOTO = "application/vnd.in-toto+json"
ATTESTATION_TYPE = "attestation-manifest"
DEFAULT_PLATFORMS = ("linux/amd64", "linux/arm64")


def _encode(doc: dict[str, Any], fmt: Format) -> bytes:
    # Docker's tooling writes schema2 with 3-space indents, BuildKit writes compact JSON: both must survive byte-exact.
    if fmt == "docker":
        return json.dumps(doc, indent=3).encode()
    return json.dumps(doc, separators=(",", ":")).encode()


def _manifest(doc: dict[str, Any], fmt: Format, platform: str | None = None) -> Manifest:
    body = _encode(doc, fmt)
    return Manifest(media_type=doc["mediaType"], body=body, digest=sha256_digest(body), platform=platform)


def _descriptor(media_type: str, digest: str, size: int, **extra: Any) -> dict[str, Any]:
    return {"mediaType": media_type, "digest": digest, "size": size, **extra}


def _platform_dict(platform: str) -> dict[str, str]:
    parts = platform.split("/")
    out = {"architecture": parts[1], "os": parts[0]}
    if len(parts) > 2:
        out["variant"] = parts[2]
    return out


def _seed(seed: str | None) -> str:
    return seed if seed is not None else os.urandom(8).hex()


def make_layers(sizes: Sequence[int], seed: str | None = None) -> list[Layer]:
    """Real tar.gz layers, one file of sizes[i] pseudo-random bytes each."""
    base = _seed(seed)
    out = []
    for i, size in enumerate(sizes):
        blob, diff_id = tar_gz_layer(f"{base}/layer{i}", size)
        out.append(Layer(Blob.of(blob), diff_id))
    return out


def _config(fmt: Format, platform: str, layers: Sequence[Layer], seed: str) -> Blob:
    plat = _platform_dict(platform)
    doc: dict[str, Any] = {
        "architecture": plat["architecture"],
        "os": plat["os"],
        "created": "2024-01-01T00:00:00Z",
        "config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/sh"],
            "Labels": {"org.example.lab.seed": seed},
        },
        "rootfs": {"type": "layers", "diff_ids": [layer.diff_id for layer in layers]},
        "history": [{"created": "2024-01-01T00:00:00Z", "created_by": f"lab layer {i}"} for i in range(len(layers))],
    }
    if "variant" in plat:
        doc["variant"] = plat["variant"]
    return Blob.of(json.dumps(doc, separators=(",", ":")).encode())


def _layer_type(fmt: Format, layer: Layer) -> str:
    compressed = isinstance(layer.blob, Blob) and layer.blob.data[:2] == b"\x1f\x8b"
    if fmt == "docker":
        return DOCKER_LAYER_GZIP if compressed else DOCKER_LAYER_TAR
    return OCI_LAYER_GZIP if compressed else OCI_LAYER_TAR


def image_from_layers(
    layers: Sequence[Layer],
    *,
    fmt: Format = "oci",
    platform: str = "linux/amd64",
    seed: str | None = None,
    annotations: dict[str, str] | None = None,
) -> ImageContent:
    """One image manifest over the given layers, with a config naming their diff_ids."""
    config = _config(fmt, platform, layers, _seed(seed))
    media_type = mt.DOCKER_MANIFEST if fmt == "docker" else mt.OCI_MANIFEST
    doc: dict[str, Any] = {
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": _descriptor(DOCKER_CONFIG if fmt == "docker" else OCI_CONFIG, config.digest, config.size),
        "layers": [_descriptor(_layer_type(fmt, layer), layer.blob.digest, layer.blob.size) for layer in layers],
    }
    if annotations and fmt == "oci":
        doc["annotations"] = annotations
    blobs: list[Blob | StreamedBlob] = [config, *(layer.blob for layer in layers)]
    return ImageContent(manifests=(_manifest(doc, fmt, platform),), blobs=_unique(blobs))


def random_image(
    layers: Sequence[int] = (64 * 1024,),
    *,
    fmt: Format = "oci",
    platform: str = "linux/amd64",
    seed: str | None = None,
    base: Sequence[Layer] = (),
) -> ImageContent:
    """An image whose layers hold `layers[i]` pseudo-random bytes each, on top of the `base` layers."""
    s = _seed(seed)
    return image_from_layers([*base, *make_layers(layers, s)], fmt=fmt, platform=platform, seed=s)


def oci_image(layers: Sequence[int] = (64 * 1024,), **kwargs: Any) -> ImageContent:
    return random_image(layers, fmt="oci", **kwargs)


def docker_image(layers: Sequence[int] = (64 * 1024,), **kwargs: Any) -> ImageContent:
    return random_image(layers, fmt="docker", **kwargs)


def _attestation(subject: Manifest, seed: str) -> ImageContent:
    statement = {
        "_type": "https://in-toto.io/Statement/v0.1",
        "predicateType": "https://slsa.dev/provenance/v0.2",
        "subject": [{"name": "pkg:docker/lab", "digest": {"sha256": subject.digest.removeprefix("sha256:")}}],
        "predicate": {
            "builder": {"id": "ecr-mirror-lab"},
            "buildType": "https://mobyproject.org/buildkit@v1",
            "metadata": {"seed": seed},
        },
    }
    layer_blob = Blob.of(json.dumps(statement, separators=(",", ":")).encode())
    config = Blob.of(
        json.dumps(
            {
                "architecture": "unknown",
                "os": "unknown",
                "config": {},
                "rootfs": {"type": "layers", "diff_ids": [layer_blob.digest]},
            },
            separators=(",", ":"),
        ).encode()
    )
    doc = {
        "schemaVersion": 2,
        "mediaType": mt.OCI_MANIFEST,
        "config": _descriptor(OCI_CONFIG, config.digest, config.size),
        "layers": [
            _descriptor(
                IN_TOTO,
                layer_blob.digest,
                layer_blob.size,
                annotations={"in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"},
            )
        ],
    }
    return ImageContent(manifests=(_manifest(doc, "oci", "unknown/unknown"),), blobs=(config, layer_blob))


def oci_index(
    layers: Sequence[int] = (64 * 1024,),
    *,
    platforms: Sequence[str] = DEFAULT_PLATFORMS,
    attestations: bool = True,
    seed: str | None = None,
) -> ImageContent:
    """An OCI index over one OCI image per platform, plus (by default) one BuildKit attestation per image."""
    return _multi_platform("oci", layers, platforms, attestations, _seed(seed))


def docker_manifest_list(
    layers: Sequence[int] = (64 * 1024,),
    *,
    platforms: Sequence[str] = DEFAULT_PLATFORMS,
    seed: str | None = None,
) -> ImageContent:
    """A Docker manifest list over one Docker schema2 image per platform."""
    return _multi_platform("docker", layers, platforms, False, _seed(seed))


def _multi_platform(
    fmt: Format, layers: Sequence[int], platforms: Sequence[str], attestations: bool, seed: str
) -> ImageContent:
    children = [random_image(layers, fmt=fmt, platform=p, seed=f"{seed}/{p}") for p in platforms]
    return index_of(children, fmt=fmt, attestations=attestations, seed=seed)


def index_of(
    children: Sequence[ImageContent], *, fmt: Format = "oci", attestations: bool = True, seed: str | None = None
) -> ImageContent:
    """An OCI index (or, fmt="docker", a Docker manifest list) over single-image children, in order.

    Each child's platform comes from its manifest's `platform`. With `attestations` (OCI only), one
    BuildKit-style attestation manifest per child follows the images: platform unknown/unknown, annotations
    vnd.docker.reference.type=attestation-manifest and vnd.docker.reference.digest=<child digest>.
    """
    entries = [
        _descriptor(c.top.media_type, c.digest, c.top.size, platform=_platform_dict(c.top.platform or "linux/amd64"))
        for c in children
    ]
    parts = list(children)
    if attestations and fmt == "oci":
        atts = [_attestation(c.top, _seed(seed)) for c in children]
        entries += [
            _descriptor(
                a.top.media_type,
                a.digest,
                a.top.size,
                annotations={"vnd.docker.reference.digest": c.digest, "vnd.docker.reference.type": ATTESTATION_TYPE},
                platform={"architecture": "unknown", "os": "unknown"},
            )
            for a, c in zip(atts, children, strict=True)
        ]
        parts += atts
    media_type = mt.DOCKER_LIST if fmt == "docker" else mt.OCI_INDEX
    top = _manifest({"schemaVersion": 2, "mediaType": media_type, "manifests": entries}, fmt)
    manifests = (*(m for c in parts for m in c.manifests), top)
    return ImageContent(manifests=manifests, blobs=_unique([b for c in parts for b in c.blobs]))


def large_blob_image(size: int, *, seed: str = "large", fmt: Format = "oci") -> ImageContent:
    """One layer of exactly `size` bytes that is never held in memory (hashed once here, regenerated on push).

    Sizes that are multiples of 512 give a valid uncompressed tar layer (digest == diff_id).
    """
    blob = large_layer(seed, size)
    return image_from_layers([Layer(blob, blob.digest)], fmt=fmt, seed=seed)


def _unique(blobs: Sequence[Blob | StreamedBlob]) -> tuple[Blob | StreamedBlob, ...]:
    seen: dict[str, Blob | StreamedBlob] = {}
    for blob in blobs:
        seen.setdefault(blob.digest, blob)
    return tuple(seen.values())
