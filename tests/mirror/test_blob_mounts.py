"""A blob this run already put in a sibling repository of the target is mounted from it; when the target refuses
the mount, the bytes are read back from that sibling at the target, not pulled from the source again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.fair_slots import FairSlots
from ecr_mirror.mirror.report import Status
from tests.faults.helpers import job, run
from tests.support.proxy import Action, InterposingProxy, Seen

KiB = 1024


class MountRefused:
    """A target that never mounts: a POST asking for a mount opens a plain upload session instead (202)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.proxy_host = ""
        self.refused: list[tuple[str, str]] = []  # (digest, from) of each mount asked for

    def __call__(self, seen: Seen) -> Action | None:
        parts = urlsplit(seen.path)
        query = parse_qs(parts.query)
        if seen.method != "POST" or "mount" not in query:
            return None
        self.refused.append((query["mount"][0], query["from"][0]))
        answer = httpx.post(f"http://{self.upstream}{parts.path}", headers={"Content-Length": "0"})
        location = answer.headers["location"].replace(f"http://{self.upstream}", f"http://{self.proxy_host}")
        return Action(status=202, headers={"Location": location, "Content-Length": "0"})


def test_a_refused_mount_reads_the_blob_back_from_the_sibling_at_the_target(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
    target_proxy: InterposingProxy,
) -> None:
    content = oci_image((200 * KiB,), seed="mounts")
    first = push_image(source_registry, "lib/first", content, tags=["1"])
    push_image(source_registry, "lib/second", content, tags=["1"])
    refuse = MountRefused(target_registry.host)
    refuse.proxy_host = target_proxy.host
    target_proxy.rules.append(refuse)
    report = run(
        [
            job(f"{source_proxy.host}/lib/first:1", f"{target_proxy.host}/m/first:1"),
            job(f"{source_proxy.host}/lib/second:1", f"{target_proxy.host}/m/second:1"),
        ],
        image_concurrency=1,
    )
    assert [r.status for r in report.images] == [Status.COPIED, Status.COPIED], report.to_dict()
    assert inspect_digest(f"{target_registry.host}/m/second:1") == first.digest
    blobs = sorted(b.digest for b in first.blobs)
    assert sorted(digest for digest, _ in refuse.refused) == blobs  # each asked to mount from the sibling
    assert {sibling for _, sibling in refuse.refused} == {"m/first"}
    source_gets = sorted(s.path.rsplit("/", 1)[-1] for s in source_proxy.requests("GET", "/blobs/"))
    assert source_gets == blobs  # each blob pulled from the source once, for the first image only
    read_back = sorted(s.path.rsplit("/", 1)[-1] for s in target_proxy.requests("GET", "/v2/m/first/blobs/"))
    assert read_back == blobs  # the second image's copies read from the sibling at the target
    assert "blobs: 2 copied" in (report.images[1].detail or ""), report.images[1].detail


def test_a_blob_put_in_a_sibling_this_run_is_mounted_and_not_asked_about_again(
    source_registry: LocalRegistry, target_registry: LocalRegistry, target_proxy: InterposingProxy
) -> None:
    content = oci_image((200 * KiB,), seed="mounted")
    desc = push_image(source_registry, "lib/one", content, tags=["1", "2"])
    push_image(source_registry, "lib/two", content, tags=["1"])
    report = run(
        [
            job(f"{source_registry.host}/lib/one:1", f"{target_proxy.host}/m/one:1"),
            job(f"{source_registry.host}/lib/two:1", f"{target_proxy.host}/m/two:1"),
            job(f"{source_registry.host}/lib/one:2", f"{target_proxy.host}/m/one:2"),
        ],
        image_concurrency=1,
    )
    assert [r.status for r in report.images] == [Status.COPIED] * 3, report.to_dict()
    blobs = len(desc.blobs)
    mounts = [s.path for s in target_proxy.requests("POST") if "mount=" in s.path]
    assert len(mounts) == blobs and all("from=m%2Fone" in p or "from=m/one" in p for p in mounts), mounts
    assert "blobs: 2 mounted" in (report.images[1].detail or ""), report.images[1].detail
    # The third job's blobs are known to be in m/one from this run: no HEAD, no upload.
    heads = [s.path for s in target_proxy.requests("HEAD", "/blobs/")]
    assert len(heads) == 2 * blobs, heads
    assert [r.detail for r in report.images] == [
        "1 manifest GETs at the source; blobs: 2 copied",
        "1 manifest GETs at the source; blobs: 2 mounted",
        "0 manifest GETs at the source; blobs: 2 present",
    ]


def test_a_source_holding_every_blob_slot_gives_the_next_free_one_to_another_source(
    source_registry: LocalRegistry,
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two slots, a slow source with four blobs waiting and another source with two: when the slow source's first
    blob ends, the other source's blob goes next, not the slow source's third. The slow source's first blob ends
    only once the other source waits for a slot (FairSlots.acquire observed, not replaced: no timing involved)."""
    other_registry = registry_factory()
    slow = push_image(source_registry, "lib/slow", oci_image((64 * KiB, 64 * KiB, 64 * KiB), seed="slow"), tags=["1"])
    other = push_image(other_registry, "lib/other", oci_image((64 * KiB,), seed="other"), tags=["1"])
    order: list[str] = []
    lock = threading.Lock()
    slow_holds_both = threading.Event()  # the slow source's first two blobs are being read
    other_waiting = threading.Event()  # the other source has asked FairSlots for a slot (and waits: both held)
    other_reading = threading.Event()  # the other source's first blob GET has reached its registry
    other_digests = {b.digest for b in other.blobs}

    def target_rule(seen: Seen) -> Action | None:
        if seen.method == "HEAD" and any(d in seen.path for d in other_digests):
            slow_holds_both.wait(10)  # the other image reaches the slots only once the slow one holds both
        return None

    def record(name: str) -> Callable[[Seen], Action | None]:
        def rule(seen: Seen) -> Action | None:
            if seen.method != "GET" or "/blobs/sha256:" not in seen.path:
                return None
            with lock:
                order.append(name)
                position = len(order)
                if order.count("slow") == 2:
                    slow_holds_both.set()
                if name == "other":
                    other_reading.set()
            if name == "slow" and position == 1:
                other_waiting.wait(10)  # the first blob ends once the other source waits for a slot
            elif name == "slow" and position == 2:
                other_reading.wait(10)  # the second once the other source's blob is read: the freed slot was its
            return None

        return rule

    acquire = FairSlots.acquire

    async def observed(slots: FairSlots, source: str) -> None:
        if source == other_proxy.host:
            other_waiting.set()  # its waiter is queued before the loop runs anything else (no await in between)
        await acquire(slots, source)

    monkeypatch.setattr(FairSlots, "acquire", observed)

    with (
        InterposingProxy(source_registry.host) as slow_proxy,
        InterposingProxy(other_registry.host) as other_proxy,
        InterposingProxy(target_registry.host) as target,
    ):
        slow_proxy.rules.append(record("slow"))
        other_proxy.rules.append(record("other"))
        target.rules.append(target_rule)
        report = run(
            [
                job(f"{slow_proxy.host}/lib/slow:1", f"{target.host}/m/slow:1"),
                job(f"{other_proxy.host}/lib/other:1", f"{target.host}/m/other:1"),
            ],
            blob_concurrency=2,
            image_concurrency=2,
        )
    assert [r.status for r in report.images] == [Status.COPIED, Status.COPIED], report.to_dict()
    assert len(slow.blobs) == 4 and len(other.blobs) == 2
    assert order[:3] == ["slow", "slow", "other"], order
