"""One blob's bytes from a source registry as one stream, resumed where it broke (as containers/image does).

When the download breaks mid-body, the stream asks for the rest with `Range: bytes=<received>-`: at the URL the
bytes came from (a CDN's signed URL), or at the registry again when that URL has expired (401/403/404/410), which
redirects to a fresh one. Whoever reads the stream (the upload to the target) never notices. A source that ignores
the range (a 200, or a 206 starting elsewhere) sends the blob again: the bytes already passed on are skipped.

Progress is a byte beyond the furthest ever received (across restarts of the blob too): a try that brings none
counts against the retry policy's attempts, so a link that cuts every response still delivers the blob as long as
each response brings something new. Whatever the source does, one blob costs at most MAX_BLOB_GETS GETs and twice
its size in bytes received, once more per upload the target broke (BlobBudget): a source that ignores Range and
sends one byte more each time cannot turn a 3,000-byte blob into 3,000 requests.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import httpx

from ecr_mirror.errors import IntegrityError, MirrorError, SourceStreamError
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import same_origin

log = logging.getLogger(__name__)

EXPIRED = frozenset({401, 403, 404, 410})  # a signed URL past its time: ask the registry for another
MAX_BLOB_GETS = 16  # GETs one blob may cost at its source, resumes and restarts included
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)


def range_start(response: httpx.Response) -> int | None:
    """Where a 206's Content-Range starts (None when it has none we can read)."""
    match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
    return int(match.group(1)) if match else None


class BlobBudget:
    """What one blob may cost at its source, shared by its resumes and its restarts: GETs and bytes received.

    Twice its size in bytes, and once more for each restart of its upload (a target that broke the upload needs the
    bytes again); MAX_BLOB_GETS GETs in all."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.gets = 0
        self.received = 0  # body bytes received, those sent again included
        self.allowed = 2 * size
        self.furthest = 0  # the furthest byte ever passed on: only bytes beyond it are progress

    def restarted(self) -> None:
        """The upload starts over (the target broke it): the blob is read once more."""
        self.allowed += self.size

    def spend_get(self, what: str) -> None:
        if self.gets >= MAX_BLOB_GETS:
            raise SourceStreamError(
                f"{what}: given up after {self.gets} GETs ({self.received} bytes received for {self.size}; at most "
                f"{MAX_BLOB_GETS} GETs are spent on one blob): the source keeps breaking off or ignoring Range"
            )
        self.gets += 1

    def spend_bytes(self, count: int, what: str) -> None:
        self.received += count
        if self.received > self.allowed:
            raise SourceStreamError(
                f"{what}: given up after {self.received} bytes received in {self.gets} GETs for {self.size} (at most "
                "twice the size is spent on one blob): the source keeps breaking off or ignoring Range"
            )


class BlobStream:
    """The bytes of blob `digest` (`size` bytes) in `repo` at `client`, resumed across broken downloads."""

    def __init__(
        self, client: RegistryClient, repo: str, digest: str, size: int, budget: BlobBudget | None = None
    ) -> None:
        self.client = client
        self.repo = repo
        self.digest = digest
        self.size = size
        self.budget = budget or BlobBudget(size)
        self.what = f"blob {client.registry}/{repo}@{digest}"
        self.resumes = 0  # downloads continued after a break
        self._response: httpx.Response | None = None
        self._url: httpx.URL | None = None  # where the bytes came from: the registry, or the CDN it sent us to

    async def open(self) -> None:
        """The first GET: registry errors (a 404, a denied pull) surface here, before any upload starts."""
        self.budget.spend_get(self.what)
        self._response = await self.client.open_blob(self.repo, self.digest)
        declared = self._response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) != self.size:
            await self.aclose()
            raise IntegrityError(
                f"{self.what}: the registry sends {declared} bytes, the descriptor declares {self.size}"
            )
        self._url = self._response.url

    async def aclose(self) -> None:
        if self._response is not None:
            await self._response.aclose()
            self._response = None

    async def chunks(self) -> AsyncIterator[bytes]:
        """Every byte of the blob once, in order (more than `size` if the source sends more: the reader checks)."""
        received = 0  # bytes passed on
        skip = 0  # bytes of the current response that were passed on already (a source that ignored the range)
        fruitless = 0  # tries in a row that brought no byte beyond the furthest ever received
        attempts = self.client.transport.retry.attempts
        budget = self.budget
        while True:
            assert self._response is not None
            before = budget.furthest
            try:
                async for chunk in self._response.aiter_raw():
                    budget.spend_bytes(len(chunk), self.what)
                    if skip:
                        dropped = min(skip, len(chunk))
                        chunk, skip = chunk[dropped:], skip - dropped  # noqa: PLW2901
                    if chunk:
                        received += len(chunk)
                        budget.furthest = max(budget.furthest, received)
                        yield chunk
                if received >= self.size:
                    return
                why = f"the stream ended after {received} of {self.size} bytes"
            except httpx.TransportError as exc:
                why = f"{type(exc).__name__}: {exc}"
            await self.aclose()
            fruitless = 0 if budget.furthest > before else fruitless + 1
            if fruitless >= attempts:
                raise SourceStreamError(
                    f"{self.what}: the download from the source broke {fruitless} times in a row without progress, "
                    f"after {received} of {self.size} bytes (last: {why})"
                )
            log.info("%s: download broke after %d of %d bytes (%s); resuming", self.what, received, self.size, why)
            if fruitless:
                retry = self.client.transport.retry
                await retry.sleep(retry.backoff(fruitless - 1))
            try:
                skip = await self._reopen(received)
            except (MirrorError, httpx.TransportError) as exc:
                if isinstance(exc, SourceStreamError):
                    raise
                raise SourceStreamError(f"{self.what}: resuming the download at byte {received} failed: {exc}") from exc

    async def _reopen(self, start: int) -> int:
        """Open the rest of the blob from `start`; return how many bytes of the new answer to skip."""
        self.resumes += 1
        response = await self._get_again(start)
        if response.status_code == 206 and range_start(response) == start:
            self._response, self._url = response, response.url
            return 0
        if response.status_code == 206:  # a range we did not ask for: ask for the whole blob
            await response.aclose()
            self.budget.spend_get(self.what)
            response = await self.client.open_blob(self.repo, self.digest)
        log.info("%s: the source ignores Range; downloading again from byte 0", self.what)
        self._response, self._url = response, response.url
        return start

    async def _get_again(self, start: int) -> httpx.Response:
        """GET from `start` where the bytes came from; through the registry when that was elsewhere and expired."""
        ours = self.client.url(f"{self.repo}/blobs/{self.digest}")
        if self._url is not None and not same_origin(self._url, ours):
            # A CDN's signed URL: it carries its own authorization, ours must not go there.
            self.budget.spend_get(self.what)
            response = await self.client.transport.send(
                "GET",
                self._url,
                headers={"Accept-Encoding": "identity", "Range": f"bytes={start}-"},
                stream=True,
                purpose=f"resume {self.what}",
            )
            if response.status_code in (200, 206):
                return response
            await response.aclose()
            if response.status_code not in EXPIRED:
                log.info("%s: the redirect target answered HTTP %d", self.what, response.status_code)
        self.budget.spend_get(self.what)
        return await self.client.open_blob(self.repo, self.digest, start=start)
