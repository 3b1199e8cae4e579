"""A check HEADs the source and the target tag at once: one round trip of wait per image, not two.

The source's HEAD is held until the target's HEAD for the same tag has arrived (an event, at most a few seconds):
a planner that asks the target only after the source answered finds the hold run out, and the test says so.
"""

from __future__ import annotations

import threading

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.transport import RetryPolicy
from tests.mirror.helpers import job, run
from tests.support.proxy import Action, InterposingProxy, Seen

HOLD = 5.0  # seconds the source's HEAD waits for the target's; only a planner that never asks runs it out


def test_source_and_target_heads_overlap(source_registry: LocalRegistry, target_registry: LocalRegistry) -> None:
    desc = push_image(source_registry, "lib/app", oci_image(seed="heads-at-once"), tags=["1"])
    push_image(target_registry, "m/lib/app", oci_image(seed="heads-at-once"), tags=["1"])
    target_asked = threading.Event()
    held: list[bool] = []

    def hold_source(seen: Seen) -> Action | None:
        if seen.method == "HEAD" and "/manifests/" in seen.path:
            held.append(target_asked.wait(HOLD))
        return None

    def note_target(seen: Seen) -> Action | None:
        if seen.method == "HEAD" and seen.path.endswith("/m/lib/app/manifests/1"):
            target_asked.set()
        return None

    with InterposingProxy(source_registry.host) as src, InterposingProxy(target_registry.host) as dst:
        src.rules.append(hold_source)
        dst.rules.append(note_target)
        report = run([job(f"{src.host}/lib/app:1", f"{dst.host}/m/lib/app:1")])
    result = report.images[0]
    assert result.status is Status.SKIPPED, result.detail
    assert result.digest == desc.digest
    assert held == [True], "the target's HEAD came only after the source had answered"


def test_a_missing_source_is_what_the_report_says_though_the_target_failed_too(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    with InterposingProxy(target_registry.host) as dst:
        dst.rules.append(lambda seen: Action(status=500, body=b"down") if seen.method == "HEAD" else None)
        report = run(
            [job(f"{source_registry.host}/lib/nosuch:1", f"{dst.host}/m/lib/nosuch:1")], retry=RetryPolicy(attempts=1)
        )
    result = report.images[0]
    assert result.status is Status.FAILED
    assert "source image" in (result.error or "") and "not found" in (result.error or ""), result.error


def test_a_failing_target_is_reported_when_the_source_answered(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    push_image(source_registry, "lib/app", oci_image(seed="heads-target-down"), tags=["1"])
    with InterposingProxy(target_registry.host) as dst:
        dst.rules.append(lambda seen: Action(status=500, body=b"down") if seen.method == "HEAD" else None)
        report = run(
            [job(f"{source_registry.host}/lib/app:1", f"{dst.host}/m/lib/app:1")], retry=RetryPolicy(attempts=1)
        )
    result = report.images[0]
    assert result.status is Status.FAILED
    assert "500" in (result.error or ""), result.error
    assert not result.checked
