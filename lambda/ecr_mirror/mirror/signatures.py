"""Fetching a digest's signatures for the policy gate: the cosign tags `sha256-<hex>.sig` and `.att` at the
source, their layers read whole (capped), and, for keyless policies, the Sigstore bundles attached as referrers.
Manifests go through the copier, so they count against the pull budget and are cached for the run: copying the
same tags afterwards (referrers) spends no second pull."""

from __future__ import annotations

import json

from ecr_mirror.choose.referrer_index import Referrer, index_entries
from ecr_mirror.mirror.image import ImageCopier
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.mirror.referrers_api import ReferrersApi
from ecr_mirror.mirror.tasks import gather_all
from ecr_mirror.oci.manifest import check_descriptor
from ecr_mirror.trust.evidence import MAX_LAYER_BYTES, SIGSTORE_BUNDLE, Evidence, SignedLayer, cosign_layers

MAX_BUNDLES = 16  # Sigstore bundles read for one digest


async def fetch_evidence(
    copier: ImageCopier,
    repo: str,
    digest: str,
    predicates: frozenset[str],
    *,
    bundles: bool = False,
    api: ReferrersApi | None = None,
) -> Evidence:
    """The `.sig` layers; the `.att` layers when attestations (of `predicates`) are asked for; with `bundles`, the
    Sigstore bundles among the digest's referrers."""
    signatures = await cosign_tag_layers(copier, repo, digest, ".sig", None)
    attestations = await cosign_tag_layers(copier, repo, digest, ".att", predicates) if predicates else None
    found = await sigstore_bundles(copier, repo, digest, api or ReferrersApi()) if bundles else ()
    return Evidence(digest, signatures, attestations, found)


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


async def _referrers(copier: ImageCopier, repo: str, digest: str, api: ReferrersApi) -> list[Referrer]:
    """The first page of the referrers API (kept for the copy of the same referrers), else the fallback tag's
    index; [] when there is neither."""
    page = await api.first_page(copier.src, repo, digest, keep=True)
    if page is not None:
        return index_entries(page[0], f"referrers of {digest}")
    tag = fallback_tag(digest)
    head = await copier.src.head_manifest(repo, tag)
    if head is None:
        return []
    index = await copier.fetch(repo, head.digest or tag, None)
    return index_entries(index.data, f"fallback tag {copier.src.registry}/{repo}:{tag}")


async def sigstore_bundles(copier: ImageCopier, repo: str, digest: str, api: ReferrersApi) -> tuple[bytes, ...]:
    found = [r for r in await _referrers(copier, repo, digest, api) if r.raw.get("artifactType") == SIGSTORE_BUNDLE]
    out: list[bytes] = []
    for referrer in found[:MAX_BUNDLES]:
        manifest = await copier.fetch(repo, referrer.desc.digest, referrer.desc)
        layers = json.loads(manifest.data).get("layers") or []
        for raw in layers if isinstance(layers, list) else []:
            desc = check_descriptor(raw, f"layer of bundle {referrer.desc.digest}")
            if desc.media_type == SIGSTORE_BUNDLE:
                out.append(await copier.src.read_blob(repo, desc, limit=MAX_LAYER_BYTES))
    return tuple(out)
