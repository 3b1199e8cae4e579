"""Retry-After at its limits: a wait up to the policy's maximum (60 s) is waited, one second more defers the image;
a wait that reaches the time left in the budget defers it too. The waits are recorded, not slept."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from ecr_mirror.errors import RateLimitedError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy

from .helpers import error_body, first, is_tag_put, job, one, recording, run, tag_digest


@pytest.mark.parametrize(
    ("retry_after", "time_left", "copied", "message"),
    [
        (60, None, True, ""),
        (61, None, False, "HTTP 503, the registry asks to wait 61s"),  # the request it answered named before
        (29, 30.0, True, ""),
        (30, 30.0, False, "HTTP 503, the registry asks to wait 30s, more than the 30s left in the time budget"),
    ],
    ids=["max-waited", "over-max-deferred", "under-budget-waited", "budget-reached-deferred"],
)
def test_retry_after_is_waited_up_to_its_limits(
    retry_after: int,
    time_left: float | None,
    copied: bool,
    message: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    push_image(source_registry, "lib/ra", oci_image(seed="retry-after"), tags=["1"])
    target = proxy_factory(target_registry.host)
    busy = Action(status=503, headers={"Retry-After": str(retry_after)}, body=error_body("UNAVAILABLE", "later"))
    target.rules.append(first(1, is_tag_put, busy))
    retry, waits = recording()
    options = {"time_left": (lambda: time_left), "image_time_margin": 0.0} if time_left is not None else {}

    result = one(
        run([job(f"{source_registry.host}/lib/ra:1", f"{target.host}/m/ra:1")], retry=retry, **options)  # type: ignore[arg-type]
    )

    if copied:
        assert result.status is Status.COPIED, result
        assert waits == [float(retry_after)]
        assert tag_digest(target_registry.host, "m/ra", "1") == result.digest
    else:
        assert result.status is Status.DEFERRED, result
        assert message in (result.error or ""), result.error
        assert waits == []
        assert tag_digest(target_registry.host, "m/ra", "1") is None


@pytest.mark.parametrize(
    ("hinted", "time_left", "message"),
    [
        (61.0, None, "PUT x: HTTP 429, the registry asks to wait 61s"),
        (5.0, lambda: 0.3, "PUT x: HTTP 429, the registry asks to wait 5s, more than the 0s left in the time budget"),
        (5.0, lambda: -2.0, "asks to wait 5s, more than the 0s left"),
    ],
    ids=["over-max", "budget-under-a-second", "budget-overspent"],
)
def test_a_deferral_names_the_wait_asked_for_and_keeps_it(
    hinted: float, time_left: Callable[[], float] | None, message: str
) -> None:
    transport = Transport(policy=UrlPolicy(), time_left=time_left)
    with pytest.raises(RateLimitedError) as info:
        transport.allowed_wait(hinted, "PUT x: HTTP 429")
    assert message in str(info.value)
    assert info.value.retry_after == hinted  # when the image may be tried again
    asyncio.run(transport.aclose())


def test_backoff_is_full_jitter_under_a_cap_that_doubles_each_attempt() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=20.0)
    for attempt, cap in [(0, 0.5), (1, 1.0), (3, 4.0), (5, 16.0), (9, 20.0)]:
        waits = [policy.backoff(attempt) for _ in range(300)]
        assert all(0.0 <= w <= cap for w in waits), (attempt, min(waits), max(waits))
        assert max(waits) > cap / 2 and min(waits) < cap / 2, (attempt, waits)  # spread over the whole range
