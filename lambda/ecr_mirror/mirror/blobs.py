"""Blob transfer: exists? -> mount -> stream -> commit, each distinct blob fetched from the source once per run.

Bytes flow source -> target in fixed-size chunks through one monolithic streamed PUT (POST + PUT per blob),
hashed on the way: a size or digest mismatch aborts the PUT, so the target never commits bad bytes. A download
that breaks is resumed underneath the upload (oci/resume.py); only a break of the upload restarts the blob. The
blob's budget at the source (GETs, bytes) spans its resumes and restarts. Slots are shared fairly between sources
(fair_slots.py); a stalled body (oci/waits.py) fails its blob at once, which gives the slot back.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable

import httpx

from ecr_mirror.errors import IncompleteBlobError, RegistryError
from ecr_mirror.mirror.fair_slots import FairSlots
from ecr_mirror.oci.client import RegistryClient, Upload
from ecr_mirror.oci.manifest import Descriptor
from ecr_mirror.oci.responses import iter_verified
from ecr_mirror.oci.resume import BlobBudget, BlobStream

log = logging.getLogger(__name__)

BLOB_ATTEMPTS = 3


class BlobOutcome:
    PRESENT = "present"
    MOUNTED = "mounted"
    COPIED = "copied"


class BlobLedger:
    """What this run knows about blobs at targets: which repositories hold them, one lock per digest."""

    def __init__(self) -> None:
        self._holders: dict[tuple[str, str], set[str]] = defaultdict(set)  # (registry, digest) -> repos
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def lock(self, digest: str) -> asyncio.Lock:
        return self._locks[digest]

    def holds(self, registry: str, repo: str, digest: str) -> bool:
        return repo in self._holders[(registry, digest)]

    def other_holder(self, registry: str, repo: str, digest: str) -> str | None:
        others = sorted(self._holders[(registry, digest)] - {repo})
        return others[0] if others else None

    def add(self, registry: str, repo: str, digest: str) -> None:
        self._holders[(registry, digest)].add(repo)


class BlobCopier:
    """Copies blobs into target repositories, sharing a ledger and a concurrency limit across a run."""

    def __init__(self, ledger: BlobLedger, concurrency: int, on_bytes: Callable[[int], None] | None = None) -> None:
        self.ledger = ledger
        self.slots = FairSlots(concurrency)  # shared between source registries
        self.on_bytes = on_bytes
        self.resumes: dict[str, int] = defaultdict(int)  # digest -> downloads resumed after a break, this run

    async def copy(
        self, desc: Descriptor, src: RegistryClient, src_repo: str, dst: RegistryClient, dst_repo: str
    ) -> str:
        """Make `desc` present in dst_repo; return a BlobOutcome value."""
        async with self.ledger.lock(desc.digest):
            if self.ledger.holds(dst.registry, dst_repo, desc.digest):
                return BlobOutcome.PRESENT
            if await dst.blob_exists(dst_repo, desc.digest):
                self.ledger.add(dst.registry, dst_repo, desc.digest)
                return BlobOutcome.PRESENT
            async with self.slots.slot(src.registry):
                outcome = await self._transfer(desc, src, src_repo, dst, dst_repo)
            self.ledger.add(dst.registry, dst_repo, desc.digest)
            return outcome

    async def _transfer(
        self, desc: Descriptor, src: RegistryClient, src_repo: str, dst: RegistryClient, dst_repo: str
    ) -> str:
        sibling = self.ledger.other_holder(dst.registry, dst_repo, desc.digest)
        budget = BlobBudget(desc.size)  # what this blob may cost at the source, its restarts included
        for attempt in range(1, BLOB_ATTEMPTS + 1):
            if attempt > 1:
                budget.restarted()
            upload = await dst.start_upload(dst_repo, desc.digest, mount_from=sibling)
            if upload.location is None:
                return BlobOutcome.MOUNTED
            # Mount refused: read the bytes from our own copy at the target, not from the source again.
            reader, reader_repo = (dst, sibling) if sibling else (src, src_repo)
            try:
                await self._stream(desc, reader, reader_repo, dst, dst_repo, upload, budget)
                return BlobOutcome.COPIED
            except (IncompleteBlobError, httpx.TransportError) as exc:
                if attempt == BLOB_ATTEMPTS:
                    raise RegistryError(
                        f"blob {desc.digest}: transfer broke {attempt} times, last: {type(exc).__name__}: {exc}"
                    ) from exc
                log.warning(
                    "blob %s: transfer broke (%s), restarting (%d/%d)", desc.digest, exc, attempt, BLOB_ATTEMPTS
                )
            except RegistryError as exc:
                if not exc.temporary or attempt == BLOB_ATTEMPTS:
                    raise
                log.warning("blob %s: %s, restarting (%d/%d)", desc.digest, exc, attempt, BLOB_ATTEMPTS)
                if exc.retry_after is not None:  # the upload was refused for now: wait as long as it asks
                    await dst.transport.retry.sleep(dst.transport.allowed_wait(exc.retry_after, str(exc)))
                    continue
            await dst.transport.retry.sleep(0.2 * attempt)
        raise AssertionError("unreachable")

    async def _stream(
        self,
        desc: Descriptor,
        reader: RegistryClient,
        reader_repo: str,
        dst: RegistryClient,
        dst_repo: str,
        upload: Upload,
        budget: BlobBudget,
    ) -> None:
        source = BlobStream(reader, reader_repo, desc.digest, desc.size, budget)
        await source.open()
        try:
            used = False

            def body() -> AsyncIterator[bytes]:
                nonlocal used
                if used:  # a second call means a retry of a one-shot stream: restart the whole blob instead
                    raise IncompleteBlobError(f"{source.what}: upload must restart")
                used = True
                return iter_verified(source.chunks(), desc.digest, desc.size, source.what, on_bytes=self.on_bytes)

            await dst.finish_upload(dst_repo, upload, desc.digest, desc.size, body)
        finally:
            self.resumes[desc.digest] += source.resumes
            await source.aclose()
