"""A hard deadline on the whole run: images not finished by then are deferred, never tagged, and reported."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy

from .helpers import is_blob_get, job, one, run, tag_digest

STALL = 120.0  # far longer than the deadline: only the deadline can end this run in time


def test_an_image_still_copying_at_the_deadline_is_deferred_and_not_tagged(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(source_registry, "lib/slow", oci_image(layers=(256 * 1024,), seed="deadline"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda seen: Action(stall_after=1024, stall=STALL) if is_blob_get(seen) else None)

    report = run([job(f"{source.host}/lib/slow:1", f"{target_registry.host}/m/slow:1")], deadline=1.0)

    result = one(report)
    assert result.status is Status.DEFERRED, result
    assert "run deadline reached" in (result.detail or ""), result
    assert tag_digest(target_registry.host, "m/slow", "1") is None  # the manifest PUT never happened
    assert target_registry.request_counts()[("PUT", "manifest")] == 0
    assert report.summary()["deferred"] == 1
    assert desc.digest == result.digest  # planned before the deadline: the source digest is known


def test_a_zero_deadline_defers_every_image_without_contacting_the_target(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    push_image(source_registry, "lib/a", oci_image(seed="deadline-a"), tags=["1"])
    target_registry.reset_counts()

    report = run([job(f"{source_registry.host}/lib/a:1", f"{target_registry.host}/m/a:1")], deadline=0.0)

    assert [r.status for r in report.images] == [Status.DEFERRED]
    assert "run deadline reached" in (report.images[0].detail or "")
    assert not [k for k in target_registry.request_counts() if k[0] in ("PUT", "POST", "PATCH")]
