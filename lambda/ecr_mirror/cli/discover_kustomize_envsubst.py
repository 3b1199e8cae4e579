"""The images of a Kustomization a script or Makefile builds, renders with envsubst and applies (the parsing is
choose/discovery/kustomize_envsubst.py).

The Kustomization's directory is the one the command names: from a Makefile's directory (make runs there; `$(CURDIR)`
and a name bound to `$(shell pwd)` are it), from a script's directory for a name bound to it, else from the script's
directory or up to three above it. The files rendered are those the Kustomization builds from, followed through the
directories it lists: `resources`, `bases`, `components`, `patchesStrategicMerge`, and the `path` of `patches` and
`patchesJson6902` (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/); a remote base is not
followed. Each file is read with the environment envsubst is given, and an image a value changed is listed at the
file's line, its use naming the command (`image (rendered by envsubst at Makefile:60)`): the `${COMMON_IMAGE}` of
managed-gitops' `config/manager/manager.yaml` deployed as `quay.io/redhat-appstudio/gitops-service:latest` by
`make deploy-k8s-env`. A name envsubst is not given stays as written, unresolved, in the file's own reading.
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from ecr_mirror.choose.discovery.envsubst_manifests import environment, rendered
from ecr_mirror.choose.discovery.file_values import command_path
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES
from ecr_mirror.choose.discovery.kustomize_envsubst import KustomizeRendering, kustomize_renderings
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_MAX_BYTES = 1_000_000
_MAX_DIRECTORIES = 200  # a Kustomization tree larger than this is followed no further
_UP = 3
_LISTS = ("resources", "bases", "components", "patchesStrategicMerge")
_PATCHES = ("patches", "patchesJson6902")


def _text(path: Path) -> str | None:
    try:
        return None if path.stat().st_size > _MAX_BYTES else path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _entries(doc: object) -> list[str]:
    """The local paths a Kustomization document lists (see the module)."""
    if not isinstance(doc, dict):
        return []
    out: list[str] = []
    for key in _LISTS:
        items = doc.get(key)
        out += [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
    for key in _PATCHES:
        items = doc.get(key)
        for item in items if isinstance(items, list) else []:
            out += [item["path"]] if isinstance(item, dict) and isinstance(item.get("path"), str) else []
    return [item.strip() for item in out if "://" not in item and not item.startswith(("github.com/", "git@"))]


def kustomized_files(directory: str) -> list[str]:
    """The files the Kustomization of `directory` builds from, its own and its bases', in order (see the module)."""
    pending, seen, files = [posixpath.normpath(directory)], set[str](), list[str]()
    while pending and len(seen) < _MAX_DIRECTORIES:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        name = next((name for name in KUSTOMIZATION_NAMES if Path(current, name).is_file()), None)
        if name is None or (text := _text(Path(current, name))) is None:
            continue
        try:
            documents = load_documents(text, posixpath.join(current, name))
        except ConfigError:
            continue
        for entry in (entry for doc in documents for entry in _entries(doc)):
            path = posixpath.normpath(posixpath.join(current, entry))
            if Path(path).is_dir():
                pending.append(path)
            elif Path(path).is_file() and path not in files:
                files.append(path)
    return files


def _directory(rendering: KustomizeRendering, values: ShellValues, shown: str, make: bool) -> str | None:
    """The Kustomization's directory as shown (see the module), None when unknown or not in the tree."""
    if (found := command_path(rendering.directory, values, make)) is None or found[0].startswith("/"):
        return None
    path, anchored = found
    here = posixpath.dirname(shown)
    bases = [here] if make or anchored else [posixpath.join(here, *[".."] * up) for up in range(_UP + 1)]
    for base in bases:
        candidate = posixpath.normpath(posixpath.join(base, path))
        if any(Path(candidate, name).is_file() for name in KUSTOMIZATION_NAMES):
            return candidate
    return None


def _given(rendering: KustomizeRendering, text: str, values: ShellValues) -> dict[str, str]:
    """envsubst's environment: the script's exports, then the command line's `NAME=value` words over them."""
    given = environment(text, rendering.names)
    for name, written in rendering.given:
        value, problem = values.resolve(written)
        if problem is None and (rendering.names is None or name in rendering.names):
            given[name] = value
        else:
            given.pop(name, None)
    return given


def kustomize_envsubst_images(text: str, shown: str, *, make: bool) -> list[Found]:
    """The images of the Kustomizations the script or Makefile `shown` builds, renders with envsubst and applies, at
    the lines a value changed, each once."""
    found: list[Found] = []
    renderings = kustomize_renderings(text)
    values = ShellValues.of(text) if renderings else None
    for rendering in renderings:
        assert values is not None
        if (directory := _directory(rendering, values, shown, make)) is None:
            continue
        given = _given(rendering, text, values)
        use = f"rendered by envsubst at {shown}:{rendering.line}"
        for target in kustomized_files(directory) if given else []:
            if (source := _text(Path(target))) is None or "$" not in source:
                continue
            manifest, changed = rendered(source, given)
            try:
                items = images_in(Kind.YAML, manifest, target)
            except ConfigError:
                continue
            items = [dataclasses.replace(item, use=f"{item.use} ({use})") for item in items if item.line in changed]
            found += [item for item in items if item.problem is None and item not in found]
    return found
