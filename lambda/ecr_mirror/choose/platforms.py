"""Platform filters (pure, no I/O): which children of an index to keep, and the reduced index written instead.

A reduced index is new JSON, so its digest differs from the source index's. It records the source index's
digest in an annotation, which is how a later run recognises it as up to date without a Docker Hub pull.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import ATTESTATION_SUBJECT, Manifest, is_attestation, sha256_digest

SOURCE_DIGEST_ANNOTATION = "org.ecr-mirror.source.digest"
PLATFORMS_ANNOTATION = "org.ecr-mirror.platforms"  # the filter that made the reduced index: a changed one re-copies


def platform_text(platform: object) -> str:
    """{"os": "linux", "architecture": "arm64", "variant": "v8"} -> "linux/arm64/v8"."""
    if not isinstance(platform, dict):
        return "unknown"
    parts = [str(platform.get("os", "unknown")), str(platform.get("architecture", "unknown"))]
    if platform.get("variant"):
        parts.append(str(platform["variant"]))
    return "/".join(parts)


def platform_matches(platform: object, wanted: Sequence[str]) -> bool:
    """`linux/arm64` matches any arm64 variant; `linux/arm64/v8` only v8."""
    have = platform_text(platform).split("/")
    for item in wanted:
        want = item.split("/")
        if have[:2] == want[:2] and (len(want) < 3 or have[2:3] == want[2:3]):
            return True
    return False


def reduce_index(index: Manifest, wanted: Sequence[str]) -> tuple[Manifest, list[str]] | None:
    """The index with only matching platforms (and their attestation manifests); None when nothing matches.

    Returns the reduced manifest and the platforms kept. An index whose children all match is returned as is.
    """
    doc = json.loads(index.data)
    children = [c for c in doc.get("manifests", []) if isinstance(c, dict)]
    images = [c for c in children if not is_attestation(c)]
    kept_images = [c for c in images if platform_matches(c.get("platform"), wanted)]
    if not kept_images:
        return None
    kept_digests = {c.get("digest") for c in kept_images}
    kept = [
        c
        for c in children
        if c in kept_images or (is_attestation(c) and c.get("annotations", {}).get(ATTESTATION_SUBJECT) in kept_digests)
    ]
    platforms = [platform_text(c.get("platform")) for c in kept_images]
    if len(kept) == len(children):
        return index, platforms
    doc["manifests"] = kept
    annotations = doc.get("annotations") if isinstance(doc.get("annotations"), dict) else {}
    doc["annotations"] = {
        **annotations,
        SOURCE_DIGEST_ANNOTATION: index.digest,
        PLATFORMS_ANNOTATION: platform_set(wanted),
    }
    data = json.dumps(doc, separators=(",", ":")).encode()
    return Manifest(data=data, media_type=index.media_type, digest=sha256_digest(data)), platforms


def platform_set(wanted: Sequence[str]) -> str:
    """The filter as recorded: sorted, lower case, duplicates dropped ("linux/amd64,linux/arm64")."""
    return ",".join(sorted({item.strip().lower() for item in wanted}))


def recorded_source(manifest: Manifest, wanted: Sequence[str]) -> str | None:
    """The source index digest a reduced index records, if it is one made by the filter `wanted`."""
    if not mediatypes.is_index(manifest.media_type):
        return None
    try:
        doc = json.loads(manifest.data)
    except ValueError:
        return None
    annotations = doc.get("annotations") if isinstance(doc, dict) else None
    if not isinstance(annotations, dict) or annotations.get(PLATFORMS_ANNOTATION) != platform_set(wanted):
        return None  # made by another filter (or before filters were recorded): copy again
    value = annotations.get(SOURCE_DIGEST_ANNOTATION)
    return value if isinstance(value, str) else None


def config_platform(config: bytes) -> dict[str, str]:
    """The platform of a single image, from its config blob."""
    try:
        doc = json.loads(config)
    except ValueError:
        return {}
    if not isinstance(doc, dict):
        return {}
    out = {"os": str(doc.get("os", "unknown")), "architecture": str(doc.get("architecture", "unknown"))}
    if doc.get("variant"):
        out["variant"] = str(doc["variant"])
    return out
