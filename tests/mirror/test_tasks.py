from __future__ import annotations

import asyncio

import pytest

from ecr_mirror.mirror.tasks import YIELD_EVERY, OrderedSlots, gather_all, yield_every


def test_slots_are_taken_in_list_order_even_when_checks_finish_in_reverse() -> None:
    async def scenario() -> list[int]:
        slots = OrderedSlots(1, 4)
        order: list[int] = []

        async def job(index: int) -> None:
            await asyncio.sleep(0.01 * (4 - index))  # the last job finishes its check first
            if index == 2:  # job 2 needs no copy: it passes its turn
                slots.pass_turn(index)
                return
            async with slots.slot(index):
                order.append(index)
                await asyncio.sleep(0.005)

        await asyncio.gather(*(job(i) for i in range(4)))
        return order

    assert asyncio.run(scenario()) == [0, 1, 3]


def test_gather_all_cancels_siblings_on_failure() -> None:
    async def scenario() -> bool:
        finished = False

        async def slow() -> None:
            nonlocal finished
            await asyncio.sleep(1)
            finished = True

        async def failing() -> None:
            await asyncio.sleep(0.01)
            raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            await gather_all([slow(), failing()])
        await asyncio.sleep(0)
        return finished

    assert asyncio.run(scenario()) is False


def test_gather_all_returns_every_result_in_the_order_given() -> None:
    async def value(v: int, delay: float) -> int:
        await asyncio.sleep(delay)
        return v

    assert asyncio.run(gather_all([value(1, 0.02), value(2, 0), value(3, 0.01)])) == [1, 2, 3]


def test_gather_all_raises_only_once_every_sibling_has_finished_its_cleanup() -> None:
    async def scenario() -> list[str]:
        events: list[str] = []

        async def sibling(name: str) -> None:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                events.append(f"{name} cancelled")
                for _ in range(3):  # a cleanup that takes several turns of the loop
                    await asyncio.sleep(0)
                events.append(f"{name} cleaned up")
                raise

        async def failing() -> None:
            await asyncio.sleep(0.01)
            raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            await gather_all([sibling("first"), failing(), sibling("last")])
        events.append("raised")
        return events

    events = asyncio.run(scenario())
    assert events[-1] == "raised"
    assert sorted(events[:-1]) == ["first cancelled", "first cleaned up", "last cancelled", "last cleaned up"]


def test_yield_every_lets_the_loop_run_once_every_n_items_and_at_no_other() -> None:
    async def turns(count: int, every: int | None) -> list[int]:
        current = -1
        seen: list[int] = []
        done = False

        async def other() -> None:
            while not done:
                seen.append(current)
                await asyncio.sleep(0)

        loop = asyncio.get_running_loop()
        schedule = loop.call_at

        def timed(when: float, *args: object, **kwargs: object) -> asyncio.TimerHandle:
            timers.append(when)  # a sleep of more than 0 s (call_later too) goes through call_at
            return schedule(when, *args, **kwargs)  # type: ignore[arg-type]

        loop.call_at = timed  # type: ignore[method-assign]
        watcher = asyncio.create_task(other())
        await asyncio.sleep(0)  # the watcher's first turn
        for index in range(count):
            current = index
            if every is None:
                await yield_every(index)
            else:
                await yield_every(index, every)
        done = True
        await watcher
        return seen

    timers: list[float] = []
    assert asyncio.run(turns(10, 4)) == [-1, 3, 7]
    assert asyncio.run(turns(3, 1)) == [-1, 0, 1, 2]
    assert asyncio.run(turns(600, None)) == [-1, 255, 511]  # YIELD_EVERY
    assert YIELD_EVERY == 256
    assert timers == []  # each yield is a turn of the loop, never a timed wait


@pytest.mark.parametrize("size", [0, 1, 2])
def test_ordered_slots_admit_at_most_their_size_and_at_least_one(size: int) -> None:
    async def scenario() -> int:
        slots = OrderedSlots(size, 5)
        holding = 0
        most = 0

        async def job(index: int) -> None:
            nonlocal holding, most
            async with slots.slot(index):
                holding += 1
                most = max(most, holding)
                await asyncio.sleep(0.005)
                holding -= 1

        await asyncio.gather(*(job(i) for i in range(5)))
        return most

    assert asyncio.run(scenario()) == max(1, size)
