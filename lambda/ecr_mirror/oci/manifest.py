"""The pure data of OCI content (no I/O): digests, descriptors, manifests, and what an index says about its
children. Everything here is computed from bytes already in memory."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

from ecr_mirror.errors import IntegrityError, UnsupportedError

# The digest grammar the distribution spec registers: sha256 (what every registry uses) and sha512.
DIGEST_RE = re.compile(r"^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$")

# Docker's buildx marks attestation manifests in an index with these annotations.
ATTESTATION_TYPE = "vnd.docker.reference.type"
ATTESTATION_SUBJECT = "vnd.docker.reference.digest"


def is_digest(value: str) -> bool:
    return DIGEST_RE.match(value) is not None


def parse_digest(value: str | None, what: str) -> str | None:
    """A digest a registry sent (a header, a field), checked against the one grammar before anything uses it:
    a value that is not a digest must never become part of a path (`../../other/repo/manifests/x`) or a tag.
    None stays None (the header was absent); anything else is refused with IntegrityError naming `what`."""
    if value is None:
        return None
    if not is_digest(value):
        shown = value if len(value) <= 200 else value[:200] + "..."
        raise IntegrityError(f"{what}: {shown!r} is not a digest (sha256:<64 hex> or sha512:<128 hex>); refused")
    return value


def load_json(data: bytes | str, what: str) -> Any:
    """JSON from a registry, any shape; what no parser should swallow (not JSON, nested deep enough to exhaust the
    parser's stack) is UnsupportedError naming `what`, never a bare ValueError or RecursionError."""
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise UnsupportedError(f"{what} is nested too deeply to be read; refused") from exc
    except ValueError as exc:  # UnicodeDecodeError included
        raise UnsupportedError(f"{what} is not JSON") from exc


def json_document(data: bytes | str, what: str) -> dict[str, Any]:
    """A JSON object from a registry (a manifest, an index, a token answer): anything else is UnsupportedError."""
    doc = load_json(data, what)
    if not isinstance(doc, dict):
        raise UnsupportedError(f"{what} is not a JSON object (a JSON {type(doc).__name__} instead)")
    return doc


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ManifestHead:
    digest: str | None
    media_type: str
    size: int | None


@dataclass(frozen=True)
class Manifest:
    """A manifest's exact bytes: its digest is the hash of these bytes, so they are never re-serialised."""

    data: bytes
    media_type: str
    digest: str


class BlobRef(Protocol):
    @property
    def digest(self) -> str: ...
    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class Descriptor:
    media_type: str
    digest: str
    size: int


def check_descriptor(desc: object, what: str) -> Descriptor:
    """Validate a descriptor from an untrusted manifest. Only sha256 content is copied: it is what we hash."""
    if not isinstance(desc, dict):
        raise UnsupportedError(f"{what}: a descriptor is not an object")
    digest, size, media_type = desc.get("digest"), desc.get("size"), desc.get("mediaType", "")
    if not isinstance(digest, str) or not is_digest(digest) or not digest.startswith("sha256:"):
        raise UnsupportedError(f"{what}: descriptor digest {digest!r} is not sha256:<64 hex>")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise UnsupportedError(f"{what}: descriptor {digest} has an invalid size {size!r}")
    return Descriptor(media_type=str(media_type), digest=digest, size=size)


def is_attestation(child: dict[str, Any]) -> bool:
    """An attestation manifest listed in an index (buildx provenance and SBOM), not a platform image."""
    annotations = child.get("annotations")
    return isinstance(annotations, dict) and annotations.get(ATTESTATION_TYPE) == "attestation-manifest"
