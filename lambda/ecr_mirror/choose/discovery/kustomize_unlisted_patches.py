"""Workload patches that no Kustomization of the tree lists, which nothing applies (pure).

A strategic-merge patch of a workload is written as the object it changes, less what it keeps: kubebuilder's scaffold
ships `config/default/manager_auth_proxy_patch.yaml`, a Deployment that adds a `kube-rbac-proxy` container to the
manager, and lists it in `config/default/kustomization.yaml` under `patchesStrategicMerge` (or `patches: - path:`),
commented out in the newer scaffolds (`#- manager_auth_proxy_patch.yaml`: emqx-operator's). kustomize applies a patch
only where a Kustomization lists it
(https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patchesstrategicmerge/), and such a file is
no object `kubectl apply -f` can create: an `apps/v1` Deployment, StatefulSet, DaemonSet or ReplicaSet requires
`spec.selector` (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector). So the images of a
file holding such a workload without `spec.selector` (and no other document with an image: a Service's patch may be
beside it), in a directory holding a Kustomization, are not read when no Kustomization of the tree lists the file
(`resources`, `bases`, `patches[].path`, `patchesStrategicMerge`, `patchesJson6902[].path`, from its own directory)
and no other file read (a script's `kubectl patch --patch-file`, a Makefile) names it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES, yaml_documents
from ecr_mirror.choose.discovery.kustomize_names import listed_files
from ecr_mirror.choose.discovery.yaml_walk import entries

_WORKLOADS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"})


def _workload_patch(doc: dict[object, object]) -> bool:
    """Whether a document is an apps/v1 workload without the `spec.selector` it requires."""
    spec = doc.get("spec")
    if doc.get("apiVersion") != "apps/v1" or doc.get("kind") not in _WORKLOADS or not isinstance(spec, dict):
        return False
    return "selector" not in spec


def _has_image(doc: dict[object, object]) -> bool:
    """Whether a document has an `image` key anywhere (the patch of a Service beside the Deployment's has none)."""
    return any(key == "image" for _, key, _ in entries(doc))


def _listed(texts: Mapping[str, str]) -> set[str]:
    """The files (normalised) the Kustomizations of the tree list, each from its Kustomization's directory."""
    listed: set[str] = set()
    for origin, text in texts.items():
        if posixpath.basename(origin) not in KUSTOMIZATION_NAMES:
            continue
        directory = posixpath.dirname(posixpath.normpath(origin))
        for doc in yaml_documents(text, origin):
            json_patches = doc.get("patchesJson6902")
            paths = (
                [entry.get("path") for entry in json_patches if isinstance(entry, dict)]
                if isinstance(json_patches, list)
                else []
            )
            bases = doc.get("bases")
            paths += bases if isinstance(bases, list) else []
            for path in [*listed_files(doc), *paths]:
                if isinstance(path, str) and "://" not in path:
                    listed.add(posixpath.normpath(posixpath.join(directory, path)))
    return listed


def _named_elsewhere(name: str, texts: Mapping[str, str]) -> bool:
    """Whether a file other than a Kustomization names the file `name` (its base name), as a command's argument."""
    base = posixpath.basename(name)
    return any(
        base in text
        for origin, text in texts.items()
        if origin != name and posixpath.basename(origin) not in KUSTOMIZATION_NAMES
    )


def unlisted_patches(texts: Mapping[str, str]) -> set[str]:
    """The files (normalised) of `texts` that are workload patches no Kustomization lists nor another file names,
    in a directory holding a Kustomization."""
    files = {posixpath.normpath(origin): text for origin, text in texts.items()}
    kustomized = {posixpath.dirname(origin) for origin in files if posixpath.basename(origin) in KUSTOMIZATION_NAMES}
    candidates = [
        origin
        for origin, text in files.items()
        if posixpath.dirname(origin) in kustomized
        and posixpath.basename(origin) not in KUSTOMIZATION_NAMES
        and "apps/v1" in text
        and (docs := yaml_documents(text, origin))
        and any(_workload_patch(doc) for doc in docs)
        and all(_workload_patch(doc) or not _has_image(doc) for doc in docs)
    ]
    if not candidates:
        return set()
    listed = _listed(files)
    return {origin for origin in candidates if origin not in listed and not _named_elsewhere(origin, files)}


def without_unlisted_patches(found: list[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found` without the manifest images of the workload patches nothing applies (unlisted_patches)."""
    unapplied = unlisted_patches(texts)
    if not unapplied:
        return found
    return [item for item in found if posixpath.normpath(item.origin) not in unapplied]
