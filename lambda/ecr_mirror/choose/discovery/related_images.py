"""An operator's `RELATED_IMAGE_*` environment variables in a Kubernetes manifest: the images it deploys (pure).

Operator Lifecycle Manager's convention (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages):
an environment variable of the operator's Deployment named `RELATED_IMAGE_*` names an image the operator runs, and
is listed among the operator's related images, the ones a disconnected cluster must mirror (grafana-operator's
`RELATED_IMAGE_GRAFANA: docker.io/grafana/grafana:13.1.3`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference


def _related(node: object) -> Iterator[tuple[str, str]]:
    """(name, value) of each `{name: RELATED_IMAGE_*, value: IMAGE}` entry: an operator's environment variable naming
    an image it deploys, which Operator Lifecycle Manager lists as a related image to mirror
    (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages); a value that is no image
    reference is not read."""
    for mapping in (node, *(child for _, _, child in entries(node))):
        if not isinstance(mapping, dict):
            continue
        name, value = mapping.get("name"), mapping.get("value")
        if isinstance(name, str) and name.startswith("RELATED_IMAGE_") and isinstance(value, str):
            with contextlib.suppress(ReferenceError_):
                parse_reference(value.strip())
                yield name, value


def related_images(document: object) -> Iterator[tuple[str, str]]:
    """(variable name, image as written) of each `RELATED_IMAGE_*` entry of a manifest document, in order."""
    return _related(document)
