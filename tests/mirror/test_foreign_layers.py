"""Foreign (non-distributable) layers: the manifest is copied byte-exact, the layer itself is not uploaded."""

from __future__ import annotations

import json
from collections.abc import Callable

from ecr_mirror.lab.image_types import Blob, ImageContent, Manifest
from ecr_mirror.lab.images import make_layers
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_raw
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import sha256_digest

from .helpers import job, run

ALLOW_URLS = {"validation": {"manifests": {"urls": {"allow": ["^https://"]}}}}
FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"


def _windows_like_image() -> tuple[ImageContent, str]:
    """A Docker schema2 image whose base layer is foreign (as Windows base images were): only a URL, no blob."""
    (layer,) = make_layers((4096,), "foreign-own")
    foreign_digest = "sha256:" + "f" * 64
    config = Blob.of(json.dumps({"os": "windows", "architecture": "amd64", "rootfs": {"type": "layers"}}).encode())
    doc = {
        "schemaVersion": 2,
        "mediaType": mediatypes.DOCKER_MANIFEST,
        "config": {
            "mediaType": "application/vnd.docker.container.image.v1+json",
            "digest": config.digest,
            "size": config.size,
        },
        "layers": [
            {
                "mediaType": FOREIGN,
                "digest": foreign_digest,
                "size": 1234,
                "urls": ["https://example.invalid/base.tar.gz"],
            },
            {
                "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "digest": layer.blob.digest,
                "size": layer.blob.size,
            },
        ],
    }
    body = json.dumps(doc, indent=3).encode()
    manifest = Manifest(
        media_type=mediatypes.DOCKER_MANIFEST, body=body, digest=sha256_digest(body), platform="windows/amd64"
    )
    return ImageContent(manifests=(manifest,), blobs=(config, layer.blob)), foreign_digest


def test_foreign_layer_is_not_uploaded_and_the_manifest_is_exact(
    registry_factory: Callable[..., LocalRegistry],
) -> None:
    source = registry_factory(extra_config=ALLOW_URLS)
    target = registry_factory(extra_config=ALLOW_URLS)
    content, foreign = _windows_like_image()
    desc = push_image(source, "win/base", content, tags=["ltsc"])
    report = run([job(desc.reference, f"{target.host}/m/base:ltsc")])
    (result,) = report.images
    assert result.status is Status.COPIED, result
    assert "1 foreign" in (result.detail or "")
    assert inspect_raw(f"{target.host}/m/base:ltsc") == inspect_raw(desc.reference)
    uploads = [r.uri for r in target.requests() if r.kind in ("blob", "upload")]
    assert uploads and not any(foreign in uri for uri in uploads)  # the other blobs went up; the foreign one never
    assert not any(foreign in r.uri for r in source.requests())
