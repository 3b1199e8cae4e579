"""Every wait on a registry is bounded: the answer's headers must come within a time, its body must keep moving.

A server that accepts a request and never answers, or answers a byte now and then, would otherwise hold its
connection, its blob slot and its image for as long as it likes: the per-read timeout of the HTTP client is reset
by every byte. Two rules bound it, whatever the server does:

- **Headers**: the response's status line and headers arrive within `WaitLimits.headers` seconds of the request
  (`after_upload` seconds of its last body byte, for a streamed upload), else the request fails as a timeout
  (and is retried as one).
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
    after_upload: float = 120.0  # the same from a streamed upload's last byte (a registry may verify a big blob first)
    stall_window: float = 30.0  # seconds over which a body's throughput is measured
    stall_floor: float = 4096.0  # bytes per second a body must move, on average over each window

    @property
    def window_bytes(self) -> int:
        return max(1, int(self.stall_floor * self.stall_window))


class StallGuard(httpx.AsyncByteStream):
    """A response body that raises StallError when a window passes with fewer than the floor's bytes in it.

    One timer per window, not per read (a timer per read cost a blob copy more CPU than the rest of this layer):
    each chunk only counts its bytes, and a window that has its share starts the next one. When the timer finds
    its window over, it re-arms for the next one if that started, or else ends the body: a read in progress is
    cancelled (and the cancellation becomes StallError), and a reader busy elsewhere (uploading the last chunk)
    gets StallError at its next read.
    """

    def __init__(self, stream: httpx.AsyncByteStream, limits: WaitLimits, what: str) -> None:
        self._stream = stream
        self._limits = limits
        self._what = what
        self._ends = 0.0  # loop time at which the current window ends
        self._moved = 0  # bytes in the current window
        self._reading = False
        self._stalled = False
        self._cancelling: int | None = None  # the task's cancellation count before the stall cancelled its read
        self._timer: asyncio.TimerHandle | None = None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        window, needed = self._limits.stall_window, self._limits.window_bytes
        chunks = aiter(self._stream)
        self._ends = loop.time() + window
        self._timer = loop.call_at(self._ends, self._check, loop, task)
        try:
            while True:
                if self._stalled:
                    raise self._stall()
                self._reading = True
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    return
                except asyncio.CancelledError:
                    if self._cancelling is not None and task.uncancel() <= self._cancelling:
                        raise self._stall() from None
                    raise
                finally:
                    self._reading = False
                self._moved += len(chunk)
                if self._moved >= needed:  # this window has its share: the next one starts now
                    self._ends, self._moved = loop.time() + window, 0
                yield chunk
        finally:
            self._timer.cancel()

    def _check(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[object]) -> None:
        if loop.time() < self._ends:  # a window with its share ended meanwhile: watch the one now running
            self._timer = loop.call_at(self._ends, self._check, loop, task)
            return
        self._stalled = True
        if self._reading:
            self._cancelling = task.cancelling()
            task.cancel()

    def _stall(self) -> StallError:
        limits = self._limits
        return StallError(
            f"{self._what}: stalled: {self._moved} bytes in {limits.stall_window:g}s, under the floor of "
            f"{limits.stall_floor:g} bytes/s; given up so that other transfers can go on"
        )

    async def aclose(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        await self._stream.aclose()


async def then(chunks: AsyncIterator[bytes], done: Callable[[], None]) -> AsyncIterator[bytes]:
    """`chunks`, calling `done` once the last one has been taken (a streamed upload's body has been sent)."""
    async for chunk in chunks:
        yield chunk
    done()
