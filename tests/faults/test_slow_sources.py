"""One slow source cannot starve the others: a source whose layers trickle loses its transfers to the stall rule,
and the blob slots it held go to an honest image from another registry."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.waits import WaitLimits
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import (
    DIGEST_IN_PATH,
    blob_file,
    failed_with,
    is_blob_get,
    is_manifest,
    job,
    nothing_tagged,
    run,
    tag_digest,
)

# Small limits so that the test takes seconds: a body must move 512 bytes a second, measured over 1 s windows.
WAITS = WaitLimits(headers=5.0, stall_window=1.0, stall_floor=512.0)
TRICKLE_EVERY = 0.5  # seconds between two bytes of a trickling layer: 2 bytes/s


def _trickle(data: bytes, step: int, every: float) -> Callable[[], Iterator[bytes]]:
    def produce() -> Iterator[bytes]:
        for i in range(0, len(data), step):
            yield data[i : i + step]
            time.sleep(every)

    return produce


def _trickling_blobs(
    registry: LocalRegistry, step: int = 1, every: float = TRICKLE_EVERY
) -> Callable[[Seen], Action | None]:
    """Every blob answered 200 with its true length, `step` bytes every `every` seconds."""

    def rule(seen: Seen) -> Action | None:
        found = DIGEST_IN_PATH.search(seen.path)
        if not is_blob_get(seen) or not found:
            return None
        data = blob_file(registry, found.group(0)).read_bytes()
        headers = {"Content-Length": str(len(data)), "Content-Type": "application/octet-stream"}
        return Action(status=200, headers=headers, stream=_trickle(data, step, every))

    return rule


def test_a_trickling_source_fails_by_the_stall_rule_and_an_honest_image_elsewhere_is_copied(
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    slow_registry, honest_registry = registry_factory(), registry_factory()
    slow_desc = push_image(slow_registry, "lib/slow", oci_image((2000,) * 12, seed="trickle"), tags=["1"])
    honest_desc = push_image(honest_registry, "lib/honest", oci_image((300_000, 5000), seed="honest"), tags=["1"])
    slow = proxy_factory(slow_registry.host)
    slow.rules.append(_trickling_blobs(slow_registry))
    honest = proxy_factory(honest_registry.host)
    # The honest image comes second: by the time it needs blob slots, the trickling layers hold every one of them.
    honest.rules.append(lambda s: Action(delay=1.0) if is_manifest(s, "GET") else None)

    report = run(
        [
            job(f"{slow.host}/lib/slow:1", f"{target_registry.host}/m/slow:1"),
            job(f"{honest.host}/lib/honest:1", f"{target_registry.host}/m/honest:1"),
        ],
        waits=WAITS,
        deadline=60.0,  # ends the run on an engine without the stall rule (there, the honest image is deferred)
    )

    slow_result, honest_result = report.images
    assert honest_result.status is Status.COPIED, report.to_dict()
    assert tag_digest(target_registry.host, "m/honest", "1") == honest_desc.digest
    for blob in honest_desc.blobs:  # each of its blobs fetched once: nothing restarted, nothing resumed
        assert len(honest.requests("GET", blob.digest)) == 1, blob.digest
    failed_with(slow_result, "stalled", "under the floor of 512 bytes/s")
    nothing_tagged(target_registry, "m/slow")
    trickled = [len(slow.requests("GET", blob.digest)) for blob in slow_desc.blobs]
    assert 1 <= sum(trickled) <= 6 + 1, trickled  # at most the slots it held (and one granted as it failed)
    assert max(trickled) == 1, trickled  # a stall is neither resumed nor restarted


def test_a_slow_source_above_the_floor_is_copied_however_many_windows_it_takes(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """2,000 bytes/s against a floor of 512: each 1 s window has its share, for the 2.5 s the layer takes."""
    desc = push_image(source_registry, "lib/steady", oci_image((5000,), seed="steady"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(_trickling_blobs(source_registry, step=200, every=0.1))
    report = run([job(f"{source.host}/lib/steady:1", f"{target_registry.host}/m/steady:1")], waits=WAITS)
    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert tag_digest(target_registry.host, "m/steady", "1") == desc.digest
    for blob in desc.blobs:
        assert len(source.requests("GET", blob.digest)) == 1, blob.digest


def test_a_freed_blob_slot_goes_to_the_source_holding_none_not_to_the_slow_sources_queue(
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    """A source whose 13 blobs each answer after 2 s (slow, not stalled) holds all 6 slots, 7 more queued; an
    honest image's 2 blobs arrive meanwhile. They get the next slots that free, not the ones after all 13."""
    slow_registry, honest_registry = registry_factory(), registry_factory()
    slow_desc = push_image(slow_registry, "lib/slow", oci_image((2000,) * 12, seed="fair-slow"), tags=["1"])
    honest_desc = push_image(honest_registry, "lib/honest", oci_image((3000,), seed="fair-honest"), tags=["1"])
    order: list[str] = []  # blob GETs at either source, as they arrive
    lock = threading.Lock()

    def noting(name: str, action: Action | None) -> Callable[[Seen], Action | None]:
        def rule(seen: Seen) -> Action | None:
            if not is_blob_get(seen):
                return None
            with lock:
                order.append(name)
            return action

        return rule

    slow = proxy_factory(slow_registry.host)
    slow.rules.append(noting("slow", Action(delay=2.0)))
    honest = proxy_factory(honest_registry.host)
    honest.rules.append(lambda s: Action(delay=0.5) if is_manifest(s, "GET") else None)
    honest.rules.append(noting("honest", None))

    report = run(
        [
            job(f"{slow.host}/lib/slow:1", f"{target_registry.host}/m/slow:1"),
            job(f"{honest.host}/lib/honest:1", f"{target_registry.host}/m/honest:1"),
        ],
        waits=WAITS,
    )

    assert [r.status for r in report.images] == [Status.COPIED, Status.COPIED], report.to_dict()
    assert tag_digest(target_registry.host, "m/slow", "1") == slow_desc.digest
    assert tag_digest(target_registry.host, "m/honest", "1") == honest_desc.digest
    assert order[:6] == ["slow"] * 6, order  # the slow source took every slot first
    assert order.count("honest") == len(honest_desc.blobs) == 2
    # First come, first served would give the honest blobs slots 14 and 15, after every slow blob.
    assert order[-1] == "slow", order
