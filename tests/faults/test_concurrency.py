"""Two runs over the same list at the same time both finish and leave the same digests."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Report, Status
from tests.support.proxy import InterposingProxy

from .helpers import job, run
from .test_target_faults import ImmutableTags


@pytest.mark.parametrize("immutable", [False, True], ids=["mutable-tags", "immutable-tags"])
def test_two_simultaneous_runs_both_finish_with_the_same_digests(
    immutable: bool,
    seeded_registry: Seeded,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    target = proxy_factory(target_registry.host)
    if immutable:
        target.rules.append(ImmutableTags(target_registry.host))
    pairs = [
        (d.reference, f"{target.host}/m/{name.split(':')[0]}:{d.tags[0]}") for name, d in seeded_registry.images.items()
    ]
    start = threading.Barrier(2)
    reports: list[Report] = []
    errors: list[BaseException] = []

    def one_run() -> None:
        try:
            start.wait(timeout=10)
            reports.append(run([job(s, t) for s, t in pairs], image_concurrency=3))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(reports) == 2
    for report in reports:
        assert not report.failed, report.to_dict()
        assert {r.status for r in report.images} <= {Status.COPIED, Status.SKIPPED}, report.to_dict()
    for (_, dst), desc in zip(pairs, seeded_registry.images.values(), strict=True):
        assert inspect_digest(dst.replace(target.host, target_registry.host)) == desc.digest
    assert [r.digest for r in reports[0].images] == [r.digest for r in reports[1].images]
