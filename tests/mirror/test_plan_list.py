"""plan_list: a parsed list checked with HEAD requests only, whatever the options say about dry runs; each checked
image's job beside its result, the entries refused before checking in the report only."""

from __future__ import annotations

import asyncio

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import MirrorOptions, plan_list
from ecr_mirror.oci.credentials import CredentialStore

LIST = """\
images:
  - source: python
    tags: {semver: ">=3.12"}
    platforms: [linux/amd64]
  - source: python
    tags: {match: "3.12"}
    platforms: [linux/arm64]
  - alpine:3.20
  - busybox:1
"""


def test_a_list_is_planned_with_heads_only_and_each_checked_job_is_paired_with_its_result(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    for tag in ("3.12", "3.13"):
        push_image(source_registry, "library/python", oci_index(seed=f"plan-{tag}"), tags=[tag])
    alpine = push_image(source_registry, "library/alpine", oci_image(seed="plan-alpine"), tags=["3.20"])
    busybox = push_image(source_registry, "library/busybox", oci_image(seed="plan-busybox"), tags=["1"])
    push_image(target_registry, "m/docker-hub/library/busybox", oci_image(seed="plan-busybox"), tags=["1"])
    source_registry.reset_counts()
    target_registry.reset_counts()
    images = parse_image_list(LIST)
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": source_registry.host}, dry_run=False)

    report, planned = asyncio.run(plan_list(images, f"{target_registry.host}/m", CredentialStore(), options))

    # Rule 1 selects 3.12 and 3.13, rule 2 selects 3.12 with another platform: 3.12 is refused before checking.
    (refused,) = [r for r in report.images if r.target.endswith("python:3.12")]
    assert refused.status is Status.FAILED and "line 2" in (refused.error or ""), refused
    assert len(report.images) == 4
    by_name = {str(p.job.target).rsplit("/", 1)[-1]: p for p in planned}
    assert sorted(by_name) == ["alpine:3.20", "busybox:1", "python:3.13"]
    for p in planned:
        assert any(p.result is r for r in report.images)  # the report's own result, not a copy
        assert (p.result.source, p.result.target) == (str(p.job.source), str(p.job.target))
    assert by_name["python:3.13"].job.platforms == ("linux/amd64",)
    assert str(by_name["alpine:3.20"].job.target) == f"{target_registry.host}/m/docker-hub/library/alpine:3.20"
    assert by_name["alpine:3.20"].result.status is Status.PLANNED
    assert by_name["alpine:3.20"].result.upstream_digest == alpine.digest
    assert by_name["python:3.13"].result.status is Status.PLANNED
    assert by_name["busybox:1"].result.status is Status.SKIPPED
    assert by_name["busybox:1"].result.digest == busybox.digest
    # HEADs (and the tag listing) only: no pull at the source, nothing written at the target.
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 0
    assert source_registry.request_counts().get(("GET", "blob"), 0) == 0
    assert not [k for k in target_registry.request_counts() if k[0] in ("PUT", "POST", "PATCH")]


def test_a_list_whose_every_selected_tag_is_refused_plans_nothing(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    push_image(source_registry, "library/python", oci_index(seed="plan-none"), tags=["3.12"])
    rule = "  - source: python\n    tags: {{match: '3.12'}}\n    platforms: [linux/{}]\n"
    images = parse_image_list("images:\n" + rule.format("amd64") + rule.format("arm64"))
    assert images.errors == [], images.errors
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": source_registry.host})

    report, planned = asyncio.run(plan_list(images, f"{target_registry.host}/m", CredentialStore(), options))

    assert planned == []
    (refused,) = report.images
    assert refused.status is Status.FAILED and "line 2" in (refused.error or ""), refused
