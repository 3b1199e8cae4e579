"""The images of the YAML files a shell script hands a tool under another name (the parsing is
choose/discovery/script_handed_files.py).

A file the script copies in as a directory's `kustomization.yaml` is read as a Kustomization (its `images:`
entries, yaml_sources.py), at the file's lines, its use naming the copy (`images (kustomize; copied to
kustomization.yaml at hack/istio/install-bookinfo-demo.sh:236)`); a file it gives `helm install|upgrade|template -f`
is read as the values of a chart elsewhere (helm_outside_values.py: image mappings, an empty tag unresolved), its
use naming the command. A file the walk reads so already is not read again: one named as a Kustomization, a
document with `apiVersion` and `kind`, a file named as values files are. The file is looked up as an in-place sed's
is (cli/discover_sed_fills.py).

A manifest the script renders with envsubst and pipes to kubectl or oc to apply is read as the manifest it renders
to, with the values of the variables the script exports (choose/discovery/envsubst_manifests.py): the lines a value
changed, at the file's lines, its use naming the rendering (`image (rendered by envsubst at
olm_deploy/scripts/catalog-deploy.sh:23)`); a file that does not parse once rendered is left to its own reading.
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from ecr_mirror.choose.discovery.envsubst_manifests import applied_renderings, environment, rendered
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_outside_values import outside_values_images, values_named
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES
from ecr_mirror.choose.discovery.script_handed_files import KUSTOMIZATION, Handed, handed_files
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import manifest_images
from ecr_mirror.cli.discover_sed_fills import script_file
from ecr_mirror.errors import ConfigError

_MAX_BYTES = 1_000_000
_KINDS = ("Kustomization", "Component")


def _kustomization(text: str, target: str) -> list[Found]:
    """A Kustomization's images, written without `apiVersion` and `kind` (kustomize defaults them)."""
    found: list[Found] = []
    for doc in load_documents(text, target):
        if isinstance(doc, dict) and "apiVersion" not in doc and doc.get("kind", "Kustomization") in _KINDS:
            found += manifest_images({"kind": "Kustomization", **doc}, target)
    return found


def _read(handed: Handed, target: str, shown: str) -> list[Found]:
    name = posixpath.basename(target)
    path = Path(target)
    if path.stat().st_size > _MAX_BYTES:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    if handed.how == KUSTOMIZATION:
        if name in KUSTOMIZATION_NAMES:
            return []  # read as a Kustomization already
        note = f"copied to kustomization.yaml at {shown}:{handed.line}"
        return [dataclasses.replace(item, use=f"{item.use} ({note})") for item in _kustomization(text, target)]
    if values_named(name):
        return []  # read as values already (cli/discover_helm.py)
    note = f"given to helm -f at {shown}:{handed.line}"
    return [dataclasses.replace(item, use=f"{item.use} ({note})") for item in outside_values_images(text, target)]


def handed_file_images(text: str, shown: str) -> list[Found]:
    """The images of the files the shell script `shown` copies in as a Kustomization or gives helm as values, each
    once; a file that does not parse is left to its own reading."""
    found: list[Found] = []
    for handed in handed_files(text):
        if (target := script_file(shown, handed.anchor, handed.path)) is None:
            continue
        try:
            found += [item for item in _read(handed, target, shown) if item not in found]
        except ConfigError:
            continue
    return found + [item for item in _envsubst_images(text, shown) if item not in found]


def _envsubst_images(text: str, shown: str) -> list[Found]:
    """The images of the manifests the script `shown` renders with envsubst and applies, at the lines a value of
    the script changed, each once."""
    found: list[Found] = []
    for line, written, names in applied_renderings(text) if "envsubst" in text else []:
        target = script_file(shown, "R", written)
        if target is None or kind_of(target) is not Kind.YAML or Path(target).stat().st_size > _MAX_BYTES:
            continue
        manifest, changed = rendered(
            Path(target).read_text(encoding="utf-8", errors="replace"), environment(text, names)
        )
        try:
            items = images_in(Kind.YAML, manifest, target)
        except ConfigError:
            continue
        use = f"rendered by envsubst at {shown}:{line}"
        items = [dataclasses.replace(item, use=f"{item.use} ({use})") for item in items if item.line in changed]
        found += [item for item in items if item.problem is None and item not in found]
    return found
