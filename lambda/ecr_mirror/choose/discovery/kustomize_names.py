"""Manifest images a Kustomization of the tree renames (pure).

A Kustomization's `images:` entry with `newName` replaces every image of that name in the resources it builds
(https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/): kubebuilder's `config/manager`
writes `image: controller:latest` in manager.yaml and `- name: controller` / `newName: ghcr.io/org/operator` in
the kustomization.yaml beside it, so `controller:latest` is a placeholder, never pulled. Only the files the
Kustomization lists itself in `resources:` are followed (a directory, a base with its own Kustomization, or a URL is
not), and only entries that rename: one that changes the tag alone leaves a name that may be deployed as written.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})


def _renamed(text: str, origin: str) -> dict[str, set[str]]:
    """file listed in `resources:` -> the image names the Kustomization at `origin` renames in it."""
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, origin)
    out: dict[str, set[str]] = {}
    for doc in documents:
        if not isinstance(doc, dict) or doc.get("kind", "Kustomization") != "Kustomization":
            continue
        images, resources = doc.get("images"), doc.get("resources")
        entries = images if isinstance(images, list) else []
        names = {
            str(entry["name"])
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry.get("newName")
        }
        for resource in resources if isinstance(resources, list) and names else ():
            if isinstance(resource, str) and "://" not in resource and resource.endswith((".yaml", ".yml")):
                listed = posixpath.normpath(posixpath.join(posixpath.dirname(origin), resource))
                out.setdefault(listed, set()).update(names)
    return out


def _name(written: str) -> str:
    """The image name as a manifest writes it, without tag or digest (what kustomize's `name` matches)."""
    name = written.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return name[: len(name) - len(last)] + last.split(":", 1)[0]


def without_renamed(found: list[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found` without the manifest images that a Kustomization listing their file renames."""
    renamed: dict[str, set[str]] = {}
    for origin, text in texts.items():
        if posixpath.basename(origin) in _NAMES:
            for listed, names in _renamed(text, origin).items():
                renamed.setdefault(listed, set()).update(names)
    return [
        item
        for item in found
        if not (item.use == "image" and _name(item.text) in renamed.get(posixpath.normpath(item.origin), ()))
    ]
