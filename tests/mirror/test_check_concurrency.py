"""`check_concurrency` bounds how many images are checked at once: each source HEAD is held until another arrives
(at most HOLD seconds), so the most HEADs the source saw in flight together is the bound the run kept."""

from __future__ import annotations

import threading

import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import job, run

HOLD = 1.0  # seconds a HEAD waits for a second one; only a run that keeps to one check at a time runs it out


class InFlight:
    """Counts the source's manifest HEADs in flight; each waits until two have been in flight together."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.overlapped = threading.Event()

    def __call__(self, seen: Seen) -> Action | None:
        if seen.method != "HEAD" or "/manifests/" not in seen.path:
            return None
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            if self.now >= 2:
                self.overlapped.set()
        self.overlapped.wait(HOLD)
        with self.lock:
            self.now -= 1
        return None


@pytest.mark.parametrize(("check_concurrency", "most"), [(1, 1), (0, 1), (2, 2)])
def test_no_more_images_are_checked_at_once_than_allowed(
    check_concurrency: int,
    most: int,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
) -> None:
    push_image(source_registry, "lib/app", oci_image(seed="check-concurrency"), tags=["1", "2", "3"])
    heads = InFlight()
    source_proxy.rules.append(heads)

    report = run(
        [job(f"{source_proxy.host}/lib/app:{t}", f"{target_registry.host}/m/app:{t}") for t in ("1", "2", "3")],
        dry_run=True,
        check_concurrency=check_concurrency,
    )

    assert [r.status for r in report.images] == [Status.PLANNED] * 3, report.to_dict()
    assert heads.most == most
