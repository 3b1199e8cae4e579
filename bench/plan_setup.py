"""Seeding for `python -m bench.planning`: one tiny image tagged N times at a source and a target, an image list.

The list's lines `bench/plan:t0001` are Docker Hub names (`docker.io` is reached at the source's WAN proxy) and
land under `<target>/mirror/docker-hub/bench/plan:t0001`, where the same manifest is already tagged: every entry
is up to date, the warm check of a scheduled run. Tagging a manifest again is one PUT, so thousands of entries
cost seconds to seed, not thousands of pushes.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from ecr_mirror.lab.image_types import ImageContent
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import PushClient, push_image
from ecr_mirror.lab.registry import LocalRegistry

SOURCE_REPOSITORY = "bench/plan"
TARGET_REPOSITORY = "mirror/docker-hub/bench/plan"
SEED_THREADS = 8


def tag_name(i: int) -> str:
    return f"t{i:04d}"


def seed_tags(registry: LocalRegistry, repository: str, content: ImageContent, count: int) -> None:
    """Push `content` once under `repository`, then tag its manifest `count` times (t0000 ...)."""
    push_image(registry, repository, content, tags=(tag_name(0),))
    top = content.top

    def put(tags: Sequence[str]) -> None:
        with PushClient(registry.url, credentials=registry.credentials) as client:
            for tag in tags:
                client.put_manifest(repository, tag, top.body, top.media_type, top.digest)

    tags = [tag_name(i) for i in range(1, count)]
    with ThreadPoolExecutor(SEED_THREADS) as pool:
        list(pool.map(put, [tags[k::SEED_THREADS] for k in range(SEED_THREADS)]))


def seed_planning(source: LocalRegistry, target: LocalRegistry, count: int) -> str:
    """The same tiny image tagged `count` times at the source and, under the mirrored name, at the target."""
    content = oci_image(seed="bench-planning")
    seed_tags(source, SOURCE_REPOSITORY, content, count)
    seed_tags(target, TARGET_REPOSITORY, content, count)
    return content.digest


def write_list(path: Path, count: int) -> Path:
    """An image list of the first `count` tags, one `bench/plan:tNNNN` line each."""
    lines = ["# python -m bench.planning: every entry is already mirrored", *_entries(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _entries(count: int) -> list[str]:
    return [f"{SOURCE_REPOSITORY}:{tag_name(i)}" for i in range(count)]


def manifest_digest(registry: LocalRegistry, repository: str, reference: str) -> str | None:
    """The digest the registry answers for a manifest (straight to it, not through a proxy); None if absent."""
    accept = ", ".join(
        [
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
        ]
    )
    response = httpx.head(f"{registry.url}/v2/{repository}/manifests/{reference}", headers={"Accept": accept})
    if response.status_code == 404:
        return None
    response.raise_for_status()
    digest: str | None = response.headers.get("docker-content-digest")
    return digest
