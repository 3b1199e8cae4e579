"""Kubernetes containers written out in YAML that no other reader takes (pure).

A Helm chart's values may hold whole container specs that its templates copy into a pod (`sidecars:`,
`extraContainers:`, `initContainers:` of a chart elsewhere: bank-of-anthos' pgpool values), and a kustomize JSON
patch adds one to a workload (`- op: add`, `path: /spec/template/spec/containers/-`, `value: {name, image, ...}`).
Neither file is a Kubernetes object, so their `image:` is not read as one; a mapping that is a container beyond
doubt is: a string `name`, a string `image`, and at least one key that only a Kubernetes container has (`command`,
`args`, `env`, `ports`, `resources`, `volumeMounts`, probes, ...), not with `imagePullPolicy: Never`
(https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container). So is a test of
operator-sdk's scorecard, which the patches it scaffolds add to its `Configuration` (`config/scorecard/patches/`:
`value: {entrypoint: [scorecard-test, ...], image: quay.io/operator-framework/scorecard-test:v1.39.2, labels: {suite,
test}}`): a string `image`, an `entrypoint` list and `labels` naming the `test`; `operator-sdk scorecard` runs it as
a pod.

A Kustomization's inline patches (`patches[].patch`, `patchesJson6902[].patch`: a YAML string) are read so too, at
the lines of the kustomization file: kuberay's e2e overlay adds a `curlimages/curl:latest` container to the
apiserver's Deployment with `- op: add`, `path: /spec/template/spec/containers/1`, `value: {name, image, command}`.
A JSON patch operation that sets a container's image (`path: .../containers/0/image`, `value: IMAGE`), in a patch file
or inline, is read too (json_patch_ops.py).

The executors of a Kubeflow Pipelines pipeline spec, the IR YAML its compiler writes, are read too (their
containers have no `name`; kfp_pipelines.py).

A helm-unittest suite (`suite:` or `templates:` with `tests:`) is not read: the values it `set:`s are rendered in a
unit test, never deployed (traefik's chart tests). Other values (an `image: {repository, tag}` mapping of a chart
elsewhere, a CI system's steps with `commands` and `environment`) stay counted on stderr as not read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.json_patch_ops import PATCHED_USE, patched_images
from ecr_mirror.choose.discovery.kfp_pipelines import KFP_PIPELINE, pipeline_images
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.choose.discovery.yaml_walk import without_schema_examples
from ecr_mirror.errors import ConfigError

_PATCH_LISTS = ("patches", "patchesJson6902")

CONTAINER_KEYS = frozenset({
    "command", "args", "env", "envFrom", "ports", "resources", "volumeMounts", "volumeDevices", "livenessProbe",
    "readinessProbe", "startupProbe", "securityContext", "workingDir", "lifecycle", "terminationMessagePath",
    "terminationMessagePolicy", "imagePullPolicy",
})  # fmt: skip


def _scorecard_test(node: dict[object, object]) -> bool:
    labels = node.get("labels")
    return isinstance(node.get("entrypoint"), list) and isinstance(labels, dict) and "test" in labels


def _containers(node: object, seen: set[int]) -> Iterator[object]:
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    if (
        isinstance(node, dict)
        and isinstance(node.get("image"), str)
        and ((isinstance(node.get("name"), str) and CONTAINER_KEYS & set(node)) or _scorecard_test(node))
    ):
        if node.get("imagePullPolicy") != "Never":
            yield node["image"]
        return
    for child in node.values() if isinstance(node, dict) else node:
        yield from _containers(child, seen)


def _unit_test_suite(doc: object) -> bool:
    """A helm-unittest suite (https://github.com/helm-unittest/helm-unittest/blob/main/DOCUMENT.md)."""
    return isinstance(doc, dict) and isinstance(doc.get("tests"), list) and ("suite" in doc or "templates" in doc)


def container_images(text: str, origin: str) -> list[Found]:
    """The images of the container specs anywhere in the YAML documents of `text` (not in a helm-unittest suite).
    A text without `image` has no container spec, and is not parsed again (a YAML file no other reader claimed was
    parsed once already: netdata's 1,700 SNMP profiles)."""
    if "image" not in text:
        return []
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if _unit_test_suite(doc):
            continue
        for value in _containers(without_schema_examples(doc), set()):
            item = found_item(value, origin, "container image")
            found += [dataclasses.replace(item, kind="container spec in YAML")] if item else []
        for value in patched_images(doc):  # a kustomize JSON patch file's operations (json_patch_ops.py)
            item = found_item(value, origin, PATCHED_USE)
            found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
        for value in pipeline_images(doc):  # a Kubeflow Pipelines spec's executors (kfp_pipelines.py)
            item = found_item(value, origin, "executor container image")
            found += [dataclasses.replace(item, kind=KFP_PIPELINE)] if item else []
    return found


def kustomization_patch_images(doc: dict[object, object], origin: str) -> list[Found]:
    """The images of the containers a Kustomization's inline patches add, at their lines in `origin`."""
    found: list[Found] = []
    for key in _PATCH_LISTS:
        listed = doc.get(key)
        for entry in listed if isinstance(listed, list) else ():
            patch = entry.get("patch") if isinstance(entry, dict) else None
            if not isinstance(patch, str) or "image" not in patch or (start := line_of(patch)) is None:
                continue
            try:
                documents = load_documents(str(patch), origin)
            except ConfigError:
                continue  # a patch kustomize itself would refuse
            named = [(value, "container image (kustomize patch)") for value in _containers(documents, set())]
            named += [(value, PATCHED_USE) for document in documents for value in patched_images(document)]
            for value, use in named:
                item = found_item(value, origin, use)
                line = start + (line_of(value) or 0)  # the block's text starts on the line after `patch: |`
                found += [dataclasses.replace(item, line=line, kind="Kubernetes manifest")] if item else []
    return found
