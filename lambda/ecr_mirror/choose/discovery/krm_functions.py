"""The image of a KRM function a Kubernetes object's annotation declares (pure).

A resource annotated `config.kubernetes.io/function` (the older `config.k8s.io/function`) declares a function that
`kpt fn run` and `kustomize fn run` run over the resources of its directory: the annotation's value is a YAML block
whose `container.image` is the function's image, run as a container
(https://github.com/kubernetes-sigs/kustomize/blob/master/cmd/config/docs/api-conventions/functions-spec.md):
skaffold's kpt codelab `fn-kubeval.yaml`, `container: {image: gcr.io/kpt-functions/kubeval}`. A function run as
`exec` or `starlark` names no image, and another annotation is not read.
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

_ANNOTATIONS = ("config.kubernetes.io/function", "config.k8s.io/function")
# the `use` of a function's image: kustomize and kpt run it with the local container runtime (`docker run`,
# https://kubectl.docs.kubernetes.io/guides/extending_kustomize/containerized_krm_functions/), not on a cluster, so
# a build of the tree under its name and tag is what runs (build_flows.published_use)
FUNCTION_USES = tuple(f"{key} container" for key in _ANNOTATIONS)


def function_annotation_images(doc: object, origin: str) -> list[Found]:
    """The `container.image` of the KRM function annotations of `doc`, at its line in `origin`."""
    metadata = doc.get("metadata") if isinstance(doc, dict) else None
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    found: list[Found] = []
    for key in _ANNOTATIONS:
        value = annotations.get(key) if isinstance(annotations, dict) else None
        if not isinstance(value, str) or "image" not in value or (start := line_of(value)) is None:
            continue
        try:
            documents = load_documents(str(value), origin)
        except ConfigError:
            continue  # an annotation kpt would refuse
        for spec in documents:
            container = spec.get("container") if isinstance(spec, dict) else None
            image = container.get("image") if isinstance(container, dict) else None
            if item := found_item(image, origin, f"{key} container"):  # FUNCTION_USES
                line = start + (line_of(image) or 0)  # a block's text starts on the line after `key: |`
                found.append(dataclasses.replace(item, line=line, kind="Kubernetes manifest"))
    return found
