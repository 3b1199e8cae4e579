"""The tags a Kustomization's `images:` entries take from its bases (pure).

An `images:` entry that sets `newName` alone keeps the tag the resources give the image it renames, and an entry
names an image of the resources or changes nothing
(https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/). aws-ebs-csi-driver's
`deploy/kubernetes/overlays/stable/gcr` lists `../ecr-public`, whose Kustomization lists `../../../base`, where the
controller runs `public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.64.0`: its entry `name:
public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver` / `newName: registry.k8s.io/provider-aws/aws-ebs-csi-driver`
deploys `registry.k8s.io/provider-aws/aws-ebs-csi-driver:v1.64.0`; its entries for
`public.ecr.aws/csi-components/external-provisioner` match no image of the bases (those run `csi-provisioner`),
so the `registry.k8s.io/sig-storage/csi-provisioner:v6.3.0` they name is never deployed.

The bases followed: the `resources:` (and the older `bases:`) a Kustomization lists, a directory with its own
Kustomization followed in turn, and files of the tree, patch files (`patches[].path`, `patchesStrategicMerge`)
too; the images of those files are the manifest images discover found there. A base out of the tree (a URL), a
path not in the tree, an inline patch, a Component, a generator, a chart (`helmCharts`) or a base's own `images:`
entries make the bases not all known: the entry is then left as its reader listed it (yaml_sources.py); so is an
entry whose name the bases' text holds though discover found no image of it there (an image a build tool fills in,
skaffold's artifacts). A tag the bases give the name two different values is not chosen either.
"""

from __future__ import annotations

import contextlib
import dataclasses
import posixpath
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

# the names kustomize reads (https://kubectl.docs.kubernetes.io/references/kustomize/glossary/#kustomization-root)
KUSTOMIZATION_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
# the keys of a Kustomization whose bases are read here; any other may add or change images
_KNOWN_KEYS = frozenset(
    ["apiVersion", "kind", "metadata", "resources", "bases", "namespace", "namePrefix", "nameSuffix", "commonLabels",
     "labels", "commonAnnotations", "patches", "patchesStrategicMerge", "patchesJson6902", "replicas", "images",
     "configMapGenerator", "secretGenerator", "generatorOptions"]
)  # fmt: skip
_USE = "images (kustomize)"


def yaml_documents(text: str, origin: str) -> list[dict[object, object]]:
    """The mapping documents of a YAML file; none when it is no valid YAML (its own reader reports that)."""
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, origin)
    return [doc for doc in documents if isinstance(doc, dict)]


def _document(text: str, origin: str) -> dict[object, object] | None:
    """The one Kustomization document of a file, or None."""
    kustomizations = yaml_documents(text, origin)
    return kustomizations[0] if len(kustomizations) == 1 else None


def image_name(written: str) -> str:
    """The image name as a manifest writes it, without tag or digest (what kustomize's `name` matches)."""
    name = written.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return name[: len(name) - len(last)] + last.split(":", 1)[0]


class _Bases:
    """The files the bases of the tree's Kustomizations build."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = {posixpath.normpath(origin): text for origin, text in texts.items()}
        self.by_directory = {
            posixpath.dirname(origin): origin
            for origin in self.texts
            if posixpath.basename(origin) in KUSTOMIZATION_NAMES
        }

    def files(self, directory: str, top: bool, seen: frozenset[str] = frozenset()) -> set[str] | None:
        """The files the Kustomization of `directory` builds from, or None when they are not all known."""
        origin = self.by_directory.get(directory)
        doc = _document(self.texts[origin], origin) if origin and directory not in seen else None
        if doc is None or doc.get("kind", "Kustomization") != "Kustomization" or set(map(str, doc)) - _KNOWN_KEYS:
            return None
        if not top and "images" in doc:
            return None
        listed: list[object] = [*_list(doc.get("resources")), *_list(doc.get("bases"))]
        listed += _list(doc.get("patchesStrategicMerge"))
        for patch in _list(doc.get("patches")):
            if not isinstance(patch, dict) or not isinstance(patch.get("path"), str):
                return None
            listed.append(patch["path"])
        out: set[str] = set()
        for item in listed:
            if not isinstance(item, str) or "://" in item or item.startswith("github.com/"):
                return None
            path = posixpath.normpath(posixpath.join(directory, item))
            if path in self.by_directory:
                inner = self.files(path, False, seen | {directory})
                if inner is None:
                    return None
                out |= inner
            elif path in self.texts:
                out.add(path)
            else:
                return None
        return out or None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def with_base_tags(found: list[Found], texts: Mapping[str, str], written: list[Found]) -> list[Found]:
    """`found` with each Kustomization `images:` entry resolved against its bases (their images as `written` in
    the files, placeholders an entry renames among them): a `newName` alone given the tag the bases give the name,
    an entry naming no image of its bases dropped; left as it is when the bases are not all known."""
    bases = _Bases(texts)
    images: dict[str, list[str]] = {}
    for item in written:
        if item.use == "image" and item.problem is None:
            images.setdefault(posixpath.normpath(item.origin), []).append(item.text)
    out: list[Found] = []
    for item in found:
        origin = posixpath.normpath(item.origin)
        if item.use != _USE or posixpath.basename(origin) not in KUSTOMIZATION_NAMES:
            out.append(item)
            continue
        entry = _entry(item, bases.texts.get(origin, ""), origin)
        files = bases.files(posixpath.dirname(origin), True) if entry else None
        if entry is None or files is None:
            out.append(item)
            continue
        name, tagged = entry
        named = [text for file in sorted(files) for text in images.get(file, []) if image_name(text) == name]
        if not named and not any(name in bases.texts[file] for file in files):
            continue  # the entry changes nothing
        tags = {text[len(name) :] for text in named}
        if tagged or len(tags) != 1 or not named:
            out.append(item)
            continue
        out.append(dataclasses.replace(item, text=item.text + tags.pop(), problem=None))
    return out


def _entry(item: Found, text: str, origin: str) -> tuple[str, bool] | None:
    """(the `name` of the `images:` entry `item` was listed from, whether it sets a tag or digest), or None."""
    doc = _document(text, origin)
    entries = _list(doc.get("images")) if doc else []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        name, new_name, tag, digest = (entry.get(key) for key in ("name", "newName", "newTag", "digest"))
        written = str(new_name or name) + (f":{tag}" if tag is not None else "") + (f"@{digest}" if digest else "")
        if written == item.text:
            return str(name), tag is not None or digest is not None
    return None
