"""Platform filters (pure, no I/O): which children of an index to keep, and the reduced index written instead.

A reduced index is new JSON, so its digest differs from the source index's. It records the source index's
digest in an annotation, which is how a later run recognises it as up to date without a Docker Hub pull.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import ATTESTATION_SUBJECT, Manifest, is_attestation, json_document, sha256_digest

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


# containerd's platforms.Normalize (platforms/database.go, normalizeArch): other spellings of one platform.
_ARCH_ALIASES = {"x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "i386": "386"}
_ARM_VARIANTS = {"": "v7", "7": "v7", "5": "v5", "6": "v6", "8": "v8"}


def normalise_platform(os_name: str, architecture: str, variant: str = "") -> tuple[str, str, str]:
    """As containerd: aarch64/x86_64 are arm64/amd64, arm64/v8 is arm64, amd64/v1 is amd64, arm is arm/v7."""
    os_name, arch, variant = os_name.lower(), architecture.lower(), variant.lower()
    arch = _ARCH_ALIASES.get(arch, arch)
    if arch in ("armhf", "armel"):
        arch, variant = "arm", "v7" if arch == "armhf" else "v6"
    if (arch, variant) in (("amd64", "v1"), ("arm64", "8"), ("arm64", "v8"), ("arm64", "v8.0")):
        variant = ""
    elif arch == "arm":
        variant = _ARM_VARIANTS.get(variant, variant)
    return os_name, arch, variant


def wanted_platform(text: str) -> tuple[str, str, str | None]:
    """A filter entry, normalised; variant None (any) when it names none, except for arm, which means arm/v7."""
    parts = [*text.split("/"), "", ""][:3]
    os_name, arch, variant = normalise_platform(*parts)
    return os_name, arch, None if not parts[2] and arch != "arm" else variant


def platform_matches(platform: object, wanted: Sequence[str]) -> bool:
    """`linux/arm64` matches any arm64 variant; `linux/arm64/v8` matches arm64 with no variant or v8;
    `linux/arm` only arm/v7; spellings (`aarch64`, `x86_64`) are normalised on both sides."""
    fields = platform if isinstance(platform, dict) else {}
    have = normalise_platform(
        str(fields.get("os", "unknown")), str(fields.get("architecture", "unknown")), str(fields.get("variant") or "")
    )
    for item in wanted:
        os_name, arch, variant = wanted_platform(item)
        if have[:2] == (os_name, arch) and (variant is None or have[2] == variant):
            return True
    return False


def reduce_index(index: Manifest, wanted: Sequence[str]) -> tuple[Manifest, list[str]] | None:
    """The index with only matching platforms (and their attestation manifests); None when nothing matches.

    Returns the reduced manifest and the platforms kept. An index whose children all match is returned as is.
    """
    doc = json_document(index.data, f"index {index.digest}")
    listed = doc.get("manifests", [])
    if not isinstance(listed, list):
        raise UnsupportedError(f"index {index.digest}: `manifests` is not a list")
    children = [c for c in listed if isinstance(c, dict)]
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
    held = doc.get("annotations")
    annotations: dict[str, Any] = held if isinstance(held, dict) else {}
    doc["annotations"] = {
        **annotations,
        SOURCE_DIGEST_ANNOTATION: index.digest,
        PLATFORMS_ANNOTATION: platform_set(wanted),
    }
    data = json.dumps(doc, separators=(",", ":")).encode()
    return Manifest(data=data, media_type=index.media_type, digest=sha256_digest(data)), platforms


def platform_set(wanted: Sequence[str]) -> str:
    """The filter as recorded: normalised as matched (`linux/arm64/v8` is `linux/arm64`), sorted, no duplicates."""
    return ",".join(sorted({"/".join(p for p in wanted_platform(item.strip()) if p) for item in wanted}))


def recorded_source(manifest: Manifest, wanted: Sequence[str]) -> str | None:
    """The source index digest a reduced index records, if it is one made by the filter `wanted`."""
    if not mediatypes.is_index(manifest.media_type):
        return None
    try:
        doc = json_document(manifest.data, f"index {manifest.digest}")
    except UnsupportedError:
        return None
    annotations = doc.get("annotations")
    if not isinstance(annotations, dict) or annotations.get(PLATFORMS_ANNOTATION) != platform_set(wanted):
        return None  # made by another filter (or before filters were recorded): copy again
    value = annotations.get(SOURCE_DIGEST_ANNOTATION)
    return value if isinstance(value, str) else None


def config_platform(config: bytes) -> dict[str, str]:
    """The platform of a single image, from its config blob."""
    try:
        doc = json_document(config, "image config")
    except UnsupportedError:
        return {}
    out = {"os": str(doc.get("os", "unknown")), "architecture": str(doc.get("architecture", "unknown"))}
    if doc.get("variant"):
        out["variant"] = str(doc["variant"])
    return out


def index_platforms(manifest: Manifest) -> list[str]:
    """The platforms of an index's platform images (attestation manifests left out); [] for a single image."""
    if not mediatypes.is_index(manifest.media_type):
        return []
    children = json_document(manifest.data, f"index {manifest.digest}").get("manifests")
    if not isinstance(children, list):
        return []
    return [platform_text(c.get("platform")) for c in children if isinstance(c, dict) and not is_attestation(c)]
