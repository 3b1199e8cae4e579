"""What the client fetched for one digest, as bytes: the layers of its cosign `.sig` and `.att` tags, and the
Sigstore bundles attached to it as referrers. Also which of a cosign manifest's layers to fetch (pure)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from ecr_mirror.errors import UnsupportedError
from ecr_mirror.oci.manifest import Descriptor, check_descriptor

SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json"
DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json"
SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json"
SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature"
PREDICATE_ANNOTATION = "predicateType"
MAX_LAYERS = 64  # signatures or attestations in one cosign tag
MAX_LAYER_BYTES = 4 * 1024 * 1024  # one payload or envelope (an SBOM attestation can be large)


@dataclass(frozen=True)
class SignedLayer:
    """One layer of a cosign tag: its bytes (a simple-signing payload or a DSSE envelope) and its annotations
    (the signature, and for keyless ones the certificate, chain and Rekor bundle)."""

    media_type: str
    payload: bytes
    annotations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    digest: str  # the digest the signatures were looked up for (the index's for a multi-arch image)
    signatures: tuple[SignedLayer, ...] | None = None  # the `.sig` tag's layers; None: no such tag
    attestations: tuple[SignedLayer, ...] | None = None  # the `.att` tag's layers; None: no such tag
    bundles: tuple[bytes, ...] = ()  # Sigstore bundles (v0.3) attached as referrers


def cosign_layers(
    data: bytes, what: str, wanted_predicates: frozenset[str] | None = None
) -> list[tuple[Descriptor, dict[str, str]]]:
    """The layers of a cosign `.sig`/`.att` manifest worth fetching, with their annotations. With
    `wanted_predicates`, attestation layers annotated with another predicate type are left out."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise UnsupportedError(f"{what} is not JSON") from exc
    layers = doc.get("layers") if isinstance(doc, dict) else None
    if not isinstance(layers, list):
        raise UnsupportedError(f"{what} has no layers list")
    if len(layers) > MAX_LAYERS:
        raise UnsupportedError(f"{what} has {len(layers)} layers (limit {MAX_LAYERS})")
    out: list[tuple[Descriptor, dict[str, str]]] = []
    for raw in layers:
        desc = check_descriptor(raw, f"layer of {what}")
        annotations = raw.get("annotations") or {}
        if not isinstance(annotations, dict):
            raise UnsupportedError(f"{what}: layer {desc.digest} has annotations that are not a mapping")
        notes = {str(k): str(v) for k, v in annotations.items()}
        predicate = notes.get(PREDICATE_ANNOTATION)
        if wanted_predicates is not None and predicate is not None and predicate not in wanted_predicates:
            continue
        if desc.size > MAX_LAYER_BYTES:
            raise UnsupportedError(f"{what}: layer {desc.digest} declares {desc.size} bytes (limit {MAX_LAYER_BYTES})")
        out.append((desc, notes))
    return out
