"""The engine against the real distribution registry, checked by skopeo."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import docker_manifest_list, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.transport import RetryPolicy

from .helpers import job, run


def _mirror_all(seeded: Seeded, target: LocalRegistry) -> list[tuple[str, str]]:
    return [(d.reference, f"{target.host}/m/{name}") for name, d in seeded.images.items()]


def test_samples_copy_byte_exact_and_second_run_skips_without_gets(
    seeded_registry: Seeded, target_registry: LocalRegistry
) -> None:
    pairs = _mirror_all(seeded_registry, target_registry)
    report = run([job(s, t) for s, t in pairs])
    assert [r.status for r in report.images] == [Status.COPIED] * 3, report.to_dict()
    for (source, target), desc in zip(pairs, seeded_registry.images.values(), strict=True):
        assert inspect_raw(target) == inspect_raw(source)
        assert inspect_digest(target) == desc.digest
    # Every child of the index (platform images and attestation manifests) is at the target by digest.
    alpine = seeded_registry.images["library/alpine:3.20"]
    for digest in alpine.manifest_digests:
        assert inspect_digest(f"{target_registry.host}/m/library/alpine@{digest}") == digest

    seeded_registry.registry.reset_counts()
    again = run([job(s, t) for s, t in pairs])
    assert [r.status for r in again.images] == [Status.SKIPPED] * 3
    assert [r.digest for r in again.images] == [d.digest for d in seeded_registry.images.values()]
    counts = seeded_registry.registry.request_counts()
    assert counts[("GET", "manifest")] == 0
    assert counts[("GET", "blob")] == 0
    assert sum(v for (m, kind), v in counts.items() if kind != "base") == 3  # one HEAD per image


def test_docker_manifest_list_and_oci_index_with_attestations(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    pushed: list[ImageDescription] = [
        push_image(source_registry, "lists/docker", docker_manifest_list(seed="dl"), tags=["v1"]),
        push_image(source_registry, "lists/oci", oci_index(attestations=True, seed="oi"), tags=["v1"]),
    ]
    report = run([job(d.reference, f"{target_registry.host}/copy/{d.repository}:v1") for d in pushed])
    assert [r.status for r in report.images] == [Status.COPIED, Status.COPIED], report.to_dict()
    for desc, result in zip(pushed, report.images, strict=True):
        assert inspect_digest(f"{target_registry.host}/copy/{desc.repository}:v1") == desc.digest
        assert result.digest == desc.digest
        # Every manifest fetched once: what Docker Hub would count as pulls is reported per image.
        assert f"{len(desc.manifests)} manifest GETs at the source" in (result.detail or "")


def test_shared_blob_fetched_once_and_mounted(seeded_registry: Seeded, target_registry: LocalRegistry) -> None:
    alpine = seeded_registry.images["library/alpine:3.20"]
    python = seeded_registry.images["library/python:3.12-slim"]
    shared = set(alpine.blob_digests) & set(python.blob_digests)
    assert shared, "the sample set shares a layer between alpine and python"
    report = run(
        [
            job(alpine.reference, f"{target_registry.host}/a/alpine:1"),
            job(python.reference, f"{target_registry.host}/b/python:1"),
        ],
        image_concurrency=1,
    )
    assert {r.status for r in report.images} == {Status.COPIED}
    records = seeded_registry.registry.requests()
    blob_gets = [r.reference or "" for r in records if r.method == "GET" and r.kind == "blob"]
    assert sorted(blob_gets) == sorted(set(blob_gets)), "a blob was fetched from the source twice"
    assert shared <= set(blob_gets)
    target_posts = [r.uri for r in target_registry.requests() if r.method == "POST" and r.kind == "upload"]
    assert any("mount=" in uri for uri in target_posts), "the shared layer was not mounted from the sibling repo"
    assert "mounted" in (report.images[1].detail or "")


def test_uploads_take_two_requests_per_blob(source_registry: LocalRegistry, target_registry: LocalRegistry) -> None:
    desc = push_image(source_registry, "lib/app", oci_index(attestations=False, seed="two"), tags=["1"])
    run([job(desc.reference, f"{target_registry.host}/lib/app:1")])
    counts = target_registry.request_counts()
    blobs = len(desc.blobs)
    assert counts[("POST", "upload")] == blobs
    assert counts[("PUT", "upload")] == blobs
    assert counts[("PATCH", "upload")] == 0


def test_dry_run_writes_nothing(seeded_registry: Seeded, target_registry: LocalRegistry) -> None:
    pairs = _mirror_all(seeded_registry, target_registry)
    report = run([job(s, t) for s, t in pairs], dry_run=True)
    assert [r.status for r in report.images] == [Status.PLANNED] * 3
    assert all("would copy" in (r.detail or "") for r in report.images)
    counts = target_registry.request_counts()
    assert not any(method in ("POST", "PUT", "PATCH") for method, _ in counts)
    assert seeded_registry.registry.request_counts()[("GET", "manifest")] == 0


def test_digest_only_source_is_pinned_with_a_tag(seeded_registry: Seeded, target_registry: LocalRegistry) -> None:
    busybox = seeded_registry.images["library/busybox:1.36"]
    report = run([job(busybox.by_digest, f"{target_registry.host}/pins/busybox@{busybox.digest}")])
    assert report.images[0].status is Status.COPIED
    tag = "pinned-" + busybox.digest.replace(":", "-")
    assert inspect_digest(f"{target_registry.host}/pins/busybox:{tag}") == busybox.digest


def test_one_failure_does_not_stop_the_others(
    seeded_registry: Seeded, target_registry: LocalRegistry, registry_factory: Callable[..., LocalRegistry]
) -> None:
    gone = registry_factory()
    dead_host = gone.host
    gone.stop()
    busybox = seeded_registry.images["library/busybox:1.36"]
    src = seeded_registry.registry.host
    report = run(
        [
            job(f"{src}/library/busybox:no-such-tag", f"{target_registry.host}/x/a:1"),
            job(f"{dead_host}/library/busybox:1.36", f"{target_registry.host}/x/b:1"),
            job(busybox.reference, f"{target_registry.host}/x/c:1"),
        ],
        retry=RetryPolicy(attempts=2, base_delay=0.01),
    )
    statuses = [r.status for r in report.images]
    assert statuses == [Status.FAILED, Status.FAILED, Status.COPIED]
    assert "not found" in (report.images[0].error or "")
    assert "no-such-tag" in (report.images[0].error or "")
    assert dead_host in (report.images[1].error or "") and "ConnectError" in (report.images[1].error or "")
    assert report.failed
