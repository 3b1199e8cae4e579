"""An index's platform images are copied side by side: blobs of both platforms are in flight at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from ecr_mirror.lab.images import index_of, random_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import DIGEST_IN_PATH, is_blob_get, job, run, tag_digest

WAIT = 3.0  # how long a blob GET waits for one of the other platform; sequential copies always wait it out


class Overlap:
    """Holds each source blob GET until a blob GET of the other platform is in flight too (or WAIT passes)."""

    def __init__(self, platform_of: dict[str, str]) -> None:
        self.platform_of = platform_of
        self.cond = threading.Condition()
        self.in_flight: Counter[str] = Counter()
        self.overlapped = False

    def __call__(self, seen: Seen) -> Action | None:
        found = DIGEST_IN_PATH.search(seen.path)
        platform = self.platform_of.get(found.group(0)) if found and is_blob_get(seen) else None
        if platform is None:
            return None
        with self.cond:
            self.in_flight[platform] += 1
            if sum(1 for n in self.in_flight.values() if n) == 2:
                self.overlapped = True
                self.cond.notify_all()
            self.cond.wait_for(lambda: self.overlapped, timeout=WAIT)
            self.in_flight[platform] -= 1
        return None


def test_blobs_of_both_platforms_are_copied_at_once_and_land_intact(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    children = [
        random_image((32 * 1024, 32 * 1024, 32 * 1024), platform=p, seed=f"par/{p}")
        for p in ("linux/amd64", "linux/arm64")
    ]
    desc = push_image(source_registry, "lib/par", index_of(children, attestations=False, seed="par"), tags=["1"])
    platform_of = {b.digest: c.top.platform or "" for c in children for b in c.blobs}
    source = proxy_factory(source_registry.host)
    overlap = Overlap(platform_of)
    source.rules.append(overlap)

    report = run([job(f"{source.host}/lib/par:1", f"{target_registry.host}/m/par:1")], blob_concurrency=6)

    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert overlap.overlapped, "the second platform's blobs started only after the first platform's"
    assert tag_digest(target_registry.host, "m/par", "1") == desc.digest
    for child in children:
        assert tag_digest(target_registry.host, "m/par", child.top.digest) == child.top.digest
        for blob in child.blobs:
            assert [s for s in source.requests("GET", blob.digest)], f"blob {blob.digest} never fetched"
