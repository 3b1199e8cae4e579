"""Copy one image: HEAD both sides at once, skip when equal, else copy the manifest tree children-first and tag last.

Indexes are copied whole (attestation manifests included) so the index digest is preserved. Children that
the target already holds are not fetched from the source, which saves Docker Hub pulls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ecr_mirror.choose.platforms import (
    config_platform,
    index_platforms,
    platform_matches,
    platform_text,
    recorded_source,
    reduce_index,
)
from ecr_mirror.choose.referrer_index import referrer_subjects
from ecr_mirror.errors import NoMatchingPlatform, RegistryError, TagConflictError, UnsupportedError
from ecr_mirror.mirror.blobs import BlobCopier, BlobOutcome
from ecr_mirror.mirror.manifest_cache import ManifestCache
from ecr_mirror.mirror.tasks import gather_all, yield_every
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.manifest import Descriptor, Manifest, check_descriptor, is_digest, json_document
from ecr_mirror.oci.reference import Reference

log = logging.getLogger(__name__)

MAX_INDEX_DEPTH = 2
MAX_INDEX_CHILDREN = 1000
CHILD_CONCURRENCY = 8  # an index's children copied at once (their blobs share the run's blob slots)
MAX_MANIFESTS_PER_IMAGE = 5000  # manifest GETs for one image, referrers included
# Layers one image manifest may list. Real images stay far below (overlay file systems stack about 128); a manifest
# of 40,000 layers fits in 4 MiB and would cost a blob check and a task each.
MAX_LAYERS_PER_MANIFEST = 1000
PIN_TAG_PREFIX = "pinned-"
CONFIG_LIMIT = 4 * 1024 * 1024


@dataclass
class CopyStats:
    blobs: dict[str, int] = field(default_factory=lambda: {"copied": 0, "mounted": 0, "present": 0, "foreign": 0})
    manifests_fetched: int = 0
    bytes: int = 0
    resumed: int = 0  # blob downloads continued after a break (oci/resume.py)
    uploaded: bool = False  # every blob and child manifest is at the target: only the tag was left to write

    def describe(self) -> str:
        text = ", ".join(f"{v} {k}" for k, v in self.blobs.items() if v) or "no blobs"
        return text + (f" ({self.resumed} resumed after a broken download)" if self.resumed else "")


def target_tag(source: Reference, target: Reference) -> str:
    """The tag written at the target. A digest-only source gets `pinned-sha256-<hex>` so that lifecycle
    policies expiring untagged images never remove a pinned mirror."""
    if target.tag:
        return target.tag
    assert source.digest is not None
    return PIN_TAG_PREFIX + source.digest.replace(":", "-")


@dataclass
class ImagePlan:
    source_digest: str
    target_digest: str | None
    tag: str
    up_to_date: bool = False
    note: str = ""  # why the target counts as up to date, or what the copy wrote


@dataclass
class Written:
    """What a copy wrote under the tag: the digest (a reduced index has its own) and the manifests at the target."""

    digest: str
    subjects: list[str]
    note: str = ""
    platforms: list[str] = field(default_factory=list)  # an index's platform images; empty for a single image


class ImageCopier:
    """Copies one image tree between two registry clients."""

    def __init__(
        self,
        src: RegistryClient,
        dst: RegistryClient,
        blobs: BlobCopier,
        *,
        before_manifest_get: Callable[[RegistryClient], None] | None = None,
        max_manifests: int = MAX_MANIFESTS_PER_IMAGE,
        manifests: ManifestCache | None = None,
    ) -> None:
        self.src, self.dst, self.blobs = src, dst, blobs
        self.manifests = manifests if manifests is not None else ManifestCache()
        self.before_manifest_get = before_manifest_get
        self.max_manifests = max_manifests
        self.stats = CopyStats()

    async def plan(self, source: Reference, target: Reference, platforms: Sequence[str] = ()) -> ImagePlan:
        """HEAD the source and the target tag at once: two requests, one round trip of wait, no Docker Hub pull
        spent. The source's answer is judged first: a missing source is the error even when the target failed too."""
        tag = target_tag(source, target)
        head, existing = await asyncio.gather(
            self.src.head_manifest(source.repository, source.identifier),
            self.dst.head_manifest(target.repository, tag, actions="pull,push"),
            return_exceptions=True,
        )
        if isinstance(head, BaseException):
            raise head
        if head is None:
            what = "digest" if source.digest else "tag"
            raise RegistryError(f"source image {source} not found (unknown repository or {what})", status=404)
        digest = source.digest or head.digest
        if head.digest and source.digest and head.digest != source.digest:
            raise RegistryError(f"source {source}: HEAD answered digest {head.digest}", status=200)
        if isinstance(existing, BaseException):  # before any GET below: a target we cannot check costs no pull
            raise existing
        if digest is None:  # a registry that sends no Docker-Content-Digest on HEAD: GET to learn it
            manifest = await self.fetch(source.repository, source.identifier, None)
            digest = manifest.digest
        plan = ImagePlan(source_digest=digest, target_digest=existing.digest if existing else None, tag=tag)
        plan.up_to_date = plan.target_digest == digest
        if not platforms or not existing or not mediatypes.is_index(existing.media_type):
            if plan.up_to_date:
                plan.note = "target already holds this digest"
            return plan
        # A reduced index (platform filter) has its own digest; it records the source index and the filter.
        held = await self.dst.get_manifest(target.repository, tag)  # the target's copy: no source pull
        if plan.up_to_date:
            reduced = reduce_index(held, platforms)
            # The whole index is up to date only while the filter still keeps every platform of it.
            plan.up_to_date = reduced is None or reduced[0] is held
            plan.note = "target already holds this digest" if plan.up_to_date else ""
        elif recorded_source(held, platforms) == digest:
            plan.up_to_date, plan.note = True, f"target holds the reduced index {held.digest} of this digest"
        return plan

    async def copy(
        self, source: Reference, target: Reference, plan: ImagePlan, platforms: Sequence[str] = ()
    ) -> Written:
        top = await self.fetch(source.repository, plan.source_digest, None)
        note = ""
        if platforms:
            top, note = await self._filter(top, source, platforms)
        await self.copy_tree(top, source.repository, target.repository, depth=0)
        self.stats.uploaded = True
        await self._tag(top, target, plan)
        return Written(top.digest, referrer_subjects(top), note, index_platforms(top))

    async def _filter(self, top: Manifest, source: Reference, platforms: Sequence[str]) -> tuple[Manifest, str]:
        wanted = ", ".join(platforms)
        if mediatypes.is_index(top.media_type):
            reduced = reduce_index(top, platforms)
            if reduced is None:
                raise NoMatchingPlatform(f"none of the index's platforms matches [{wanted}]")
            manifest, kept = reduced
            if manifest is top:
                return top, ""
            return manifest, f"reduced index with {', '.join(kept)} (source index {top.digest}; digests differ)"
        doc = json_document(top.data, f"manifest {top.digest}")
        config = check_descriptor(doc.get("config"), f"config of {source}")
        platform = config_platform(await self.src.read_blob(source.repository, config, limit=CONFIG_LIMIT))
        if not platform_matches(platform, platforms):
            raise NoMatchingPlatform(f"single-platform image for {platform_text(platform)}, not in [{wanted}]")
        return top, ""

    async def _tag(self, top: Manifest, target: Reference, plan: ImagePlan) -> None:
        try:
            await self.dst.put_manifest(target.repository, plan.tag, top)
        except RegistryError as exc:
            if is_immutable_conflict(exc):
                # Another writer (a concurrent run) may have set the tag since our HEAD: same digest is success.
                now = await self.dst.head_manifest(target.repository, plan.tag, actions="pull,push")
                if now is not None and now.digest == top.digest:
                    return
                held = now.digest if now is not None else plan.target_digest
                holds = f"holds {held}" if held else "refused the write though it holds no image we can see"
                raise TagConflictError(
                    f"target tag {target.name}:{plan.tag} is immutable and {holds}; the source "
                    f"is now {top.digest}. Nothing was overwritten; use a mutable repository or a new tag."
                ) from exc
            raise

    async def fetch(self, repo: str, ref: str, expected: Descriptor | None) -> Manifest:
        """A source manifest, from the run's cache when this run already fetched it (no second pull)."""
        digest = expected.digest if expected else (ref if is_digest(ref) else None)
        if digest is None:  # by tag: GET it, then keep it under its digest
            manifest = await self._get(repo, ref, None)
            self.manifests.put((self.src.registry, repo, manifest.digest), manifest)
            return manifest
        key = (self.src.registry, repo, digest)
        manifest = await self.manifests.fetch_once(key, lambda: self._get(repo, digest, expected))
        if expected and len(manifest.data) != expected.size:
            raise UnsupportedError(
                f"manifest {expected.digest}: {len(manifest.data)} bytes, the index declares {expected.size}"
            )
        return manifest

    async def _get(self, repo: str, ref: str, expected: Descriptor | None) -> Manifest:
        if self.stats.manifests_fetched >= self.max_manifests:
            # Depth and width are capped per index; this caps the whole tree (an index of indexes fans out).
            raise UnsupportedError(
                f"{self.src.registry}/{repo}: the image needs more than {self.max_manifests} manifests; refused"
            )
        if self.before_manifest_get:
            self.before_manifest_get(self.src)
        self.stats.manifests_fetched += 1  # counted before the GET: children fetched side by side keep to the cap
        return await self.src.get_manifest(repo, ref, expected_digest=expected.digest if expected else None)

    async def copy_tree(self, manifest: Manifest, src_repo: str, dst_repo: str, depth: int) -> None:
        what = f"{self.src.registry}/{src_repo}@{manifest.digest}"
        doc = json_document(manifest.data, f"manifest {what}")
        if mediatypes.is_index(manifest.media_type):
            await self._copy_children(doc, what, src_repo, dst_repo, depth)
        else:
            await self._copy_blobs(doc, what, src_repo, dst_repo)

    async def _copy_children(self, doc: dict[str, object], what: str, src_repo: str, dst_repo: str, depth: int) -> None:
        if depth >= MAX_INDEX_DEPTH:
            raise UnsupportedError(f"index {what} nests deeper than {MAX_INDEX_DEPTH} levels; refused")
        children = doc.get("manifests")
        if not isinstance(children, list):
            raise UnsupportedError(f"index {what} has no manifests list")
        if len(children) > MAX_INDEX_CHILDREN:
            raise UnsupportedError(f"index {what} lists {len(children)} manifests (limit {MAX_INDEX_CHILDREN})")
        descriptors: dict[str, Descriptor] = {}
        for position, raw in enumerate(children):
            await yield_every(position)
            desc = check_descriptor(raw, f"index {what}")
            if desc.size > mediatypes.MAX_MANIFEST_BYTES:
                raise UnsupportedError(f"index {what}: child {desc.digest} declares {desc.size} bytes; refused")
            descriptors.setdefault(desc.digest, desc)
        slots = asyncio.Semaphore(CHILD_CONCURRENCY)

        async def child(desc: Descriptor) -> None:
            async with slots:
                if await self.dst.head_manifest(dst_repo, desc.digest, actions="pull,push"):
                    return  # already at the target: no source GET (and no Docker Hub pull) spent on it
                manifest = await self.fetch(src_repo, desc.digest, desc)
                await self.copy_tree(manifest, src_repo, dst_repo, depth + 1)
                await self.dst.put_manifest(dst_repo, desc.digest, manifest)

        # Side by side, so a cold multi-platform copy moves every platform's blobs at once (within the blob slots).
        await gather_all(child(desc) for desc in descriptors.values())

    async def _copy_blobs(self, doc: dict[str, object], what: str, src_repo: str, dst_repo: str) -> None:
        layers = doc.get("layers")
        if not isinstance(layers, list):
            raise UnsupportedError(f"manifest {what} has no layers list")
        if len(layers) > MAX_LAYERS_PER_MANIFEST:
            raise UnsupportedError(
                f"manifest {what} lists {len(layers)} layers (limit {MAX_LAYERS_PER_MANIFEST}); refused"
            )
        descriptors = [check_descriptor(doc.get("config"), f"config of {what}")]
        for position, layer in enumerate(layers):
            await yield_every(position)
            descriptors.append(check_descriptor(layer, f"layer of {what}"))
        wanted: dict[str, Descriptor] = {}  # by digest: each blob once, however often the manifest lists it
        for desc in descriptors:
            if mediatypes.is_foreign(desc.media_type):
                self.stats.blobs["foreign"] += 1  # non-distributable: the manifest points at its URLs
                continue
            seen = wanted.setdefault(desc.digest, desc)
            if seen.size != desc.size:
                raise UnsupportedError(f"manifest {what} lists blob {desc.digest} as {seen.size} and {desc.size} bytes")
        # One failed blob fails the image: its siblings are cancelled rather than left running behind the report.
        blobs = list(wanted.values())
        outcomes = await gather_all(self.blobs.copy(desc, self.src, src_repo, self.dst, dst_repo) for desc in blobs)
        for desc, outcome in zip(blobs, outcomes, strict=True):
            self.stats.blobs[outcome] += 1
            if outcome == BlobOutcome.COPIED:
                self.stats.bytes += desc.size
                self.stats.resumed += self.blobs.resumes.get(desc.digest, 0)


def is_immutable_conflict(exc: RegistryError) -> bool:
    """ECR's and distribution's answers to a PUT on an immutable tag that holds another digest."""
    text = str(exc).lower()
    return ("TAG_INVALID" in exc.codes and "immutable" in text) or "imagetagalreadyexists" in text
