"""Fetching a digest's signatures for the policy gate: the cosign tags `sha256-<hex>.sig` and `.att` at the
source, their layers read whole (capped). Manifests go through the copier, so they count against the pull budget
and are cached for the run: copying the same tags afterwards (referrers) spends no second pull."""

from __future__ import annotations

from ecr_mirror.mirror.image import ImageCopier
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.mirror.tasks import gather_all
from ecr_mirror.trust.evidence import MAX_LAYER_BYTES, Evidence, SignedLayer, cosign_layers


async def fetch_evidence(copier: ImageCopier, repo: str, digest: str, predicates: frozenset[str]) -> Evidence:
    """The `.sig` layers, and the `.att` layers when attestations (of `predicates`) are asked for."""
    signatures = await cosign_tag_layers(copier, repo, digest, ".sig", None)
    attestations = await cosign_tag_layers(copier, repo, digest, ".att", predicates) if predicates else None
    return Evidence(digest, signatures, attestations)


async def cosign_tag_layers(
    copier: ImageCopier, repo: str, digest: str, suffix: str, predicates: frozenset[str] | None
) -> tuple[SignedLayer, ...] | None:
    """None when the tag is absent at the source."""
    tag = fallback_tag(digest) + suffix
    head = await copier.src.head_manifest(repo, tag)
    if head is None:
        return None
    manifest = await copier.fetch(repo, head.digest or tag, None)
    layers = cosign_layers(manifest.data, f"{copier.src.registry}/{repo}:{tag}", predicates)
    payloads = await gather_all(copier.src.read_blob(repo, desc, limit=MAX_LAYER_BYTES) for desc, _ in layers)
    return tuple(
        SignedLayer(desc.media_type, payload, notes) for (desc, notes), payload in zip(layers, payloads, strict=True)
    )
