"""A blob the registry sends to a CDN (a signed URL that stays valid) resumes at the CDN, where its bytes came from:
with `Range` and no content coding, without asking the registry again; a CDN that keeps breaking is given up on
within the blob's GET budget, and one that went away fails the image naming the resume."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.resume import MAX_BLOB_GETS
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, first, is_blob_get, job, one, run, tag_digest

MiB = 1024 * 1024


def _via_cdn(
    source_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy], size: int, seed: str
) -> tuple[ImageDescription, str, InterposingProxy, InterposingProxy]:
    """An image whose largest layer the registry (`source`) redirects to `cdn`, which serves it."""
    desc = push_image(source_registry, f"lib/{seed}", oci_image((size,), seed=seed), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size).digest
    cdn = proxy_factory(source_registry.host)
    source = proxy_factory(source_registry.host)

    def sign(seen: Seen) -> Action | None:
        if not is_blob_get(seen, layer):
            return None
        return Action(status=307, headers={"Location": f"{cdn.url}{seen.path}?sig=valid"})

    source.rules.append(sign)
    return desc, layer, source, cdn


def test_a_download_broken_at_the_cdn_resumes_there_twice(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc, layer, source, cdn = _via_cdn(source_registry, proxy_factory, 3 * MiB, "cdn-resume")
    cdn.rules.append(first(2, lambda s: is_blob_get(s, layer), Action(cut_after=MiB)))

    result = one(run([job(f"{source.host}/lib/cdn-resume:1", f"{target_registry.host}/m/cdn-resume:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/cdn-resume", "1") == desc.digest
    assert len(source.requests("GET", layer)) == 1, "a resume went back to the registry"
    gets = cdn.requests("GET", layer)
    assert [g.status for g in gets] == [200, 206, 206]
    assert [g.headers.get("range") for g in gets] == [None, f"bytes={gets[0].sent}-", f"bytes={2 * MiB}-"]
    assert all(g.headers.get("accept-encoding") == "identity" for g in gets)
    assert "(2 resumed after a broken download)" in (result.detail or ""), result.detail


def test_a_cdn_that_breaks_every_answer_costs_at_most_the_blob_s_gets(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    _desc, layer, source, cdn = _via_cdn(source_registry, proxy_factory, 256 * 1024, "cdn-cuts")
    cdn.rules.append(lambda s: Action(cut_after=4096) if is_blob_get(s, layer) else None)  # progress every time

    result = one(run([job(f"{source.host}/lib/cdn-cuts:1", f"{target_registry.host}/m/cdn-cuts:1")]))

    failed_with(result, f"{source.host}/lib/cdn-cuts@{layer}: given up after {MAX_BLOB_GETS} GETs")
    assert len(source.requests("GET", layer)) + len(cdn.requests("GET", layer)) <= 2 * MAX_BLOB_GETS


def test_a_cdn_gone_before_the_resume_fails_the_image_naming_the_resume(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    _desc, layer, source, cdn = _via_cdn(source_registry, proxy_factory, 2 * MiB, "cdn-gone")

    def cut_then_go(seen: Seen) -> Action | None:
        if not is_blob_get(seen, layer):
            return None
        cdn.stop()  # no further connection is accepted: the resume cannot reach the CDN
        return Action(cut_after=MiB)

    cdn.rules.append(cut_then_go)

    result = one(run([job(f"{source.host}/lib/cdn-gone:1", f"{target_registry.host}/m/cdn-gone:1")]))

    failed_with(result, "resuming the download at byte", f"resume blob {source.host}/lib/cdn-gone@{layer}")


def test_a_cdn_ignoring_range_sends_the_blob_again_and_the_registry_is_not_asked(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer, source, cdn = _via_cdn(source_registry, proxy_factory, 2 * MiB, "cdn-norange")
    cdn.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_after=MiB)))
    cdn.rules.append(lambda s: Action(strip_range=True) if is_blob_get(s, layer) else None)
    caplog.set_level(logging.INFO, logger="ecr_mirror.oci.resume")

    result = one(run([job(f"{source.host}/lib/cdn-norange:1", f"{target_registry.host}/m/cdn-norange:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/cdn-norange", "1") == desc.digest
    assert len(source.requests("GET", layer)) == 1
    assert [g.status for g in cdn.requests("GET", layer)] == [200, 200]
    logged = [r.getMessage() for r in caplog.records]
    assert f"blob {source.host}/lib/cdn-norange@{layer}: the source ignores Range; downloading again from byte 0" in (
        logged
    )


def test_a_cdn_refusing_the_resume_sends_it_back_through_the_registry(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer, source, cdn = _via_cdn(source_registry, proxy_factory, 2 * MiB, "cdn-refuses")
    cdn.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_after=MiB)))
    cdn.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(status=400, body=b"bad request")))
    caplog.set_level(logging.INFO, logger="ecr_mirror.oci.resume")

    result = one(run([job(f"{source.host}/lib/cdn-refuses:1", f"{target_registry.host}/m/cdn-refuses:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/cdn-refuses", "1") == desc.digest
    assert [g.headers.get("range") is not None for g in source.requests("GET", layer)] == [False, True]
    assert [g.status for g in cdn.requests("GET", layer)] == [200, 400, 206]
    logged = [r.getMessage() for r in caplog.records]
    assert f"blob {source.host}/lib/cdn-refuses@{layer}: the redirect target answered HTTP 400" in logged
