"""A parsed list against real registries: pins never move a tag, and two entries never fight over one tag."""

from __future__ import annotations

import asyncio

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, list_tags
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore


def _sync(text: str, source: LocalRegistry, target: LocalRegistry) -> Report:
    images = parse_image_list(text)
    assert images.errors == []
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": source.host})
    return asyncio.run(mirror_list(images, f"{target.host}/mirror", CredentialStore(), options))


def _writes(registry: LocalRegistry) -> int:
    return sum(n for (method, _), n in registry.request_counts().items() if method in ("PUT", "POST", "PATCH"))


def test_a_tag_at_digest_pin_keeps_its_own_tag_and_the_moving_tag_stops_flipping(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    old = push_image(source_registry, "library/alpine", oci_image(seed="pin-old"), tags=["3.20"])
    new = push_image(source_registry, "library/alpine", oci_image(seed="pin-new"), tags=["3.20"])  # upstream moved
    text = f"alpine:3.20@{old.digest}\nalpine:3.20\n"

    first = _sync(text, source_registry, target_registry)
    assert [r.status for r in first.images] == [Status.COPIED, Status.COPIED], first.images
    repo = f"{target_registry.host}/mirror/docker-hub/library/alpine"
    pinned = "pinned-" + old.digest.replace(":", "-")
    assert sorted(list_tags(repo)) == sorted(["3.20", pinned])
    assert inspect_digest(f"{repo}:3.20") == new.digest
    assert inspect_digest(f"{repo}:{pinned}") == old.digest

    target_registry.reset_counts()
    again = _sync(text, source_registry, target_registry)
    assert [r.status for r in again.images] == [Status.SKIPPED, Status.SKIPPED]
    assert _writes(target_registry) == 0
    assert inspect_digest(f"{repo}:3.20") == new.digest


RULES = """\
images:
  - source: python
    tags: {semver: ">=3.12"}
    platforms: [linux/amd64]
  - source: python
    tags: {match: "3.12"}
    platforms: [linux/arm64]
  - alpine:3.20
"""


def test_two_rules_selecting_one_tag_with_different_platforms_are_a_list_error_and_the_rest_runs(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    for tag in ("3.12", "3.13"):
        index = oci_index(platforms=("linux/amd64", "linux/arm64"), seed=tag)
        push_image(source_registry, "library/python", index, tags=[tag])
    push_image(source_registry, "library/alpine", oci_image(seed="alpine"), tags=["3.20"])

    report = _sync(RULES, source_registry, target_registry)

    by_target = {r.target.rsplit("/", 1)[-1]: r for r in report.images}
    assert by_target["alpine:3.20"].status is Status.COPIED
    assert by_target["python:3.13"].status is Status.COPIED
    conflict = by_target["python:3.12"]
    assert conflict.status is Status.FAILED
    assert conflict.error is not None and "line 2" in conflict.error and "line 5" in conflict.error
    assert len(report.images) == 3
    assert list_tags(f"{target_registry.host}/mirror/docker-hub/library/python") == ["3.13"]
