"""Every wait on a registry is bounded: the answer's headers must come within a time, its body must keep moving.

A server that accepts a request and never answers, or answers a byte now and then, would otherwise hold its
connection, its blob slot and its image for as long as it likes: the per-read timeout of the HTTP client is reset
by every byte. Two rules bound it, whatever the server does:

- **Headers**: the response's status line and headers arrive within `WaitLimits.headers` seconds of the request
  (of its last body byte, for a streamed upload), else the request fails as a timeout (and is retried as one).
- **Stall**: a body moves at least `stall_floor` bytes per second, measured over windows of `stall_window`
  seconds; a body that moves less in a whole window is a stall (StallError), which fails its transfer at once (no
  resume, no retry), so its slot goes back to the run. The floor is far below any working link: a stall is a
  source that trickles, not one that is slow.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx

from ecr_mirror.errors import StallError


@dataclass(frozen=True)
class WaitLimits:
    headers: float = 30.0  # seconds from a request sent to its response headers
    stall_window: float = 30.0  # seconds over which a body's throughput is measured
    stall_floor: float = 4096.0  # bytes per second a body must move, on average over each window

    @property
    def window_bytes(self) -> int:
        return max(1, int(self.stall_floor * self.stall_window))


class StallGuard(httpx.AsyncByteStream):
    """A response body that raises StallError when a window passes with fewer than the floor's bytes in it."""

    def __init__(self, stream: httpx.AsyncByteStream, limits: WaitLimits, what: str) -> None:
        self._stream = stream
        self._limits = limits
        self._what = what

    async def __aiter__(self) -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        window, needed = self._limits.stall_window, self._limits.window_bytes
        chunks = aiter(self._stream)
        ends = loop.time() + window
        moved = 0
        while True:
            # One timer per read, never across a yield: the time the reader spends with a chunk (uploading it)
            # counts against the window, but only a read is ever interrupted.
            try:
                async with asyncio.timeout_at(ends):
                    chunk = await anext(chunks)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise StallError(
                    f"{self._what}: stalled: {moved} bytes in {window:g}s, under the floor of "
                    f"{self._limits.stall_floor:g} bytes/s; given up so that other transfers can go on"
                ) from None
            moved += len(chunk)
            if moved >= needed:  # this window has its share: the next one starts now
                ends, moved = loop.time() + window, 0
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


async def then(chunks: AsyncIterator[bytes], done: Callable[[], None]) -> AsyncIterator[bytes]:
    """`chunks`, calling `done` once the last one has been taken (a streamed upload's body has been sent)."""
    async for chunk in chunks:
        yield chunk
    done()
