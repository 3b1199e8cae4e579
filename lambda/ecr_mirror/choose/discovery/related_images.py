"""An operator's `RELATED_IMAGE_*` environment variables in a Kubernetes manifest: the images it deploys (pure).

Operator Lifecycle Manager's convention (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages):
an environment variable of the operator's Deployment named `RELATED_IMAGE_*` names an image the operator runs, and
is listed among the operator's related images, the ones a disconnected cluster must mirror (grafana-operator's
`RELATED_IMAGE_GRAFANA: docker.io/grafana/grafana:13.1.3`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference


def _entries(node: object, seen: set[int]) -> Iterator[tuple[str, str]]:
    """(name, value) of each `{name: RELATED_IMAGE_*, value: IMAGE}` entry: an operator's environment variable naming
    an image it deploys, which Operator Lifecycle Manager lists as a related image to mirror
    (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages); a value that is no image
    reference is not read."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        name, value = node.get("name"), node.get("value")
        if isinstance(name, str) and name.startswith("RELATED_IMAGE_") and isinstance(value, str):
            with contextlib.suppress(ReferenceError_):
                parse_reference(value.strip())
                yield name, value
    for child in node.values() if isinstance(node, dict) else node:
        yield from _entries(child, seen)


def related_images(document: object) -> Iterator[tuple[str, str]]:
    """(variable name, image as written) of each `RELATED_IMAGE_*` entry of a manifest document, in order."""
    return _entries(document, set())
