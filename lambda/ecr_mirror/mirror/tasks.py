"""Running awaitables side by side."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Iterable
from typing import TypeVar

T = TypeVar("T")
YIELD_EVERY = 256  # items of a long loop between two turns of the event loop


async def yield_every(index: int, every: int = YIELD_EVERY) -> None:
    """In a loop over untrusted input: let the event loop run (the run's deadline, other images) every `every`
    items, so no input, however long, holds the loop for its whole length."""
    if index % every == every - 1:
        await asyncio.sleep(0)


async def gather_all(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """asyncio.gather, except that a failure cancels the siblings instead of leaving them running behind it."""
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


class OrderedSlots:
    """At most `size` holders at once, admitted in index order: job i queues only after jobs 0..i-1 have queued
    or given up their turn. Checks run side by side, yet copies still start in the order of the user's list, which
    is their priority when the pull quota or the time budget runs out."""

    def __init__(self, size: int, count: int) -> None:
        self._slots = asyncio.Semaphore(max(1, size))
        self._turns = [asyncio.Event() for _ in range(count)]

    def pass_turn(self, index: int) -> None:
        """Job `index` needs no slot (or is done): later jobs need not wait for it."""
        self._turns[index].set()

    @contextlib.asynccontextmanager
    async def slot(self, index: int) -> AsyncIterator[None]:
        for turn in self._turns[:index]:
            await turn.wait()
        self.pass_turn(index)
        async with self._slots:  # asyncio.Semaphore is FIFO: queued in the order the turns were taken
            yield
