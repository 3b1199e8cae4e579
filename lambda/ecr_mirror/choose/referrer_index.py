"""Indexes of referrers (pure, no I/O): reading the descriptors a referrers index lists, and merging new ones
into the target's fallback index (`sha256-<hex>` tag) without losing what it already lists."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import Descriptor, Manifest, check_descriptor, is_attestation, json_document, sha256_digest

MAX_REFERRERS = 100  # per subject: a hostile source must not make us copy without end
SOURCE_INDEX_ANNOTATION = "org.ecr-mirror.referrers.source-index"


@dataclass(frozen=True)
class Referrer:
    desc: Descriptor
    raw: dict[str, Any]  # the descriptor as listed (artifactType, annotations), for the target's index


def json_object(data: bytes, what: str) -> dict[str, Any]:
    return json_document(data, what)


def index_entries(data: bytes, what: str) -> list[Referrer]:
    """The referrer descriptors an index lists (validated, capped, without duplicates)."""
    doc = json_object(data, what)
    entries = doc.get("manifests")
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise UnsupportedError(f"{what}: `manifests` is not a list")
    if len(entries) > MAX_REFERRERS:
        raise UnsupportedError(f"{what} lists {len(entries)} referrers (limit {MAX_REFERRERS}); refused")
    return merge_referrers([], [Referrer(check_descriptor(e, what), e) for e in entries])


def merge_referrers(known: list[Referrer], more: Iterable[Referrer]) -> list[Referrer]:
    merged = list(known)
    digests = {r.desc.digest for r in merged}
    for referrer in more:
        if referrer.desc.digest not in digests:
            digests.add(referrer.desc.digest)
            merged.append(referrer)
    if len(merged) > MAX_REFERRERS:
        raise UnsupportedError(f"{len(merged)} referrers listed over all pages (limit {MAX_REFERRERS}); refused")
    return merged


def sources_of(index: Manifest) -> set[str]:
    """Digests of source indexes this target index mirrors: its own, and the one its annotation records."""
    doc = json_object(index.data, f"index {index.digest}")
    annotations = doc.get("annotations")
    recorded = annotations.get(SOURCE_INDEX_ANNOTATION) if isinstance(annotations, dict) else None
    return {index.digest, *([recorded] if isinstance(recorded, str) else [])}


def merged_index(existing: Manifest | None, referrers: Sequence[Referrer], source: str | None) -> Manifest | None:
    """The target's index with `referrers` added (existing entries kept first); None when nothing changes."""
    doc: dict[str, Any] = (
        json_object(existing.data, f"target index {existing.digest}")
        if existing is not None
        else {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX}
    )
    entries = doc.get("manifests")
    kept: list[Any] = list(entries) if isinstance(entries, list) else []
    held = {e.get("digest") for e in kept if isinstance(e, dict)}
    added = [r.raw for r in referrers if r.desc.digest not in held]
    annotations = dict(doc.get("annotations") or {})
    if source is not None:
        annotations[SOURCE_INDEX_ANNOTATION] = source
    if existing is not None and not added and annotations == (doc.get("annotations") or {}):
        return None
    doc.update(schemaVersion=2, mediaType=mediatypes.OCI_INDEX, manifests=kept + added)
    if annotations:
        doc["annotations"] = annotations
    data = json.dumps(doc, separators=(",", ":")).encode()
    if len(data) > mediatypes.MAX_MANIFEST_BYTES:
        raise UnsupportedError(f"the merged index of referrers would be {len(data)} bytes; refused")
    return Manifest(data=data, media_type=mediatypes.OCI_INDEX, digest=sha256_digest(data))


def referrer_subjects(manifest: Manifest) -> list[str]:
    """The digests signatures and SBOMs attach to: the manifest and, for an index, its platform images
    (attestation manifests are themselves attached to those images, so they are left out)."""
    if not mediatypes.is_index(manifest.media_type):
        return [manifest.digest]
    doc = json_document(manifest.data, f"index {manifest.digest}")
    children = doc.get("manifests")
    listed = children if isinstance(children, list) else []
    images = [c for c in listed if isinstance(c, dict) and not is_attestation(c)]
    subjects = [manifest.digest]
    for child in images:
        # A subject becomes part of request paths and tags: the one digest grammar, or the image fails.
        subjects.append(check_descriptor(child, f"index {manifest.digest}").digest)
    return subjects
