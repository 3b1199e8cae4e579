"""Which HTTP statuses the engine asks again: 408, 429, 500, 502, 503 and 504 (once each here, then the copy lands);
any other error status is final at once (one request, the image fails naming the status).

The status answers the tag's manifest PUT at the target: a request nothing above the transport asks again (blob
transfers restart on a temporary error of their own accord, and a manifest GET refused 429 without Retry-After is
Docker Hub's pull limit, never retried).
"""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import Job
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import error_body, first, job, recording, run, tag_digest

RETRIED = (408, 429, 500, 502, 503, 504)
FINAL = (400, 401, 403, 404, 405, 409, 410, 416, 422, 501, 505, 507)
ERROR = error_body("X", "no")


def _tag_put(path: str) -> Callable[[Seen], bool]:
    return lambda seen: seen.method == "PUT" and seen.path == path


def _jobs(statuses: tuple[int, ...], source: LocalRegistry, target: InterposingProxy) -> list[Job]:
    """One image per status, whose tag PUT at the target is answered with that status once."""
    jobs = []
    for status in statuses:
        repo = f"lib/s{status}"
        push_image(source, repo, oci_image(seed=f"status-{status}"), tags=["1"])
        target.rules.append(first(1, _tag_put(f"/v2/m/{repo}/manifests/1"), Action(status=status, body=ERROR)))
        jobs.append(job(f"{source.host}/{repo}:1", f"{target.host}/m/{repo}:1"))
    return jobs


def _tag_puts(target: InterposingProxy, status: int) -> int:
    return len([s for s in target.requests("PUT") if s.path == f"/v2/m/lib/s{status}/manifests/1"])


def test_each_retryable_status_is_asked_again_and_the_copy_lands(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    target = proxy_factory(target_registry.host)
    retry, waits = recording()

    report = run(_jobs(RETRIED, source_registry, target), retry=retry)

    for status, result in zip(RETRIED, report.images, strict=True):
        assert result.status is Status.COPIED, (status, result)
        assert _tag_puts(target, status) == 2, f"HTTP {status} was not asked again exactly once"
        assert tag_digest(target_registry.host, f"m/lib/s{status}", "1") == result.digest
    assert len(waits) == len(RETRIED), waits


def test_every_other_error_status_is_final_at_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    target = proxy_factory(target_registry.host)
    retry, waits = recording()

    report = run(_jobs(FINAL, source_registry, target), retry=retry)

    for status, result in zip(FINAL, report.images, strict=True):
        assert result.status is Status.FAILED, (status, result)
        assert str(status) in (result.error or ""), (status, result.error)
        assert _tag_puts(target, status) == 1, f"HTTP {status} was asked again"
        assert tag_digest(target_registry.host, f"m/lib/s{status}", "1") is None
    assert waits == [], waits


def test_a_manifest_head_refused_429_without_retry_after_is_not_asked_again(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """A HEAD refused by the pull limit means what a GET refused does: asking again only spends more."""
    push_image(source_registry, "lib/hd", oci_image(seed="head-429"), tags=["1"])
    source = proxy_factory(source_registry.host)
    refused = Action(status=429, body=error_body("TOOMANYREQUESTS", "pull limit"))
    source.rules.append(lambda seen: refused if seen.method == "HEAD" and "/manifests/" in seen.path else None)
    retry, waits = recording()

    report = run([job(f"{source.host}/lib/hd:1", f"{target_registry.host}/m/hd:1")], retry=retry)

    assert len(source.requests("HEAD", "/manifests/")) == 1, "the refused HEAD was asked again"
    assert waits == [], waits
    assert report.images[0].status is not Status.COPIED, report.to_dict()
