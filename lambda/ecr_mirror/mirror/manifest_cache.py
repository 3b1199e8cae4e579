"""Source manifests fetched in this run, by digest: each is fetched once, whatever asks for it again.

A registry that sends no Docker-Content-Digest on HEAD is read by tag to learn the digest; the copy then needs
the same manifest by digest. A copy retried after the target's repository was created needs the whole tree
again. Both are served from here, so Docker Hub counts one pull per manifest.

A GET in flight is shared by every asker and outlives an asker's cancellation: when a copy fails (say the target's
repository is missing) its siblings are cancelled, and a child manifest the source was already sending would
otherwise be asked for again by the retry, one more pull. Its answer is kept here instead; `aclose` at the end of
the run cancels what nobody waits for any more.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import partial

from ecr_mirror.oci.manifest import Manifest

Key = tuple[str, str, str]  # (registry, repository, digest)
MAX_CACHED_BYTES = 64 * 1024 * 1024  # the oldest are dropped beyond this; manifests are usually a few KiB


class ManifestCache:
    def __init__(self, max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, Manifest] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Key, asyncio.Future[Manifest]] = {}

    async def fetch_once(self, key: Key, fetch: Callable[[], Awaitable[Manifest]]) -> Manifest:
        """The manifest under `key`: from the cache, from the GET already in flight, or from a GET sent now by
        `fetch`; concurrent askers wait for one GET instead of sending their own."""
        cached = self.get(key)
        if cached is not None:
            return cached
        pending = self._pending.get(key)
        joined = pending is not None
        if pending is None:
            pending = asyncio.ensure_future(fetch())
            self._pending[key] = pending
            pending.add_done_callback(partial(self._settle, key))
        try:
            return await asyncio.shield(pending)
        except Exception:
            if not joined:
                raise
            # Another asker's GET failed, maybe for a reason of its own (its image's manifest cap): send ours.
            return await self.fetch_once(key, fetch)

    def _settle(self, key: Key, done: asyncio.Future[Manifest]) -> None:
        if self._pending.get(key) is done:
            del self._pending[key]
        # exception() also marks a failure nobody awaited any more as seen (no "never retrieved" warning).
        if not done.cancelled() and done.exception() is None:
            self.put(key, done.result())

    async def aclose(self) -> None:
        """Cancel the GETs still in flight (their askers are gone) and wait for them to end."""
        pending = list(self._pending.values())
        for future in pending:
            future.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def get(self, key: Key) -> Manifest | None:
        manifest = self._items.get(key)
        if manifest is not None:
            self._items.move_to_end(key)
        return manifest

    def put(self, key: Key, manifest: Manifest) -> None:
        if key in self._items or len(manifest.data) > self.max_bytes:
            return
        self._items[key] = manifest
        self._bytes += len(manifest.data)
        while self._bytes > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self._bytes -= len(dropped.data)
