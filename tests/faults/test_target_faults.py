"""Target faults: a repository the target refuses, immutable tags, content already there."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import error_body, first, is_manifest, is_tag_put, job, one, recording, run, tag_digest


def _immutable(message_repo: str) -> Action:
    body = error_body(
        "TAG_INVALID",
        f"The image tag '1' already exists in the '{message_repo}' repository and cannot be overwritten "
        "because the tag is immutable.",
    )
    return Action(status=400, body=body, headers={"Content-Type": "application/json"})


class ImmutableTags:
    """ECR with imageTagMutability=IMMUTABLE: a PUT to a tag that exists fails, whatever the digest."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream

    def __call__(self, seen: Seen) -> Action | None:
        if not is_tag_put(seen):
            return None
        repo, _, tag = seen.path.removeprefix("/v2/").partition("/manifests/")
        if tag_digest(self.upstream, repo, tag) is None:
            return None
        return _immutable(repo)


def test_target_refusing_one_repository_fails_only_that_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    a = push_image(source_registry, "lib/a", oci_image(seed="deny-a"), tags=["1"])
    b = push_image(source_registry, "lib/b", oci_index(attestations=False, seed="deny-b"), tags=["1"])
    target = proxy_factory(target_registry.host)
    denied = Action(status=403, body=error_body("DENIED", "requested access to the resource is denied"))
    target.rules.append(
        lambda s: denied if s.path.startswith("/v2/m/locked/") and s.method in ("POST", "PUT", "PATCH") else None
    )
    report = run(
        [
            job(a.reference, f"{target.host}/m/locked:1"),
            job(b.reference, f"{target.host}/m/open:1"),
            job(a.reference, f"{target.host}/m/open-too:1"),
        ]
    )
    locked, open_, open_too = report.images
    assert locked.status is Status.FAILED, locked
    assert "403" in (locked.error or "") and "DENIED" in (locked.error or "") and "m/locked" in (locked.error or "")
    assert "requested access to the resource is denied" in (locked.error or "")
    assert open_.status is Status.COPIED and open_too.status is Status.COPIED, report.to_dict()
    assert tag_digest(target_registry.host, "m/open", "1") == b.digest
    assert tag_digest(target_registry.host, "m/open-too", "1") == a.digest
    assert tag_digest(target_registry.host, "m/locked", "1") is None
    assert len(target.requests("POST", "/v2/m/locked/")) <= len(a.blobs), "a refusal (403) must not be retried"


def test_immutable_tag_holding_another_digest_is_a_clear_conflict(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    old = push_image(target_registry, "m/pinned", oci_image(seed="old"), tags=["1"])
    new = push_image(source_registry, "lib/pinned", oci_image(seed="new"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(ImmutableTags(target_registry.host))
    result = run([job(new.reference, f"{target.host}/m/pinned:1")]).images[0]
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert "immutable" in error and "Nothing was overwritten" in error
    assert old.digest in error and new.digest in error
    assert inspect_digest(f"{target_registry.host}/m/pinned:1") == old.digest


def test_same_digest_already_there_is_skipped_without_writes(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/same", oci_index(attestations=True, seed="same"), tags=["1"])
    push_image(target_registry, "m/same", oci_index(attestations=True, seed="same"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(ImmutableTags(target_registry.host))
    result = run([job(desc.reference, f"{target.host}/m/same:1")]).images[0]
    assert result.status is Status.SKIPPED, result
    assert result.error is None and result.digest == desc.digest
    assert [s.method for s in target.requests()] == ["HEAD"]


def test_immutable_tag_written_meanwhile_with_the_same_digest_is_not_an_error(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """Two runs racing: ours saw no tag, the other run wrote the same digest, our tag PUT is refused."""
    desc = push_image(source_registry, "lib/race", oci_image(seed="race"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(ImmutableTags(target_registry.host))

    def other_run_wins(seen: Seen) -> Action | None:
        push_image(target_registry, "m/race", oci_image(seed="race"), tags=["1"])
        return None

    target.rules.insert(0, first(1, is_tag_put, other_run_wins))
    result = run([job(desc.reference, f"{target.host}/m/race:1")]).images[0]
    assert result.status in (Status.COPIED, Status.SKIPPED), result
    assert result.error is None
    assert inspect_digest(f"{target_registry.host}/m/race:1") == desc.digest


def test_target_head_errors_are_reported_not_taken_for_absence(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/h", oci_image(seed="head"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(lambda s: Action(status=500) if is_manifest(s, "HEAD") else None)
    result = run([job(desc.reference, f"{target.host}/m/h:1")]).images[0]
    assert result.status is Status.FAILED, result
    assert "500" in (result.error or "")
    assert not target.requests("PUT"), "wrote to a target whose state was unknown"
    assert httpx.head(f"{target_registry.url}/v2/m/h/manifests/1").status_code == 404


def test_blob_not_yet_visible_when_the_manifest_is_put_is_retried_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """A blob committed a moment ago (by us, or by a concurrent run) that the registry does not list yet."""
    desc = push_image(source_registry, "lib/lag", oci_index(attestations=False, seed="lag"), tags=["1"])
    target = proxy_factory(target_registry.host)
    unknown = Action(status=400, body=error_body("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"))
    target.rules.append(first(1, lambda s: s.method == "PUT" and "/manifests/sha256:" in s.path, unknown))
    result = run([job(desc.reference, f"{target.host}/m/lag:1")]).images[0]
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/lag:1") == desc.digest


def test_manifest_blob_unknown_that_persists_fails_clearly(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/gone", oci_image(seed="gone"), tags=["1"])
    target = proxy_factory(target_registry.host)
    unknown = Action(status=400, body=error_body("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"))
    target.rules.append(lambda s: unknown if s.method == "PUT" and "/manifests/" in s.path else None)
    result = run([job(desc.reference, f"{target.host}/m/gone:1")]).images[0]
    assert result.status is Status.FAILED and "MANIFEST_BLOB_UNKNOWN" in (result.error or ""), result
    assert len(target.requests("PUT", "/manifests/")) == 2  # asked once more, not forever
    assert tag_digest(target_registry.host, "m/gone", "1") is None


def _is_upload_put(seen: Seen) -> bool:
    return seen.method == "PUT" and "/blobs/uploads/" in seen.path


def test_upload_refused_for_now_waits_for_its_retry_after_then_copies(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/busyup", oci_image(seed="busyup"), tags=["1"])
    target = proxy_factory(target_registry.host)
    busy = Action(status=503, headers={"Retry-After": "1"}, body=error_body("UNAVAILABLE", "try later"))
    target.rules.append(first(1, _is_upload_put, busy))
    retry, waits = recording()
    result = one(run([job(desc.reference, f"{target.host}/m/busyup:1")], retry=retry))
    assert result.status is Status.COPIED, result
    assert waits == [1.0], "the upload's Retry-After was not honoured"
    assert len(target.requests("PUT", "/blobs/uploads/")) == len(desc.blobs) + 1  # one blob uploaded twice
    assert inspect_digest(f"{target_registry.host}/m/busyup:1") == desc.digest


def test_upload_asked_to_wait_too_long_defers_the_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/laterup", oci_image(seed="laterup"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(lambda s: Action(status=429, headers={"Retry-After": "3600"}) if _is_upload_put(s) else None)
    result = one(run([job(desc.reference, f"{target.host}/m/laterup:1")]))
    assert result.status is Status.DEFERRED, result
    assert "3600" in (result.error or "") and "m/laterup" in (result.error or ""), result
    assert tag_digest(target_registry.host, "m/laterup", "1") is None


def test_a_target_throttling_manifest_puts_without_retry_after_is_waited_out(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    # ECR allows about 10 PutImage calls per second per region: a burst of index children answers 429.
    desc = push_image(source_registry, "lib/burst", oci_index(seed="burst"), tags=["1"])
    target = proxy_factory(target_registry.host)
    throttled = Action(status=429, body=error_body("TOOMANYREQUESTS", "Rate exceeded"))
    target.rules.append(first(2, lambda s: s.method == "PUT" and "/manifests/" in s.path, throttled))
    result = one(run([job(desc.reference, f"{target.host}/m/burst:1")]))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/burst", "1") == desc.digest
    assert len(target.requests("PUT", "/manifests/")) == len(desc.manifests) + 2  # two PUTs sent again


def test_immutable_refusal_of_a_tag_that_does_not_exist_says_so_not_none(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    new = push_image(source_registry, "lib/ghost", oci_image(seed="ghost"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(lambda s: _immutable("m/ghost") if is_tag_put(s) else None)  # refused, though no tag exists
    result = run([job(new.reference, f"{target.host}/m/ghost:1")]).images[0]
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert "immutable" in error and "holds no image we can see" in error and "None" not in error
    assert tag_digest(target_registry.host, "m/ghost", "1") is None
