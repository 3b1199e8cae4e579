"""Platform filters against the real registry: reduced indexes, skips with reasons, HEAD-only re-runs."""

from __future__ import annotations

import json
import re

from ecr_mirror.choose.platforms import SOURCE_DIGEST_ANNOTATION
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import sha256_digest
from ecr_mirror.oci.reference import parse_reference
from tests.mirror.helpers import run
from tests.support.proxy import Action, InterposingProxy, Seen

PLATFORMS = ("linux/amd64", "linux/arm64/v8", "linux/s390x")


def _job(src: str, dst: str, *platforms: str) -> Job:
    return Job(parse_reference(src), parse_reference(dst), tuple(platforms))


def test_filter_writes_a_reduced_index_with_attestations_and_rerun_is_head_only(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/multi", oci_index(platforms=PLATFORMS, seed="pf1"), tags=["1"])
    dst = f"{target_registry.host}/m/multi:1"
    report = run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")])
    (result,) = report.images
    assert result.status is Status.COPIED, result
    assert result.digest != desc.digest and result.digest == inspect_digest(dst)
    assert f"source index {desc.digest}; digests differ" in (result.detail or "")
    assert (result.detail or "").startswith("reduced index with linux/amd64, linux/arm64/v8 (source index ")
    reduced = json.loads(inspect_raw(dst))
    platforms = [
        (m["platform"]["architecture"], m.get("annotations", {}).get("vnd.docker.reference.type"))
        for m in reduced["manifests"]
    ]
    assert sorted(platforms, key=str) == sorted(
        [("amd64", None), ("arm64", None), ("unknown", "attestation-manifest"), ("unknown", "attestation-manifest")],
        key=str,
    )
    assert reduced["annotations"][SOURCE_DIGEST_ANNOTATION] == desc.digest
    for child in reduced["manifests"]:  # every kept child is at the target, by digest
        assert inspect_digest(f"{target_registry.host}/m/multi@{child['digest']}") == child["digest"]
    s390x = [
        m for m in json.loads(inspect_raw(desc.reference))["manifests"] if m["platform"]["architecture"] == "s390x"
    ]
    assert s390x and s390x[0]["digest"] not in {m["digest"] for m in reduced["manifests"]}

    source_registry.reset_counts()
    again = run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")])
    assert again.images[0].status is Status.SKIPPED
    assert "reduced index" in (again.images[0].detail or "")
    assert source_registry.request_counts()[("GET", "manifest")] == 0


def test_filter_matching_every_platform_keeps_the_index_byte_exact(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/two", oci_index(seed="pf2"), tags=["1"])  # amd64 + arm64/v8
    dst = f"{target_registry.host}/m/two:1"
    report = run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")])
    assert report.images[0].status is Status.COPIED
    assert inspect_digest(dst) == desc.digest == report.images[0].digest
    # Nothing reduced, so the detail has no note before the copy's counts.
    assert (report.images[0].detail or "").startswith(f"{len(desc.manifests)} manifest GETs at the source; blobs: ")


def test_a_filter_still_keeping_every_platform_finds_the_whole_index_up_to_date(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/whole", oci_index(seed="pf-whole"), tags=["1"])  # amd64 + arm64/v8
    dst = f"{target_registry.host}/m/whole:1"
    assert run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")]).images[0].status is Status.COPIED
    source_registry.reset_counts()

    (again,) = run([_job(desc.reference, dst, "linux/arm64", "linux/amd64")]).images

    assert (again.status, again.detail, again.digest) == (
        Status.SKIPPED,
        "target already holds this digest",
        desc.digest,
    )
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 0


def test_no_matching_platform_is_skipped_with_a_reason(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    index = push_image(source_registry, "lib/idx", oci_index(seed="pf3"), tags=["1"])
    single = push_image(source_registry, "lib/one", oci_image(platform="linux/arm64", seed="pf4"), tags=["1"])
    report = run(
        [
            _job(index.reference, f"{target_registry.host}/m/idx:1", "windows/amd64", "windows/arm64"),
            _job(single.reference, f"{target_registry.host}/m/one:1", "linux/amd64"),
            _job(single.reference, f"{target_registry.host}/m/one-ok:1", "linux/arm64"),
        ]
    )
    statuses = [r.status for r in report.images]
    assert statuses == [Status.SKIPPED, Status.SKIPPED, Status.COPIED], report.to_dict()
    assert "none of the index's platforms matches [windows/amd64, windows/arm64]" in (report.images[0].detail or "")
    assert "single-platform image for linux/arm64, not in [linux/amd64]" in (report.images[1].detail or "")
    writes = [k for k in target_registry.request_counts() if k[0] in ("PUT", "POST")]
    assert writes  # only the matching single image was written
    assert inspect_digest(f"{target_registry.host}/m/one-ok:1") == single.digest
    # Matched whole: no note before the copy's counts (the two jobs of one source share its manifest GET).
    assert re.fullmatch(r"[01] manifest GETs at the source; blobs: \d+ copied", report.images[2].detail or "")


def test_a_widened_platform_filter_copies_again_and_the_target_has_both(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/widen", oci_index(platforms=PLATFORMS, seed="pf-widen"), tags=["1"])
    dst = f"{target_registry.host}/m/widen:1"
    first = run([_job(desc.reference, dst, "linux/amd64")])
    assert first.images[0].status is Status.COPIED, first.to_dict()

    second = run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")])
    # The same set, in another order and spelling (arm64/v8 is arm64): up to date.
    third = run([_job(desc.reference, dst, "linux/arm64/v8", "linux/amd64")])

    assert second.images[0].status is Status.COPIED, second.to_dict()
    reduced = json.loads(inspect_raw(dst))
    arches = sorted(m["platform"]["architecture"] for m in reduced["manifests"] if "attestation" not in str(m))
    assert arches == ["amd64", "arm64"]
    assert inspect_digest(dst) == second.images[0].digest
    assert third.images[0].status is Status.SKIPPED, third.to_dict()


def test_a_narrowed_filter_replaces_a_whole_index_with_a_reduced_one(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/narrow", oci_index(seed="pf-narrow"), tags=["1"])  # amd64 + arm64/v8
    dst = f"{target_registry.host}/m/narrow:1"
    assert run([_job(desc.reference, dst, "linux/amd64", "linux/arm64")]).images[0].status is Status.COPIED
    assert inspect_digest(dst) == desc.digest  # every platform kept: the index itself

    narrowed = run([_job(desc.reference, dst, "linux/amd64")])

    assert narrowed.images[0].status is Status.COPIED, narrowed.to_dict()
    reduced = json.loads(inspect_raw(dst))
    assert {m["platform"]["architecture"] for m in reduced["manifests"]} == {"amd64", "unknown"}  # + its attestation


def test_a_single_image_whose_config_descriptor_is_broken_fails_naming_the_source(
    target_registry: LocalRegistry,
) -> None:
    """The platform filter reads a single image's config: a config descriptor that is no sha256 digest fails the
    image with an error naming the config of the source reference, and nothing is written at the target."""
    body = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": mediatypes.OCI_MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:short", "size": 2},
            "layers": [],
        }
    ).encode()
    digest = sha256_digest(body)

    def serve(seen: Seen) -> Action | None:
        if seen.path.split("?")[0] in ("/v2/lib/broken/manifests/1", f"/v2/lib/broken/manifests/{digest}"):
            headers = {"Content-Type": mediatypes.OCI_MANIFEST, "Docker-Content-Digest": digest}
            return Action(status=200, body=b"" if seen.method == "HEAD" else body, headers=headers)
        return Action(status=404, body=b'{"errors":[{"code":"NAME_UNKNOWN"}]}')

    with InterposingProxy(None) as source:
        source.rules.append(serve)
        reference = f"{source.host}/lib/broken:1"
        report = run([_job(reference, f"{target_registry.host}/m/broken:1", "linux/amd64")])

    (result,) = report.images
    assert result.status is Status.FAILED, result
    assert result.error == f"config of {reference}: descriptor digest 'sha256:short' is not sha256:<64 hex>"
    assert not [k for k in target_registry.request_counts() if k[0] in ("PUT", "POST")]
