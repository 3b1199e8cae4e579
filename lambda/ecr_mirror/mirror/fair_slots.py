"""Blob slots shared fairly between sources: one slow source cannot hold the run's transfers to itself.

A plain semaphore hands slots out first come, first served: a source whose twelve layers trickle takes every slot,
and the blobs of every other source queue behind its own waiting layers. Here each waiter names its source; a slot
that frees goes to the waiting source that holds the fewest (the longest-waiting source among equals, each source's
waiters in order), so no source is given a slot beyond its share while another waits. With one source only, it
gets every slot: fairness costs an honest run nothing. A source that holds slots and does not move is ended by the
stall rule (oci/waits.py), which gives its slots back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter, deque
from collections.abc import AsyncIterator


class FairSlots:
    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.held: Counter[str] = Counter()  # source -> slots it holds
        self._in_use = 0
        self._waiting: dict[str, deque[asyncio.Future[None]]] = {}  # by when the source began waiting

    @contextlib.asynccontextmanager
    async def slot(self, source: str) -> AsyncIterator[None]:
        await self.acquire(source)
        try:
            yield
        finally:
            self.release(source)

    async def acquire(self, source: str) -> None:
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(source, deque()).append(granted)
        self._grant()
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():  # granted, but cancelled before it could run
                self.release(source)
            else:
                self._forget(source, granted)
            raise

    def release(self, source: str) -> None:
        self.held[source] -= 1
        if self.held[source] <= 0:
            del self.held[source]
        self._in_use -= 1
        self._grant()

    def _grant(self) -> None:
        while self._in_use < self.size and self._waiting:
            source = min(self._waiting, key=lambda s: self.held[s])  # ties: the first in waiting order
            queue = self._waiting[source]
            granted = queue.popleft()
            if not queue:
                del self._waiting[source]
            if granted.done():  # cancelled while waiting
                continue
            self.held[source] += 1
            self._in_use += 1
            granted.set_result(None)

    def _forget(self, source: str, granted: asyncio.Future[None]) -> None:
        queue = self._waiting.get(source)
        if queue is not None and granted in queue:
            queue.remove(granted)
            if not queue:
                del self._waiting[source]
