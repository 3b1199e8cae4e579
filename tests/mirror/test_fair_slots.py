"""Blob slots shared between sources: a freed slot goes to the waiting source that holds the fewest."""

from __future__ import annotations

import asyncio

from ecr_mirror.mirror.fair_slots import FairSlots


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_slow_source_holding_every_slot_gets_none_back_while_another_waits() -> None:
    async def scenario() -> list[str]:
        slots = FairSlots(3)
        order: list[str] = []
        done = {name: asyncio.Event() for name in ("slow0", "slow1", "slow2", "slow3", "slow4", "fast0", "fast1")}

        async def transfer(source: str, name: str) -> None:
            async with slots.slot(source):
                order.append(name)
                await done[name].wait()

        tasks = [asyncio.create_task(transfer("slow", f"slow{i}")) for i in range(5)]
        await _settle()
        tasks += [asyncio.create_task(transfer("fast", f"fast{i}")) for i in range(2)]
        await _settle()
        assert order == ["slow0", "slow1", "slow2"] and slots.held == {"slow": 3}
        done["slow0"].set()  # a slot frees: the source holding none gets it, not slow's own waiters
        await _settle()
        done["fast0"].set()  # fast still holds fewer (0 after this) than slow (2): its next blob goes first
        await _settle()
        for event in done.values():
            event.set()
        await asyncio.gather(*tasks)
        assert not slots.held
        return order

    assert asyncio.run(scenario()) == ["slow0", "slow1", "slow2", "fast0", "fast1", "slow3", "slow4"]


def test_one_source_alone_gets_every_slot() -> None:
    async def scenario() -> int:
        slots = FairSlots(4)
        held = 0
        peak = 0
        release = asyncio.Event()

        async def transfer() -> None:
            nonlocal held, peak
            async with slots.slot("only"):
                held += 1
                peak = max(peak, held)
                await release.wait()
                held -= 1

        tasks = [asyncio.create_task(transfer()) for _ in range(6)]
        await _settle()
        release.set()
        await asyncio.gather(*tasks)
        return peak

    assert asyncio.run(scenario()) == 4


def test_a_waiter_cancelled_before_or_after_its_grant_leaves_no_slot_taken() -> None:
    async def scenario() -> None:
        slots = FairSlots(1)
        await slots.acquire("a")
        waiting = asyncio.create_task(slots.acquire("b"))
        await _settle()
        waiting.cancel()  # cancelled while waiting
        await asyncio.gather(waiting, return_exceptions=True)
        granted = asyncio.create_task(slots.acquire("c"))
        await _settle()
        slots.release("a")  # grants c, which is cancelled before it runs
        granted.cancel()
        await asyncio.gather(granted, return_exceptions=True)
        assert not slots.held
        await asyncio.wait_for(slots.acquire("d"), timeout=5)
        assert slots.held == {"d": 1}

    asyncio.run(scenario())


def test_a_source_whose_waiters_were_all_cancelled_waits_again_behind_the_others() -> None:
    """Its cancelled waiter is forgotten: waiting again, it queues after a source that waited meanwhile, and the
    cancellation ends its task as a cancellation."""

    async def scenario() -> list[str]:
        slots = FairSlots(1)
        order: list[str] = []
        await slots.acquire("holder")
        early = asyncio.create_task(slots.acquire("a"))
        await _settle()
        early.cancel()
        (outcome,) = await asyncio.gather(early, return_exceptions=True)
        assert isinstance(outcome, asyncio.CancelledError)

        async def wait(source: str) -> None:
            await slots.acquire(source)
            order.append(source)
            slots.release(source)

        tasks = [asyncio.create_task(wait("b"))]
        await _settle()
        tasks.append(asyncio.create_task(wait("a")))
        await _settle()
        slots.release("holder")
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["b", "a"]


def test_a_waiter_cancelled_just_before_a_release_passes_it_over() -> None:
    async def scenario() -> None:
        slots = FairSlots(1)
        await slots.acquire("holder")
        early = asyncio.create_task(slots.acquire("a"))
        await _settle()
        early.cancel()
        slots.release("holder")  # before the cancelled waiter's task runs again: the slot is not given to it
        (outcome,) = await asyncio.gather(early, return_exceptions=True)
        assert isinstance(outcome, asyncio.CancelledError)
        assert not slots.held
        await asyncio.wait_for(slots.acquire("b"), timeout=5)
        assert slots.held == {"b": 1}

    asyncio.run(scenario())


def test_a_freed_slot_goes_to_the_source_holding_fewer_though_the_releasing_source_waited_first() -> None:
    async def scenario() -> None:
        slots = FairSlots(2)
        await slots.acquire("a")
        await slots.acquire("a")
        a_third = asyncio.create_task(slots.acquire("a"))
        await _settle()
        b_first = asyncio.create_task(slots.acquire("b"))
        await _settle()
        assert slots.held == {"a": 2} and not a_third.done() and not b_first.done()
        slots.release("a")  # a holds 1, b holds 0: b's waiter is granted, a's still waits
        await _settle()
        assert slots.held == {"a": 1, "b": 1}
        assert b_first.done() and not a_third.done()
        slots.release("b")  # a holds 1, nobody else waits: a's waiter is granted
        await _settle()
        assert a_third.done() and slots.held == {"a": 2}
        slots.release("a")
        slots.release("a")
        assert not slots.held

    asyncio.run(scenario())


def test_a_cancelled_waiter_at_the_head_of_the_queue_does_not_hold_back_the_next_one() -> None:
    async def scenario() -> None:
        slots = FairSlots(1)
        await slots.acquire("holder")
        early = asyncio.create_task(slots.acquire("a"))
        await _settle()
        late = asyncio.create_task(slots.acquire("b"))
        await _settle()
        early.cancel()
        slots.release("holder")  # the cancelled waiter comes first: passed over, the slot goes to the next one
        (outcome,) = await asyncio.gather(early, return_exceptions=True)
        assert isinstance(outcome, asyncio.CancelledError)
        await asyncio.wait_for(late, timeout=5)
        assert slots.held == {"b": 1}

    asyncio.run(scenario())
