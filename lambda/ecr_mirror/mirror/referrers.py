"""Copy an image's referrers (signatures, SBOMs, attestations attached with `subject`) from source to target.

Discovery at the source, for each subject digest:
- the OCI referrers API `GET /v2/<repo>/referrers/<digest>` (see referrers_api: what counts as having it,
  remembered per client so each later subject skips the probe);
- otherwise the fallback tag `sha256-<hex>`, an OCI index of referrers (HEAD first, GET only when needed);
- always the cosign tags `sha256-<hex>.sig`, `.att`, `.sbom`, copied tag to tag.
Referrers of referrers (a signature on an SBOM) are followed one level down.

At the target, a referrer the target holds (HEAD by digest) is never fetched from the source. Referrers found
through the source's fallback tag are mirrored with that tag: verbatim when the target has none (same digest, so
the next run compares two HEADs), otherwise merged into the target's index, which then records the source index's
digest in an annotation so the next run reads the target's copy instead of spending a source pull. Referrers
found through the source's API get a fallback tag at the target only when the target lacks the API.

A referrer the target refuses (a 4xx answer to its manifest or tag PUT other than authentication, not found,
timeout or rate limit) never fails the image it belongs to: it is reported skipped with the registry's answer,
left out of the target's fallback index, and its own referrers are not followed. Amazon ECR answers
`405 Method Not Allowed` to some OCI 1.1 manifests carrying `subject` and `artifactType`
(https://github.com/aws/containers-roadmap/issues/2783, open; see docs/lambda.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from ecr_mirror.choose.referrer_index import (
    Referrer,
    index_entries,
    merge_referrers,
    merged_index,
    referrer_subjects,
    sources_of,
)
from ecr_mirror.errors import MirrorError, RateLimitedError, RegistryError, TagConflictError, UnsupportedError
from ecr_mirror.mirror.image import ImageCopier, is_immutable_conflict
from ecr_mirror.mirror.referrers_api import ReferrersApi, read_page
from ecr_mirror.mirror.tasks import gather_all
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import Manifest, ManifestHead

log = logging.getLogger(__name__)

MAX_REFERRER_DEPTH = 2  # the subjects' referrers, and their referrers (a signature on an SBOM)
MAX_REFERRER_PAGES = 10
SUBJECT_CONCURRENCY = 8
COSIGN_SUFFIXES = (".sig", ".att", ".sbom")


@dataclass
class ReferrerStats:
    found: int = 0  # referrer manifests and cosign tags seen at the source
    copied: int = 0  # of those, fetched from the source and written to the target
    present: int = 0  # of those, already at the target
    tags_written: int = 0  # fallback index tags and cosign tags written at the target
    skipped: int = 0  # of those, refused by the target (see `refused_by_target`)
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if not self.found and not self.warnings:
            return "no referrers"
        parts = [f"{self.found} found", f"{self.copied} copied", f"{self.present} present"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.tags_written:
            parts.append(f"{self.tags_written} tags written")
        text = "referrers: " + ", ".join(parts)
        return "; ".join([text, *self.warnings])


@dataclass
class _Found:
    referrers: list[Referrer]
    via_api: bool = False
    source_index: Manifest | None = None  # the source's fallback index, when it must be mirrored
    target_index: Manifest | None = None  # the target's fallback index as it was


async def copy_referrers(
    copier: ImageCopier, src_repo: str, dst_repo: str, subjects: Sequence[str], api: ReferrersApi | None = None
) -> ReferrerStats:
    """Copy the referrers of `subjects` (manifest digests already at the target) from src_repo to dst_repo.

    Blobs and bytes moved are added to `copier.stats`; source manifest GETs go through the copier (rate budget).
    `api` is the run's knowledge of which registries have the referrers API (a fresh one if not given).
    Raises the engine's errors, naming the subject and the referrer.
    """
    run = _Run(copier, src_repo, dst_repo, api or ReferrersApi())
    level = list(dict.fromkeys(subjects))
    seen = set(level)
    slots = asyncio.Semaphore(SUBJECT_CONCURRENCY)

    async def one(subject: str) -> list[str]:
        async with slots:
            return await run.subject(subject)

    for _ in range(MAX_REFERRER_DEPTH):
        found = await gather_all(one(s) for s in level)
        level = [d for digests in found for d in digests if d not in seen]
        seen.update(level)
        if not level:
            break
    return run.stats


async def subjects_at_target(copier: ImageCopier, dst_repo: str, digest: str) -> list[str]:
    """The digests referrers attach to (the top manifest, an index's platform images), read from the TARGET.

    For images skipped as up to date, whose manifests were not fetched in this run (no source pull).
    """
    manifest = await copier.dst.get_manifest(dst_repo, digest)
    try:
        return referrer_subjects(manifest)
    except ValueError as exc:
        raise UnsupportedError(f"index {copier.dst.registry}/{dst_repo}@{digest} is not JSON") from exc


# Answers that say "not this content" rather than "not now" or "not you": the image stays copied.
_NOT_REFUSALS = (401, 403, 404, 408, 429)


def refused_by_target(exc: RegistryError) -> bool:
    """The target refused what was sent (e.g. ECR's 405 for a manifest with `subject`), as a 4xx answer."""
    return 400 <= exc.status < 500 and exc.status not in _NOT_REFUSALS


def fallback_tag(digest: str) -> str:
    """sha256:<hex> -> sha256-<hex>."""
    algorithm, _, encoded = digest.partition(":")
    return f"{algorithm[:32]}-{encoded[:64]}"


class _Run:
    """One copy_referrers call: the two clients, the repositories, the counts."""

    def __init__(self, copier: ImageCopier, src_repo: str, dst_repo: str, api: ReferrersApi) -> None:
        self.copier, self.src, self.dst = copier, copier.src, copier.dst
        self.src_repo, self.dst_repo = src_repo, dst_repo
        self.api = api
        self.stats = ReferrerStats()
        self.refused: set[str] = set()  # referrer digests the target refused

    async def subject(self, subject: str) -> list[str]:
        """Everything for one subject; returns the digests of its referrers (for the next level)."""
        try:
            await gather_all(self._cosign_tag(subject, suffix) for suffix in COSIGN_SUFFIXES)
            found = await self._discover(subject)
            for referrer in found.referrers:
                await self._referrer(referrer)
            await self._update_target_index(subject, found)
        except MirrorError as exc:
            raise _with_context(exc, f"referrers of {self.src.registry}/{self.src_repo}@{subject}") from exc
        return [r.desc.digest for r in found.referrers if r.desc.digest not in self.refused]

    # -- discovery at the source -----------------------------------------------------------------------------

    async def _discover(self, subject: str) -> _Found:
        listed = await self._source_api(subject)
        if listed is not None:
            return _Found(listed, via_api=True)
        return await self._source_fallback(subject)

    async def _source_api(self, subject: str) -> list[Referrer] | None:
        """The referrers API's answer (following pages), or None when the source has no referrers API."""
        page = await self.api.first_page(self.src, self.src_repo, subject)
        if page is None:
            return None
        referrers: list[Referrer] = []
        for pages in range(1, MAX_REFERRER_PAGES + 1):
            data, url = page
            referrers = merge_referrers(referrers, index_entries(data, f"referrers API answer for {subject}"))
            if url is None:
                return referrers
            if pages == MAX_REFERRER_PAGES:
                break
            page = await read_page(self.src, self.src_repo, url, subject)
            if page is None:
                raise RegistryError(f"the referrers API's page {pages + 1} answered 404", status=404)
        raise UnsupportedError(f"the referrers API answers more than {MAX_REFERRER_PAGES} pages; refused")

    async def _source_fallback(self, subject: str) -> _Found:
        tag = fallback_tag(subject)
        head = await self.src.head_manifest(self.src_repo, tag)
        if head is None:
            return _Found([])
        target_index = await self._target_index(tag)
        if target_index is not None and head.digest and head.digest in sources_of(target_index):
            # The target mirrors this very index (verbatim or merged): read the target's copy, spend no pull.
            return _Found(index_entries(target_index.data, f"target index {tag}"), target_index=target_index)
        index = await self.copier.fetch(self.src_repo, head.digest or tag, None)
        if not mediatypes.is_index(index.media_type):
            raise UnsupportedError(f"fallback tag {tag} holds a {index.media_type}, not an index of referrers")
        entries = index_entries(index.data, f"fallback tag {self.src.registry}/{self.src_repo}:{tag}")
        return _Found(entries, source_index=index, target_index=target_index)

    # -- copying ---------------------------------------------------------------------------------------------

    async def _referrer(self, referrer: Referrer) -> None:
        desc = referrer.desc
        self.stats.found += 1
        try:
            if await self.dst.head_manifest(self.dst_repo, desc.digest, actions="pull,push"):
                self.stats.present += 1
                return
            if desc.size > mediatypes.MAX_MANIFEST_BYTES:
                raise UnsupportedError(f"it declares {desc.size} bytes; refused")
            manifest = await self.copier.fetch(self.src_repo, desc.digest, desc)
            await self.copier.copy_tree(manifest, self.src_repo, self.dst_repo, depth=0)
            refusal = await self._put_refusable(desc.digest, manifest)
        except MirrorError as exc:
            raise _with_context(exc, f"referrer {desc.digest} ({_kind(referrer)})") from exc
        if refusal is not None:
            self._skip(f"referrer {desc.digest} ({_kind(referrer)})", refusal)
            self.refused.add(desc.digest)
            return
        self.stats.copied += 1

    async def _put_refusable(self, ref: str, manifest: Manifest) -> RegistryError | None:
        """PUT at the target; the target's refusal is returned (the caller skips), any other error raised."""
        try:
            await self.dst.put_manifest(self.dst_repo, ref, manifest)
        except RegistryError as exc:
            if is_immutable_conflict(exc) or not refused_by_target(exc):
                raise
            return exc
        return None

    def _skip(self, what: str, exc: RegistryError) -> None:
        self.stats.skipped += 1
        self.stats.warnings.append(f"{what} skipped: the target refused it: {exc}")
        log.warning("%s skipped: the target refused it: %s", what, exc)

    async def _cosign_tag(self, subject: str, suffix: str) -> None:
        """Copy `sha256-<hex><suffix>` tag to tag, fetching from the source only what the target lacks."""
        tag = fallback_tag(subject) + suffix
        head = await self.src.head_manifest(self.src_repo, tag)
        if head is None:
            return
        self.stats.found += 1
        try:
            have = await self.dst.head_manifest(self.dst_repo, tag, actions="pull,push")
            if have is not None and head.digest and have.digest == head.digest:
                self.stats.present += 1
                return
            manifest = await self._tagged_manifest(tag, head)
            written = await self._put_tag(tag, manifest, have)
        except MirrorError as exc:
            raise _with_context(exc, f"cosign tag {tag}") from exc
        if written:
            self.stats.copied += 1

    async def _tagged_manifest(self, tag: str, head: ManifestHead) -> Manifest:
        """The manifest the source tag names: from the target when it holds the digest, else from the source."""
        if head.digest and await self.dst.head_manifest(self.dst_repo, head.digest, actions="pull,push"):
            return await self.dst.get_manifest(self.dst_repo, head.digest, expected_digest=head.digest)
        manifest = await self.copier.fetch(self.src_repo, head.digest or tag, None)
        await self.copier.copy_tree(manifest, self.src_repo, self.dst_repo, depth=0)
        return manifest

    # -- the target's fallback tag ---------------------------------------------------------------------------

    async def _target_index(self, tag: str) -> Manifest | None:
        head = await self.dst.head_manifest(self.dst_repo, tag, actions="pull,push")
        if head is None:
            return None
        index = await self.dst.get_manifest(self.dst_repo, tag, expected_digest=head.digest)
        if index.media_type != mediatypes.OCI_INDEX:
            raise UnsupportedError(
                f"target tag {self.dst.registry}/{self.dst_repo}:{tag} holds a {index.media_type}, "
                "not an OCI index of referrers; left as it is"
            )
        return index

    async def _update_target_index(self, subject: str, found: _Found) -> None:
        tag = fallback_tag(subject)
        held = [r for r in found.referrers if r.desc.digest not in self.refused]  # never list what it lacks
        if found.via_api:
            if not held or await self._target_has_api(subject):
                return
            found.target_index = await self._target_index(tag)
            index = merged_index(found.target_index, held, None)
        elif found.source_index is None:
            return  # no fallback tag at the source, or the target already mirrors it
        elif len(held) < len(found.referrers) and not held and found.target_index is None:
            return  # every referrer was refused: no index naming manifests the target does not hold
        elif len(held) < len(found.referrers):
            index = merged_index(found.target_index, held, None)  # not the source's: the next run checks again
        elif found.target_index is None and found.source_index.media_type == mediatypes.OCI_INDEX:
            index = found.source_index  # verbatim: same digest at both ends, so the next run compares HEADs
        else:
            index = merged_index(found.target_index, found.referrers, found.source_index.digest)
        if index is None:
            return
        try:
            await self._put_tag(tag, index, found.target_index)
        except TagConflictError as exc:
            if not await self._target_has_api(subject):
                raise
            # The target lists referrers through its API: the tag only saves a pull next run.
            self.stats.warnings.append(f"fallback tag {tag} not updated: {exc}")

    async def _put_tag(self, tag: str, manifest: Manifest, before: ManifestHead | Manifest | None) -> bool:
        """Write the tag; False when the target refused it (reported skipped)."""
        try:
            refusal = await self._put_refusable(tag, manifest)
        except RegistryError as exc:
            if not is_immutable_conflict(exc):
                raise
            held = before.digest if before is not None else "another digest"
            raise TagConflictError(
                f"target tag {self.dst.registry}/{self.dst_repo}:{tag} is immutable and holds {held}; "
                f"it would now be {manifest.digest}. Nothing was overwritten."
            ) from exc
        if refusal is not None:
            self._skip(f"tag {tag}", refusal)
            return False
        self.stats.tags_written += 1
        return True

    async def _target_has_api(self, subject: str) -> bool:
        return await self.api.has_api(self.dst, self.dst_repo, subject)


# -- helpers -------------------------------------------------------------------------------------------------


def _kind(referrer: Referrer) -> str:
    return str(referrer.raw.get("artifactType") or referrer.desc.media_type)


def _with_context(exc: MirrorError, context: str) -> MirrorError:
    """The same kind of error (so the engine still defers a 429), its message prefixed with `context`."""
    message = f"{context}: {exc}"
    if isinstance(exc, RegistryError):
        return type(exc)(message, status=exc.status, codes=list(exc.codes), url=exc.url)
    if isinstance(exc, RateLimitedError):
        return RateLimitedError(message, exc.retry_after)
    try:
        return type(exc)(message)
    except TypeError:  # a subclass with another signature: keep the message, lose the subclass
        return MirrorError(message)
