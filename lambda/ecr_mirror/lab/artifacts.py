"""Referrer artifacts for tests: cosign-style signature tags and OCI 1.1 artifacts with a `subject`.

    cosign_signature(subject)                  a cosign signature manifest (push under cosign_tag(subject))
    artifact(subject, "application/spdx+json") an OCI 1.1 artifact manifest (image manifest + artifactType + subject)
    referrers_index([artifact, ...])           the fallback-tag index an OCI 1.1 client writes without the API
    push_signature(target, repo, subject)      push a signature under `sha256-<hex>.sig`
    push_referrer(target, repo, artifact)      push an artifact by digest and merge it into the fallback tag

`subject` is a lab `Manifest` (e.g. `ImageContent.top`), whose media type, digest and size form the descriptor.
Nothing here is a real signature: the bytes only have the shape the tools write.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

import httpx

from ecr_mirror.lab.challenge import ChallengeAuth
from ecr_mirror.lab.content import pseudo_random_bytes
from ecr_mirror.lab.image_types import Blob, ImageContent, ImageDescription, Manifest
from ecr_mirror.lab.images import OCI_CONFIG
from ecr_mirror.lab.push import Endpoint, PushClient, PushError, push_image
from ecr_mirror.oci import mediatypes as mt

COSIGN_SIGNATURE_LAYER = "application/vnd.dev.cosign.simplesigning.v1+json"
COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature"
EMPTY_CONFIG = "application/vnd.oci.empty.v1+json"
EMPTY_BLOB = Blob.of(b"{}")
SPDX = "application/spdx+json"
NOTARY_SIGNATURE = "application/vnd.cncf.notary.signature"


def fallback_tag(digest: str) -> str:
    """sha256:<hex> -> sha256-<hex>: the OCI referrers fallback tag (cosign appends .sig/.att/.sbom)."""
    return digest.replace(":", "-", 1)


def cosign_tag(digest: str, suffix: str = ".sig") -> str:
    return fallback_tag(digest) + suffix


def descriptor(manifest: Manifest, **extra: Any) -> dict[str, Any]:
    return {"mediaType": manifest.media_type, "digest": manifest.digest, "size": manifest.size, **extra}


def _compact(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def _manifest(doc: dict[str, Any]) -> Manifest:
    body = _compact(doc)
    return Manifest(media_type=doc["mediaType"], body=body, digest=Blob.of(body).digest)


def _blob_descriptor(media_type: str, blob: Blob, **extra: Any) -> dict[str, Any]:
    return {"mediaType": media_type, "digest": blob.digest, "size": blob.size, **extra}


def cosign_signature(subject: Manifest, *, seed: str = "sig", identity: str = "lab/image") -> ImageContent:
    """A cosign signature manifest as `cosign sign` writes it: simple-signing payload layer, signature annotation."""
    payload = Blob.of(
        _compact(
            {
                "critical": {
                    "identity": {"docker-reference": identity},
                    "image": {"docker-manifest-digest": subject.digest},
                    "type": "cosign container image signature",
                },
                "optional": {"seed": seed},
            }
        )
    )
    config = Blob.of(
        _compact(
            {
                "architecture": "",
                "config": {},
                "created": "0001-01-01T00:00:00Z",
                "history": [{"created": "0001-01-01T00:00:00Z"}],
                "os": "",
                "rootfs": {"type": "layers", "diff_ids": [payload.digest]},
            }
        )
    )
    signature = base64.b64encode(pseudo_random_bytes(f"{seed}/signature", 70)).decode()
    doc = {
        "schemaVersion": 2,
        "mediaType": mt.OCI_MANIFEST,
        "config": _blob_descriptor(OCI_CONFIG, config),
        "layers": [
            _blob_descriptor(COSIGN_SIGNATURE_LAYER, payload, annotations={COSIGN_SIGNATURE_ANNOTATION: signature})
        ],
    }
    return ImageContent(manifests=(_manifest(doc),), blobs=(config, payload))


def artifact(
    subject: Manifest,
    artifact_type: str = SPDX,
    *,
    seed: str = "sbom",
    payload: bytes | None = None,
    annotations: dict[str, str] | None = None,
) -> ImageContent:
    """An OCI 1.1 artifact: image manifest with `artifactType`, the empty config, one layer and a `subject`."""
    layer = Blob.of(payload if payload is not None else _compact({"spdxVersion": "SPDX-2.3", "name": seed}))
    doc: dict[str, Any] = {
        "schemaVersion": 2,
        "mediaType": mt.OCI_MANIFEST,
        "artifactType": artifact_type,
        "config": _blob_descriptor(EMPTY_CONFIG, EMPTY_BLOB),
        "layers": [_blob_descriptor(artifact_type, layer)],
        "subject": descriptor(subject),
        "annotations": annotations or {"org.opencontainers.image.created": "2024-01-01T00:00:00Z"},
    }
    return ImageContent(manifests=(_manifest(doc),), blobs=(EMPTY_BLOB, layer))


def referrer_descriptor(content: ImageContent) -> dict[str, Any]:
    """The descriptor an index of referrers lists: with the artifact's artifactType and annotations."""
    doc = content.top.json()
    extra: dict[str, Any] = {}
    kind = doc.get("artifactType") or doc.get("config", {}).get("mediaType")
    if kind:
        extra["artifactType"] = kind
    if doc.get("annotations"):
        extra["annotations"] = doc["annotations"]
    return descriptor(content.top, **extra)


def referrers_index(entries: Sequence[dict[str, Any]]) -> Manifest:
    """An OCI index listing referrer descriptors (the fallback tag's content, or a referrers API answer)."""
    return _manifest({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": list(entries)})


def push_signature(
    target: PushClient | Endpoint, repository: str, subject: Manifest, *, seed: str = "sig", suffix: str = ".sig"
) -> ImageDescription:
    """Push a cosign signature for `subject` under `sha256-<hex>.sig` (or another cosign suffix)."""
    content = cosign_signature(subject, seed=seed)
    return push_image(target, repository, content, tags=[cosign_tag(subject.digest, suffix)])


def push_referrer(
    target: PushClient | Endpoint, repository: str, content: ImageContent, *, fallback: bool = True
) -> ImageDescription:
    """Push an artifact by digest; with `fallback`, add it to the subject's fallback tag index as an OCI 1.1 client
    does against a registry without the referrers API (read the index, append, write it back)."""
    pushed = push_image(target, repository, content, tags=())
    subject = content.top.json().get("subject")
    if fallback and isinstance(subject, dict):
        tag = fallback_tag(str(subject["digest"]))
        entries = [*read_index_entries(target, repository, tag), referrer_descriptor(content)]
        index = referrers_index(entries)
        push_image(target, repository, ImageContent(manifests=(index,), blobs=()), tags=[tag])
        pushed.extra["index"] = index
    return pushed


def read_index_entries(target: PushClient | Endpoint, repository: str, reference: str) -> list[dict[str, Any]]:
    """The `manifests` of the index at `reference`, or [] when there is none."""
    credentials = target.auth.credentials if isinstance(target, PushClient) else target.credentials
    with httpx.Client(base_url=target.url, auth=ChallengeAuth(credentials), timeout=30) as http:
        response = http.get(f"/v2/{repository}/manifests/{reference}", headers={"Accept": mt.ACCEPT})
    if response.status_code == 404:
        return []
    if response.status_code != 200:
        raise PushError(f"GET {repository}:{reference} answered {response.status_code}: {response.text[:300]}")
    entries: list[dict[str, Any]] = response.json().get("manifests") or []
    return entries
