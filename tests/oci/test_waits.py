"""The stall rule on a body, by itself: a read that waits too long is ended, and so is a reader that dawdles."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from ecr_mirror.errors import StallError
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from ecr_mirror.oci.waits import StallGuard, WaitLimits
from tests.support.proxy import Action, InterposingProxy

LIMITS = WaitLimits(stall_window=0.2, stall_floor=100.0)  # 20 bytes per 0.2 s window


class _Body(httpx.AsyncByteStream):
    """`chunks`, each after its pause (seconds); a pause of None never ends."""

    def __init__(self, *chunks: tuple[float | None, bytes]) -> None:
        self.chunks = chunks
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for pause, chunk in self.chunks:
            if pause is None:
                await asyncio.Event().wait()
            await asyncio.sleep(pause or 0)
            yield chunk

    async def aclose(self) -> None:
        self.closed = True


async def _read(guard: StallGuard, dawdle: float = 0.0) -> list[bytes]:
    got = []
    async for chunk in guard:
        got.append(chunk)
        await asyncio.sleep(dawdle)
    return got


def test_a_read_that_never_ends_is_ended_by_the_stall_rule() -> None:
    guard = StallGuard(_Body((0, b"x" * 5), (None, b"")), LIMITS, "GET blob x")
    with pytest.raises(StallError, match=r"GET blob x: stalled: 5 bytes in 0.2s, under the floor of 100 bytes/s"):
        asyncio.run(asyncio.wait_for(_read(guard), timeout=10))


def test_a_reader_busy_past_the_window_gets_the_stall_at_its_next_read() -> None:
    guard = StallGuard(_Body((0, b"x" * 5), (0, b"y" * 5)), LIMITS, "GET blob y")
    with pytest.raises(StallError, match="stalled"):
        asyncio.run(_read(guard, dawdle=0.5))


def test_a_body_above_the_floor_passes_however_many_windows_it_takes() -> None:
    body = _Body(*[(0.05, b"z" * 10) for _ in range(20)])  # 200 bytes/s for a second: five windows
    assert b"".join(asyncio.run(_read(StallGuard(body, LIMITS, "GET blob z")))) == b"z" * 200


def test_a_window_that_had_its_share_is_followed_by_the_next_one() -> None:
    """The first window's bytes arrive, then nothing: the timer of the first window, finding the second one running,
    watches that one, which ends the body."""
    limits = WaitLimits(stall_window=0.5, stall_floor=40.0)  # 20 bytes per 0.5 s window
    guard = StallGuard(_Body((0.1, b"x" * 25), (None, b"")), limits, "GET blob v")
    with pytest.raises(StallError, match=r"GET blob v: stalled: 0 bytes in 0.5s"):
        asyncio.run(asyncio.wait_for(_read(guard), timeout=10))


def test_a_cancellation_from_outside_stays_a_cancellation() -> None:
    async def scenario() -> None:
        guard = StallGuard(_Body((None, b"")), WaitLimits(stall_window=30.0), "GET blob w")
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.1):  # the run's deadline, say
                await _read(guard)

    asyncio.run(scenario())


def test_the_wait_for_a_free_connection_of_our_own_does_not_count_against_the_server() -> None:
    """The header limit bounds the server; a request queued behind our own busy connection is not its fault."""
    with InterposingProxy(None) as server:
        server.rules.append(lambda seen: Action(status=200, body=b"ok"))

        async def scenario() -> int:
            transport = Transport(
                policy=UrlPolicy(plain_http=True),
                retry=RetryPolicy(attempts=1),
                max_connections=1,
                waits=WaitLimits(headers=0.3),
            )
            transport.trust(server.host)
            try:
                first = await transport.send("GET", f"{server.url}/v2/a", stream=True)  # holds the only connection
                second = asyncio.create_task(transport.send("GET", f"{server.url}/v2/b"))
                await asyncio.sleep(0.8)  # queued for longer than the header limit
                await first.aclose()
                return (await second).status_code
            finally:
                await transport.aclose()

        assert asyncio.run(scenario()) == 200
        assert [s.path for s in server.requests()] == ["/v2/a", "/v2/b"]
