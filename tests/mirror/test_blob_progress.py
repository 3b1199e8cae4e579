"""What the blob copy tells the run: every byte moved reaches the progress display, and a download resumed after a
break is counted in the image's detail, across a restart of its upload too."""

from __future__ import annotations

import asyncio

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.run import Job, MirrorOptions, mirror, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from tests.faults.helpers import FAST, error_body, first, is_blob_get, job, one, run
from tests.support.proxy import Action, InterposingProxy

KiB = 1024


class Recorder:
    """A progress display that remembers what it was told."""

    def __init__(self) -> None:
        self.totals: list[int] = []
        self.sources: list[str] = []
        self.chunks: list[int] = []
        self.statuses: list[Status] = []

    def expect(self, total: int) -> None:
        self.totals.append(total)

    def started(self, job: Job) -> None:
        self.sources.append(str(job.source))

    def moved(self, nbytes: int) -> None:
        self.chunks.append(nbytes)

    def finished(self, result: ImageResult) -> None:
        self.statuses.append(result.status)


def test_every_byte_copied_reaches_the_progress_display(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/progress", oci_image((300 * KiB, 70 * KiB), seed="progress"), tags=["1"])
    recorder = Recorder()
    jobs = [job(desc.reference, f"{target_registry.host}/m/progress:1")]
    report = asyncio.run(mirror(jobs, CredentialStore(), MirrorOptions(plain_http=True, retry=FAST), recorder))
    assert [r.status for r in report.images] == [Status.COPIED]
    assert recorder.totals == [1]
    assert recorder.sources == [desc.reference]
    assert recorder.statuses == [Status.COPIED]
    assert sum(recorder.chunks) == sum(b.size for b in desc.blobs)
    assert all(chunk > 0 for chunk in recorder.chunks)


def test_a_parsed_list_reports_to_the_progress_display_too(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "library/alpine", oci_image((90 * KiB,), seed="list-progress"), tags=["3.20"])
    images = parse_image_list("alpine:3.20\n")
    recorder = Recorder()
    options = MirrorOptions(plain_http=True, retry=FAST, endpoints={"docker.io": source_registry.host})
    report = asyncio.run(mirror_list(images, f"{target_registry.host}/mirror", CredentialStore(), options, recorder))
    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert recorder.totals == [1]
    assert recorder.sources == ["docker.io/library/alpine:3.20"]
    assert recorder.statuses == [Status.COPIED]
    assert sum(recorder.chunks) == sum(b.size for b in desc.blobs)


def test_a_resumed_download_is_counted_once_though_its_upload_was_restarted(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
    target_proxy: InterposingProxy,
) -> None:
    desc = push_image(source_registry, "lib/resumed", oci_image((400 * KiB,), seed="resumed"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size).digest
    source_proxy.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_fraction=0.5)))
    failed = Action(status=500, body=error_body("UNKNOWN", "disk hiccup"))
    target_proxy.rules.append(
        first(1, lambda s: s.method == "PUT" and "/blobs/uploads/" in s.path and layer[7:] in s.path, failed)
    )
    result = one(run([job(f"{source_proxy.host}/lib/resumed:1", f"{target_proxy.host}/m/resumed:1")]))
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/resumed:1") == desc.digest
    assert len(source_proxy.requests("GET", layer)) == 3  # cut, resumed, then read again for the restarted upload
    assert "blobs: 2 copied (1 resumed after a broken download)" in (result.detail or ""), result.detail


def test_a_download_resumed_once_is_counted_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source_proxy: InterposingProxy
) -> None:
    desc = push_image(source_registry, "lib/once", oci_image((400 * KiB,), seed="once"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size).digest
    source_proxy.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_fraction=0.5)))
    result = one(run([job(f"{source_proxy.host}/lib/once:1", f"{target_registry.host}/m/once:1")]))
    assert result.status is Status.COPIED, result
    assert len(source_proxy.requests("GET", layer)) == 2
    assert "blobs: 2 copied (1 resumed after a broken download)" in (result.detail or ""), result.detail
