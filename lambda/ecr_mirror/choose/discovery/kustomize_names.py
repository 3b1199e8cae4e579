"""Manifest images a Kustomization of the tree replaces (pure).

A Kustomization's `images:` entry (`newName`, `newTag` or `digest`) replaces every image of that name in the
resources it builds (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/): kubebuilder's
`config/manager` writes `image: controller:latest` in manager.yaml and `- name: controller` / `newName:
ghcr.io/org/operator` in the kustomization.yaml beside it, so `controller:latest` is a placeholder, never pulled; an
overlay writes `image: app:tagwillbereplaced` in a patch and `- name: app` / `newTag: 1.44.0`, so only `app:1.44.0`
is deployed. The files followed are those the Kustomization names itself: a file of `resources:` and a patch file
(`patches[].path`, `patchesStrategicMerge`, and kustomize v1's `patches:` list of files); a directory, a base with
its own Kustomization, or a URL is not. A file
that another Kustomization of the tree lists without changing that name keeps its image: it is deployed as written
there. The Kustomization's own `images:` entries are listed by its reader (yaml_sources.py).

A Component a Kustomization lists (`components: [../image/oss]`, a directory holding a `kind: Component`
kustomization, https://kubectl.docs.kubernetes.io/guides/config_management/components/) adds its `images:` entries
to the Kustomization's, and its patch files to the files the Kustomization builds: Kong's ingress controller writes
`image: kic-placeholder:placeholder` in `config/base` and renames it in the Component `config/image/oss` that
`config/base/kustomization.yaml` lists.

A name the tree's Makefiles, scripts or CI steps rename with `kustomize edit set image NAME=NEW` (kubebuilder's
`cd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}`, run before every build of the manifests, often
in a copy of the directory) is such a placeholder too, in every manifest a Kustomization of the tree lists: it writes
the `images:` entry the Kustomization lacks (a manifest no Kustomization lists is applied as written).
`NAME:TAG` and `NAME=*:TAG` keep the name, and do not count.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES, image_name, with_base_tags, yaml_documents

_MANIFEST = "Kubernetes manifest"


# `kustomize edit set image ...`, the program also as `$(KUSTOMIZE)`, `"${KUSTOMIZE}"` or a path ending in it, its
# arguments holding make's `$(NAME)` references whole
EDIT_VALUES_RE = _EDIT_VALUES_RE = re.compile(
    r"(?<![\w-])kustomize[}\)\"']*[ \t]+edit[ \t]+set[ \t]+image[ \t]+(?P<args>(?:\$\([\w.-]+\)|[^\n;&|)])*)",
    re.IGNORECASE,
)


def edited_names(texts: Mapping[str, str]) -> set[str]:
    """The image names `kustomize edit set image NAME=NEW` commands in `texts` rename."""
    names: set[str] = set()
    for text in texts.values():
        # every `NAME=NEW` pair of the command (it takes several, `kustomize edit set image a=x:1 b=y:2`,
        # https://github.com/kubernetes-sigs/kustomize/blob/master/kustomize/commands/edit/set/setimage.go), a make
        # `$(TAG)` in one not ending its arguments
        for match in _EDIT_VALUES_RE.finditer(text) if "edit" in text else ():
            for word in match["args"].split():
                name, renamed, new = word.strip("\"'").partition("=")
                if renamed and name and not new.strip("\"'").startswith("*"):
                    names.add(name)
    return names


def edited_values(text: str) -> set[str]:
    """The values, as written, that `kustomize edit set image NAME=NEW` commands in `text` give a name (`${IMG}`)."""
    values: set[str] = set()
    for match in _EDIT_VALUES_RE.finditer(text) if "edit" in text else ():
        for word in match["args"].split():
            name, renamed, new = word.strip("\"'").partition("=")
            values.update([new.strip("\"'")] if renamed and name and new.strip("\"'") else [])
    return values


def _file(value: object) -> str | None:
    """A listed file of YAML manifests (not a directory, a URL, or a patch written inline)."""
    if isinstance(value, str) and "://" not in value and "\n" not in value and value.endswith((".yaml", ".yml")):
        return value
    return None


def listed_files(doc: dict[object, object]) -> list[str]:
    """The files a Kustomization lists: resources, then patch files."""
    resources, patches, merges = doc.get("resources"), doc.get("patches"), doc.get("patchesStrategicMerge")
    files = [_file(item) for item in resources] if isinstance(resources, list) else []
    for patch in patches if isinstance(patches, list) else ():
        # a string is a patch file in kustomize v1's `patches:` (the list `patchesStrategicMerge` took over; legacy
        # overlays pinned to kustomize v1.0.x, `patches: [controller-server-images.yaml]`)
        files.append(_file(patch.get("path")) if isinstance(patch, dict) else _file(patch))
    files += [_file(item) for item in merges] if isinstance(merges, list) else []
    return [file for file in files if file]


def _renamed(doc: dict[object, object]) -> set[str]:
    """The names the `images:` entries of a Kustomization or Component change."""
    images = doc.get("images")
    return {
        str(entry["name"])
        for entry in (images if isinstance(images, list) else [])
        if isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and any(entry.get(key) is not None for key in ("newName", "newTag", "digest"))
    }


def _components(doc: dict[object, object], origin: str, texts: Mapping[str, str]) -> list[tuple[str, dict[Any, Any]]]:
    """(origin, document) of each Component of the tree the Kustomization at `origin` lists by a directory."""
    listed = doc.get("components")
    out: list[tuple[str, dict[Any, Any]]] = []
    for entry in listed if isinstance(listed, list) else ():
        if not isinstance(entry, str) or "://" in entry:
            continue
        directory = posixpath.normpath(posixpath.join(posixpath.dirname(origin), entry))
        for name in KUSTOMIZATION_NAMES:
            path = posixpath.join(directory, name)
            if path in texts:
                out += [(path, d) for d in yaml_documents(texts[path], path) if d.get("kind") == "Component"]
    return out


def _changed(text: str, origin: str, texts: Mapping[str, str]) -> dict[str, set[str]]:
    """file listed by the Kustomization at `origin` (or by a Component it lists) -> the image names it changes there
    (maybe none)."""
    out: dict[str, set[str]] = {}
    for doc in yaml_documents(text, origin):
        if doc.get("kind", "Kustomization") != "Kustomization":
            continue
        components = _components(doc, origin, texts)
        names = _renamed(doc).union(*(_renamed(component) for _, component in components))
        for where, listing in [(origin, doc), *components]:
            for file in listed_files(listing):
                listed = posixpath.normpath(posixpath.join(posixpath.dirname(where), file))
                out.setdefault(listed, set()).update(names)
    return out


def without_renamed(found: list[Found], texts: Mapping[str, str], edited: set[str] | None = None) -> list[Found]:
    """`found` without the manifest images that every Kustomization listing their file replaces, nor those named
    `edited` (edited_names) in a file a Kustomization lists; the Kustomizations' `images:` entries resolved against
    their bases (kustomize_bases.py)."""
    replaced: dict[str, set[str]] = {}
    edited = edited or set()
    kustomizations = {
        posixpath.normpath(origin): text
        for origin, text in texts.items()
        if posixpath.basename(origin) in KUSTOMIZATION_NAMES
    }
    for origin, text in kustomizations.items():
        for listed, names in _changed(text, origin, kustomizations).items():
            replaced[listed] = replaced[listed] & names if listed in replaced else set(names)
    kept = [
        item
        for item in found
        if not (
            item.use == "image"
            and (
                image_name(item.text) in replaced.get(posixpath.normpath(item.origin), ())
                or (
                    item.kind == _MANIFEST
                    and image_name(item.text) in edited
                    and posixpath.normpath(item.origin) in replaced
                )
            )
        )
    ]
    return with_base_tags(kept, texts, found)  # the tags the bases give a `newName` (kustomize_bases.py)
