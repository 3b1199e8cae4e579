"""The demo's sample images (about 3 MB), deterministic so their digests are the same on every run.

library/alpine:3.20        OCI index: linux/amd64 + linux/arm64/v8, each with a BuildKit attestation manifest
library/busybox:1.36       Docker schema2 image, one layer
library/python:3.12-slim   OCI image, 4 layers; the first is alpine's linux/amd64 layer (a shared blob,
                           so a cross-repository mount can be exercised)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ecr_mirror.lab.image_types import ImageContent, ImageDescription
from ecr_mirror.lab.images import docker_image, image_from_layers, index_of, make_layers
from ecr_mirror.lab.push import Endpoint, PushClient, push_image
from ecr_mirror.lab.registry import LocalRegistry

SAMPLE_SEED = "ecr-mirror-lab-samples-v1"
KiB = 1024


def sample_contents(seed: str = SAMPLE_SEED) -> dict[str, ImageContent]:
    """ "repository:tag" -> content, built in memory."""
    alpine_layers = {p: make_layers((512 * KiB,), f"{seed}/alpine/{p}") for p in ("linux/amd64", "linux/arm64/v8")}
    alpine_children = [
        image_from_layers(layers, fmt="oci", platform=p, seed=f"{seed}/alpine/{p}")
        for p, layers in alpine_layers.items()
    ]
    python_layers = [*alpine_layers["linux/amd64"], *make_layers((1024 * KiB, 384 * KiB, 48 * KiB), f"{seed}/python")]
    return {
        "library/alpine:3.20": index_of(alpine_children, fmt="oci", attestations=True, seed=f"{seed}/alpine"),
        "library/busybox:1.36": docker_image((256 * KiB,), seed=f"{seed}/busybox"),
        "library/python:3.12-slim": image_from_layers(python_layers, fmt="oci", seed=f"{seed}/python"),
    }


def seed_samples(target: PushClient | Endpoint, seed: str = SAMPLE_SEED) -> dict[str, ImageDescription]:
    """Push the sample set; returns "repository:tag" -> what was pushed."""
    out = {}
    for name, content in sample_contents(seed).items():
        repository, _, tag = name.partition(":")
        out[name] = push_image(target, repository, content, tags=[tag])
    return out


@dataclass(frozen=True)
class Seeded:
    """A registry and the samples pushed into it."""

    registry: LocalRegistry
    images: Mapping[str, ImageDescription]
