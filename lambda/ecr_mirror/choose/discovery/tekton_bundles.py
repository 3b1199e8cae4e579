"""The Tekton bundles a Tekton document's task and pipeline references pull (pure).

A Pipeline's task (`tasks[]`, `finally[]`, also in a run's embedded `pipelineSpec`) or a PipelineRun's pipeline may
be fetched from a Tekton bundle, an OCI image holding the Task or Pipeline: the bundles resolver,
`taskRef: {resolver: bundles, params: [{name: bundle, value: IMAGE}, {name: name, ...}, {name: kind, ...}]}`, pulls
the image its `bundle` parameter names when the run starts (https://tekton.dev/docs/pipelines/bundle-resolver/), as
Konflux's build pipelines name their catalog's tasks (`quay.io/konflux-ci/tekton-catalog/task-init:0.4@sha256:...`);
so does the older `bundle` field of `taskRef` and `pipelineRef` (v1beta1,
https://tekton.dev/docs/pipelines/pipelines/#tekton-bundles). Another resolver (`git`, `hub`, `cluster`) or a
reference by name alone names no image. A value written as a parameter (`$(params.bundle)`) is resolved by the
caller as Tekton substitutes it (tekton_params.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ecr_mirror.choose.discovery.collect import Explain, Resolver, found_item, literal, no_value
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_walk import entries

_REFERENCES = ("taskRef", "pipelineRef")


def is_tekton_document(doc: object) -> bool:
    """A document of a Tekton API group (`tekton.dev/v1`, `triggers.tekton.dev/v1beta1` whose templates embed runs)."""
    api_version = doc.get("apiVersion") if isinstance(doc, dict) else None
    return isinstance(api_version, str) and (api_version.startswith("tekton.dev/") or ".tekton.dev/" in api_version)


def bundle_references(doc: object) -> Iterator[tuple[str, object]]:
    """(use, value) of each bundle a Tekton document's `taskRef` and `pipelineRef` mappings name, in document
    order; nothing for a document of another API group."""
    if not is_tekton_document(doc):
        return
    for _, key, child in entries(doc):
        if key not in _REFERENCES or not isinstance(child, dict):
            continue
        if "bundle" in child:
            yield f"{key}.bundle", child["bundle"]
        if child.get("resolver") != "bundles" or not isinstance(params := child.get("params"), list):
            continue
        for param in params:
            if isinstance(param, dict) and param.get("name") == "bundle" and "value" in param:
                yield f"{key} bundle (bundles resolver)", param["value"]


def bundle_images(doc: object, origin: str, resolve: Resolver = literal, explain: Explain = no_value) -> list[Found]:
    """The bundles of `doc` (bundle_references) as manifest images, each `$(params.NAME)` by `resolve`."""
    found: list[Found] = []
    for use, value in bundle_references(doc):
        if item := found_item(value, origin, use, resolve, explain):
            found.append(dataclasses.replace(item, kind="Kubernetes manifest"))
    return found
