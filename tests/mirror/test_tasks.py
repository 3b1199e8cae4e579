from __future__ import annotations

import asyncio

import pytest

from ecr_mirror.mirror.tasks import OrderedSlots, gather_all


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
