"""Docker Hub pull limits: ratelimit-remaining headers and 429 TOOMANYREQUESTS defer images instead of failing them."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import error_body, is_manifest, job, run, tag_digest

WINDOW = ";w=21600"


def _images(registry: LocalRegistry, count: int, prefix: str) -> list[ImageDescription]:
    return [push_image(registry, f"lib/{prefix}{i}", oci_image(seed=f"{prefix}{i}"), tags=["1"]) for i in range(count)]


class PullCounter:
    """Docker Hub's accounting: every manifest GET spends a pull, HEAD is free; headers on both."""

    def __init__(self, remaining: int) -> None:
        self.remaining = remaining
        self.lock = threading.Lock()

    def __call__(self, seen: Seen) -> Action | None:
        if not is_manifest(seen):
            return None
        with self.lock:
            if seen.method == "GET":
                if self.remaining <= 0:
                    return Action(status=429, body=error_body("TOOMANYREQUESTS", "You have reached your limit"))
                self.remaining -= 1
            left = self.remaining
        return Action(headers={"ratelimit-limit": "100" + WINDOW, "ratelimit-remaining": f"{left}{WINDOW}"})


def test_remaining_at_the_reserve_defers_copies_but_still_skips_up_to_date_images(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    fresh, stale = _images(source_registry, 2, "rl")
    proxy = proxy_factory(source_registry.host)
    # Mirror `fresh` first, without limits.
    dst = target_registry.host
    assert run([job(f"{proxy.host}/{fresh.repository}:1", f"{dst}/m/fresh:1")]).images[0].status is Status.COPIED
    counter = PullCounter(remaining=5)
    proxy.rules.append(counter)
    before = len(proxy.requests("GET", "/manifests/"))
    report = run(
        [
            job(f"{proxy.host}/{fresh.repository}:1", f"{dst}/m/fresh:1"),
            job(f"{proxy.host}/{stale.repository}:1", f"{dst}/m/stale:1"),
        ],
        rate_limit_reserve=5,
    )
    up_to_date, needs_get = report.images
    assert up_to_date.status is Status.SKIPPED, up_to_date
    assert needs_get.status is Status.DEFERRED, needs_get
    assert "5 pulls left" in (needs_get.error or "") and "reserve" in (needs_get.error or "")
    assert len(proxy.requests("GET", "/manifests/")) == before, "a pull was spent inside the reserve"
    assert counter.remaining == 5
    assert report.rate_limit_remaining == 5
    assert not report.failed
    assert tag_digest(dst, "m/stale", "1") is None


def test_concurrent_images_never_spend_the_reserve(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    images = _images(source_registry, 6, "cc")
    proxy = proxy_factory(source_registry.host)
    counter = PullCounter(remaining=5)
    proxy.rules.append(counter)
    # HEAD answers lag behind (a cache, or requests crossing): they must not raise the budget back up.
    proxy.rules.insert(0, lambda s: Action(delay=0.2) if is_manifest(s, "HEAD") and s.path.endswith(":1") else None)
    report = run(
        [job(f"{proxy.host}/{d.repository}:1", f"{target_registry.host}/m/{d.repository}:1") for d in images],
        rate_limit_reserve=3,
        image_concurrency=6,
    )
    statuses = [r.status for r in report.images]
    assert statuses.count(Status.COPIED) == 2, report.to_dict()
    assert statuses.count(Status.DEFERRED) == 4, report.to_dict()
    assert counter.remaining == 3, "pulls inside the reserve were spent"


def test_stale_ratelimit_headers_do_not_raise_the_budget(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    images = _images(source_registry, 4, "st")
    proxy = proxy_factory(source_registry.host)
    counter = PullCounter(remaining=6)
    proxy.rules.append(counter)
    # A HEAD answer for a later image, computed before the earlier images' GETs landed, says more pulls are left.
    proxy.rules.insert(
        0,
        lambda s: (
            Action(headers={"ratelimit-remaining": "50" + WINDOW})
            if is_manifest(s, "HEAD") and "/lib/st3/" in s.path
            else None
        ),
    )
    report = run(
        [job(f"{proxy.host}/{d.repository}:1", f"{target_registry.host}/m/{d.repository}:1") for d in images],
        rate_limit_reserve=4,
        image_concurrency=1,
    )
    # Checks run side by side, but copies start in list order: the first two images get the pulls.
    assert [r.status for r in report.images] == [Status.COPIED, Status.COPIED, Status.DEFERRED, Status.DEFERRED]
    assert counter.remaining == 4


def test_source_429_toomanyrequests_defers_and_stops_spending(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    images = _images(source_registry, 3, "tm")
    proxy = proxy_factory(source_registry.host)
    limit = Action(status=429, body=error_body("TOOMANYREQUESTS", "You have reached your pull rate limit."))
    proxy.rules.append(lambda s: limit if is_manifest(s, "GET") else None)
    report = run(
        [job(f"{proxy.host}/{d.repository}:1", f"{target_registry.host}/m/{d.repository}:1") for d in images],
        image_concurrency=1,
    )
    assert [r.status for r in report.images] == [Status.DEFERRED] * 3, report.to_dict()
    assert "TOOMANYREQUESTS" in (report.images[0].error or "")
    assert "pull rate limit" in (report.images[0].error or "")
    assert not report.failed
    # The first image learnt the quota is spent; the others did not ask again (each ask may count as a pull).
    gets = proxy.requests("GET", "/manifests/")
    assert {g.path.split("/manifests/")[0] for g in gets} == {"/v2/lib/tm0"}
    assert len(gets) == 1  # a 429 with no Retry-After is not retried: each retry may count as a pull
    for desc in images:
        assert tag_digest(target_registry.host, f"m/{desc.repository}", "1") is None
