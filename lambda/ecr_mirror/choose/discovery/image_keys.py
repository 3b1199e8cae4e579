"""Images under keys that name one, in Kubernetes objects other than a container's `image` (pure).

Operators take the images they deploy from their configuration and their custom resources, under keys of their own:
`docker_image` and `logical_backup_docker_image` in a ConfigMap's `data` or an OperatorConfiguration,
`dockerImage` in a `postgresql` resource, `defaultUserUpdaterImage` in a RabbitmqCluster, `imageName` in a
CloudNativePG `Cluster`. A key whose name ends in
`Image` (camelCase) or `_image` / `-image` (any case), whose value is one string written with a tag or a digest
(`ghcr.io/zalando/spilo-18:4.1-p2`), names an image that the operator makes the cluster pull. A bare name
(`osImage: ubuntu-22.04`, a VM image of another tool) or a value that is no image reference is not read, nor an
`image` key (yaml_sources.py reads those), nor a mapping with `imagePullPolicy: Never`, nor an object's
`metadata.annotations` (an OLM ClusterServiceVersion's `containerImage`: what a catalog shows, not a pull).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

# `imageName` too (and `*ImageName`): a CloudNativePG `Cluster`'s `spec.imageName`, the PostgreSQL image its instances
# run ("The CloudNativePG operator ... is designed to work with any compatible container image of PostgreSQL",
# https://cloudnative-pg.io/documentation/1.21/container_images/)
_KEY_RE = re.compile(r"(?:[a-z0-9]Image|[_-][iI][mM][aA][gG][eE])$|^imageName$|[a-z0-9]ImageName$")


def pinned_reference(value: str) -> bool:
    """A reference written with a tag (a `:` after the last `/`) or a digest."""
    text = value.strip()
    if not text or any(c.isspace() for c in text) or ("@" not in text and ":" not in text.rsplit("/", 1)[-1]):
        return False
    try:
        parse_reference(text)
    except ReferenceError_:
        return False
    return True


# a part of a property's dotted path that names an image (`image`, `builderImage`, `git-clone-image`, any case), or
# images (`proxy.images.alpine`): the keys of programs' own configuration (Spring properties, viper defaults)
_PROPERTY_IMAGE_RE = re.compile(r"image|\w*Image|[\w-]*[-_]image", re.IGNORECASE)
_PROPERTY_IMAGES_RE = re.compile(r"images|\w*Images|[\w-]*[-_]images", re.IGNORECASE)


def property_names_image(part: str) -> bool:
    """Whether a part of a property's key names an image (`image`, `*Image`, `*-image`, `*_image`, any case)."""
    return _PROPERTY_IMAGE_RE.fullmatch(part) is not None


def property_names_images(part: str) -> bool:
    """Whether a part of a property's key names images (`images`, `*Images`, `*-images`, `*_images`, any case)."""
    return _PROPERTY_IMAGES_RE.fullmatch(part) is not None


def image_name(key: object) -> bool:
    """Whether `key` names an image (`dockerImage`, `logical_backup_docker_image`, `OPERATOR_IMAGE`)."""
    return isinstance(key, str) and _KEY_RE.search(key) is not None


def split_name(parent: object, value: str) -> bool:
    """Whether `value`, an `image` of mapping `parent`, is only the name part of a reference the mapping splits: a
    bare name (no `/`, `:` or `@`) beside a `repository` and a `version` or `tag`, as NVIDIA's GPU operator writes
    its operands in a ClusterPolicy (`repository: nvcr.io/nvidia`, `image: cuda`, `version: 11.6.1-base-ubi8`,
    https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/getting-started.html).
    The operator joins them, adding its own suffixes (the driver's OS), so `cuda` alone is no image pulled."""
    if not isinstance(parent, dict) or not isinstance(parent.get("repository"), str):
        return False
    return ("version" in parent or "tag" in parent) and not any(mark in value for mark in "/:@")


def _annotations(node: object) -> set[int]:
    """The ids of the `metadata.annotations` mappings under `node`: text that describes an object (an OLM
    ClusterServiceVersion's `containerImage`, shown in a catalog), which makes nothing pull."""
    return {
        id(child["annotations"])
        for _, key, child in entries(node)
        if key == "metadata" and isinstance(child, dict) and isinstance(child.get("annotations"), dict)
    }


def keyed_images(node: object, seen: set[int] | None = None) -> Iterator[tuple[str, str]]:
    """(key, value as written) of each image under a key naming one, not in annotations; an aliased node is walked
    once."""
    described = _annotations(node)
    for parent, key, child in entries(node, seen):
        if id(parent) in described:
            continue
        never = isinstance(parent, dict) and parent.get("imagePullPolicy") == "Never"
        if image_name(key) and isinstance(child, str) and not never and pinned_reference(child):
            yield key, child
