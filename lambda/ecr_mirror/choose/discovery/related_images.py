"""An operator's `RELATED_IMAGE_*` environment variables in a Kubernetes manifest: the images it deploys (pure).

Operator Lifecycle Manager's convention (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages):
an environment variable of the operator's Deployment named `RELATED_IMAGE_*` names an image the operator runs, and
is listed among the operator's related images, the ones a disconnected cluster must mirror (grafana-operator's
`RELATED_IMAGE_GRAFANA: docker.io/grafana/grafana:13.1.3`). Other variables named as keys naming an image are
(image_keys.py: `MARIADB_OPERATOR_IMAGE: ghcr.io/mariadb-operator/mariadb-operator:0.34.0`, the image the operator
runs its own jobs with); so is a variable whose name starts with `IMAGE_`, the Tekton operator's convention, which
replaces each container it deploys with the value of `IMAGE_<COMPONENT>_<CONTAINER>`
(https://github.com/tektoncd/operator/blob/main/docs/AirGapImageConfiguration.md: `IMAGE_JOB_PRUNER_TKN:
ghcr.io/tektoncd/plumbing/tkn@sha256:...`); as with those keys, only a value with a tag or a digest is read
(`IMAGE_PULL_POLICY: IfNotPresent` is not), but for a `RELATED_IMAGE_*` value naming a registry host, untagged
(3scale's `RELATED_IMAGE_ZYNC_POSTGRESQL: quay.io/sclorg/postgresql-15-c8s`, pulled at `latest`). A name for a
build's output (`output-image`, the parameter of a Konflux build PipelineRun; `OUTPUT_IMAGE`) is not read: the run
builds and pushes that image.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.oci.reference import reference_or_none

# a build's output, the image it builds and pushes: Konflux's build pipelines' `output-image` parameter ("Fully
# Qualified Output Image", https://github.com/konflux-ci/build-definitions/blob/main/pipelines/docker-build/README.md),
# `OUTPUT_IMAGE`, `outputImage`
_OUTPUT_RE = re.compile(r"output[-_]?image", re.IGNORECASE)


def _related(node: object) -> Iterator[tuple[str, str]]:
    """(name, value) of each `{name: RELATED_IMAGE_*, value: IMAGE}` entry: an operator's environment variable naming
    an image it deploys, which Operator Lifecycle Manager lists as a related image to mirror
    (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages), or another variable named as
    a key naming an image is (`OPERATOR_IMAGE`); only a value written with a tag or a digest is read
    (`RELATED_IMAGE_DB_NAME: mariadb` names the pods, not an image)."""
    for mapping in (node, *(child for _, _, child in entries(node))):
        if not isinstance(mapping, dict):
            continue
        name, value = mapping.get("name"), mapping.get("value")
        related = isinstance(name, str) and (name.startswith(("RELATED_IMAGE_", "IMAGE_")) or image_name(name))
        related = related and not _OUTPUT_RE.fullmatch(str(name))  # what the run builds and pushes
        if related and isinstance(value, str) and (pinned_reference(value) or _on_registry(str(name), value)):
            yield str(name), value


def _on_registry(name: str, value: str) -> bool:
    """An untagged `RELATED_IMAGE_*` value that names a registry host (`quay.io/sclorg/postgresql-15-c8s`, 3scale's
    operator default): OLM's convention makes the value an image, which the operator deploys as written and the
    registry serves at `latest`; a bare name (`mariadb`, `acme/mirror`) is not read."""
    host, slash, _ = value.strip().partition("/")
    on_host = slash and ("." in host or ":" in host or host == "localhost")
    return bool(name.startswith("RELATED_IMAGE_") and on_host and reference_or_none(value.strip()) is not None)


def related_images(document: object) -> Iterator[tuple[str, str]]:
    """(variable name, image as written) of each `RELATED_IMAGE_*` entry of a manifest document, in order."""
    return _related(document)
