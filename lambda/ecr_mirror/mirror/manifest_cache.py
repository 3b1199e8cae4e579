"""Source manifests fetched in this run, by digest: each is fetched once, whatever asks for it again.

A registry that sends no Docker-Content-Digest on HEAD is read by tag to learn the digest; the copy then needs
the same manifest by digest. A copy retried after the target's repository was created needs the whole tree
again. Both are served from here, so Docker Hub counts one pull per manifest.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, defaultdict

from ecr_mirror.oci.manifest import Manifest

Key = tuple[str, str, str]  # (registry, repository, digest)
MAX_CACHED_BYTES = 64 * 1024 * 1024  # the oldest are dropped beyond this; manifests are usually a few KiB


class ManifestCache:
    def __init__(self, max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, Manifest] = OrderedDict()
        self._bytes = 0
        self._locks: defaultdict[Key, asyncio.Lock] = defaultdict(asyncio.Lock)

    def lock(self, key: Key) -> asyncio.Lock:
        """Held while fetching `key`, so concurrent askers wait for one GET instead of sending their own."""
        return self._locks[key]

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
