"""A blob download that breaks mid-body resumes with `Range: bytes=<received>-`; the upload to the target goes on.

The source is the real docker-registry (which answers Range requests on blob GETs with 206) behind a proxy that
cuts responses, hides Range support, or plays a CDN whose signed URLs expire.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import large_blob_image, oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import first, is_blob_get, job, one, run, tag_digest

MiB = 1024 * 1024
LARGE = 24 * MiB  # stands for the benchmark's 1 GiB: the same arithmetic at a size a test can afford


def _layer(desc: ImageDescription) -> tuple[str, int]:
    blob = max(desc.blobs, key=lambda b: b.size)
    return blob.digest, blob.size


def _fetched(proxy: InterposingProxy, digest: str) -> int:
    return sum(s.sent for s in proxy.requests("GET", digest))


def _uploads(proxy: InterposingProxy, digest: str) -> list[Seen]:
    return [s for s in proxy.requests("PUT") if f"digest={digest.replace(':', '%3A')}" in s.path or digest in s.path]


def test_large_blob_cut_at_90_percent_resumes_and_fetches_little_more_than_its_size(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/big", large_blob_image(LARGE, seed="resume90"), tags=["1"])
    layer, size = _layer(desc)
    source = proxy_factory(source_registry.host)
    target = proxy_factory(target_registry.host)
    source.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_fraction=0.9)))
    result = one(run([job(f"{source.host}/lib/big:1", f"{target.host}/m/big:1")]))
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/big:1") == desc.digest
    gets = source.requests("GET", layer)
    assert len(gets) == 2
    assert "range" not in gets[0].headers
    assert gets[1].headers["range"] == f"bytes={gets[0].sent}-"
    assert gets[1].status == 206  # docker-registry honours Range on blob GETs
    assert _fetched(source, layer) <= 1.15 * size
    # The upload never noticed: one PUT, carrying each byte once.
    puts = _uploads(target, layer)
    assert [(p.received, p.declared) for p in puts] == [(size, size)]
    assert "1 resumed" in (result.detail or ""), result.detail
    assert "1 resumed" in str(result.to_dict()["detail"])


def test_source_without_range_support_restarts_the_download_not_the_upload(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/norange", oci_image((4 * MiB,), seed="norange"), tags=["1"])
    layer, size = _layer(desc)
    source = proxy_factory(source_registry.host)
    target = proxy_factory(target_registry.host)
    source.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_fraction=0.5, strip_range=True)))
    source.rules.append(lambda s: Action(strip_range=True) if is_blob_get(s) else None)
    result = one(run([job(f"{source.host}/lib/norange:1", f"{target.host}/m/norange:1")]))
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/norange:1") == desc.digest
    gets = source.requests("GET", layer)
    assert [g.status for g in gets] == [200, 200]  # the range was asked for and ignored: a whole body again
    assert gets[1].headers["range"] == f"bytes={gets[0].sent}-"
    assert [(p.received, p.declared) for p in _uploads(target, layer)] == [(size, size)]


def test_every_try_making_progress_completes_although_no_response_is_whole(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """Each response of the layer is cut after 1 MiB: six tries, each one a step further, none of them whole."""
    desc = push_image(source_registry, "lib/steps", oci_image((6 * MiB,), seed="steps"), tags=["1"])
    layer, size = _layer(desc)
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda s: Action(cut_after=MiB) if is_blob_get(s, layer) else None)
    result = one(run([job(f"{source.host}/lib/steps:1", f"{target_registry.host}/m/steps:1")]))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/steps", "1") == desc.digest
    assert _fetched(source, layer) == size


def test_a_link_that_cuts_every_other_response_half_way_completes_every_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    descs = [
        push_image(
            source_registry, f"lib/flaky{i}", oci_image((2 * MiB, MiB + 7, 300_000), seed=f"flaky{i}"), tags=["1"]
        )
        for i in range(3)
    ]
    source = proxy_factory(source_registry.host)
    answered: dict[str, int] = {}
    lock = threading.Lock()

    def every_other(seen: Seen) -> Action | None:
        """Per URL, so that the test does not depend on how concurrent requests interleave."""
        if seen.method != "GET":
            return None
        with lock:
            n = answered[seen.path] = answered.get(seen.path, -1) + 1
        return Action(cut_fraction=0.5) if n % 2 == 0 else None

    source.rules.append(every_other)
    jobs = [job(f"{source.host}/lib/flaky{i}:1", f"{target_registry.host}/m/flaky{i}:1") for i in range(3)]
    report = run(jobs)
    assert [r.status for r in report.images] == [Status.COPIED] * 3, report.to_dict()
    for i, desc in enumerate(descs):
        assert tag_digest(target_registry.host, f"m/flaky{i}", "1") == desc.digest


def test_an_expired_signed_url_is_resolved_again_at_the_registry(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """Blob GETs redirect to a "CDN" with a one-use signature: the resume asks the registry for a new URL."""
    desc = push_image(source_registry, "lib/signed", oci_image((3 * MiB,), seed="signed"), tags=["1"])
    layer, _size = _layer(desc)
    cdn = proxy_factory(source_registry.host)
    source = proxy_factory(source_registry.host)
    signatures = itertools.count(1)
    used: set[str] = set()

    def sign(seen: Seen) -> Action | None:
        if not is_blob_get(seen, layer):
            return None
        return Action(status=307, headers={"Location": f"{cdn.url}{seen.path}?sig={next(signatures)}"})

    def expire(seen: Seen) -> Action | None:
        sig = seen.path.rsplit("sig=", 1)[-1]
        if sig in used:
            return Action(status=403, body=b"<Error>Request has expired</Error>")
        used.add(sig)
        return Action(cut_fraction=0.5) if sig == "1" else None

    source.rules.append(sign)
    cdn.rules.append(expire)
    result = one(run([job(f"{source.host}/lib/signed:1", f"{target_registry.host}/m/signed:1")]))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/signed", "1") == desc.digest
    assert len(source.requests("GET", layer)) == 2  # the first GET, then once more for a fresh signature
    cdn_gets = cdn.requests("GET", layer)
    assert [g.status for g in cdn_gets] == [200, 403, 206]  # cut, expired, resumed
    assert cdn_gets[2].headers["range"] == f"bytes={cdn_gets[0].sent}-"
    assert all("authorization" not in g.headers for g in cdn_gets)


def test_a_source_that_breaks_for_good_is_reported_as_a_source_error(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/dead", oci_image((2 * MiB,), seed="dead"), tags=["1"])
    layer, _size = _layer(desc)
    source = proxy_factory(source_registry.host)
    source.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_after=MiB)))
    source.rules.append(lambda s: Action(cut_after=0) if is_blob_get(s, layer) else None)
    result = one(run([job(f"{source.host}/lib/dead:1", f"{target_registry.host}/m/dead:1")]))
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert f"{source.host}/lib/dead@{layer}" in error, error
    assert "source" in error and "upload" not in error, error
    assert tag_digest(target_registry.host, "m/dead", "1") is None


def test_a_resume_at_a_registry_asking_for_tokens_carries_the_token_and_costs_one_get(
    token_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """The bytes came from the registry itself: the resume goes through the client (its token), not as a bare GET."""
    desc = push_image(token_registry, "lib/tres", oci_image((2 * MiB,), seed="token-resume"), tags=["1"])
    layer, _size = _layer(desc)
    source = proxy_factory(token_registry.host)
    source.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_after=MiB)))

    result = one(run([job(f"{source.host}/lib/tres:1", f"{target_registry.host}/m/tres:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/tres", "1") == desc.digest
    gets = source.requests("GET", layer)
    assert [g.status for g in gets] == [200, 206]  # no unauthorised try in between
    assert all(g.headers.get("authorization", "").startswith("Bearer ") for g in gets)
