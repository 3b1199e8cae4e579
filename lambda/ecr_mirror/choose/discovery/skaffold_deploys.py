"""The manifests a Skaffold config deploys with the images it builds, and the tagged names in them that are Skaffold's
placeholders (pure).

Skaffold replaces, in the manifests it deploys, every image reference whose name is an artifact it built,
whatever its tag; only a reference with a digest is left as written (its `imageReplacer`: `selectLocalManifestImages`
matches the reference's name without its tag). Kong's ingress controller builds `kic-placeholder` in its `dev`
profile and deploys `config/dev`, whose patch writes `image: kic-placeholder:placeholder`: never pulled.

Read so are the manifests a profile deploys itself, a variant of the deployment for `skaffold dev -p NAME` (its own
`manifests`, with its own `build.artifacts` or the config's): those of its `manifests.kustomize.paths` (also the
older `deploy.kustomize.paths`): each directory's files, and those of the Components its Kustomization lists
(`components`), and the files it lists as patches, followed through the Kustomizations of the tree; not a base it
lists in `resources` (metrics-server's `test` profile deploys `manifests/overlays/test`, over `manifests/base`, the
project's plain manifests, whose `gcr.io/k8s-staging-metrics-server/metrics-server:master` users pull); and
those its `manifests.rawYaml` (older: `deploy.kubectl.manifests`) globs match. Paths are read from the Skaffold
file's directory. The config's own manifests are also the project's plain ones, which `kubectl apply` deploys as
written: there only an untagged name is taken as Skaffold's (cli/discover_builds.without_skaffold_builds), a tagged
one as a published image. A Kustomization's own `images:` entries are what `kubectl apply -k` deploys without
Skaffold too, and are kept; a name outside these manifests is kept too (an example applied as written).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
from collections.abc import Mapping
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES, yaml_documents
from ecr_mirror.choose.discovery.kustomize_names import listed_files
from ecr_mirror.choose.discovery.skaffold_helm import artifact_name, without_helm_placeholders

_MANIFEST = "Kubernetes manifest"
_KEPT_USES = frozenset({"images (kustomize)"})
_MAX_DIRECTORIES = 200


@dataclasses.dataclass(frozen=True, slots=True)
class Deployed:
    """The artifacts a Skaffold config or profile builds, and the manifests it deploys: directories (each one's own
    files), single files, and globs."""

    artifacts: frozenset[str]
    directories: frozenset[str]
    files: frozenset[str]
    globs: tuple[str, ...]

    def deploys(self, origin: str) -> bool:
        path = posixpath.normpath(origin)
        return (
            posixpath.dirname(path) in self.directories
            or path in self.files
            or any(fnmatch.fnmatch(path, glob) for glob in self.globs)
        )


def _get(node: object, *keys: str) -> object:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _strings(node: object) -> list[str]:
    return [str(item) for item in node if isinstance(item, str)] if isinstance(node, list) else []


def _artifacts(part: object) -> frozenset[str]:
    artifacts = _get(part, "build", "artifacts")
    return frozenset(
        str(item["image"])
        for item in (artifacts if isinstance(artifacts, list) else ())
        if isinstance(item, dict) and isinstance(item.get("image"), str)
    )


def _manifests(part: object) -> tuple[list[str], list[str]]:
    """(kustomize paths, raw YAML globs) a config or profile deploys."""
    paths = _strings(_get(part, "manifests", "kustomize", "paths")) + _strings(
        _get(part, "deploy", "kustomize", "paths")
    )
    globs = _strings(_get(part, "manifests", "rawYaml")) + _strings(_get(part, "deploy", "kubectl", "manifests"))
    return paths, globs


def _kustomization(directory: str, kustomizations: Mapping[str, str]) -> list[dict[Any, Any]]:
    for name in KUSTOMIZATION_NAMES:
        path = posixpath.join(directory, name) if directory else name
        if path in kustomizations:
            return yaml_documents(kustomizations[path], path)
    return []


def _closure(roots: list[str], kustomizations: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """(directories, files) the Kustomizations at `roots` build, through the Components they list."""
    directories: set[str] = set()
    files: set[str] = set()
    pending = list(roots)
    while pending and len(directories) < _MAX_DIRECTORIES:
        directory = pending.pop()
        if directory in directories:
            continue
        directories.add(directory)
        for doc in _kustomization(directory, kustomizations):
            for entry in _strings(doc.get("components")):  # not `resources`: a base is the plain manifests
                if "://" not in entry and not entry.endswith((".yaml", ".yml", ".json")):
                    pending.append(posixpath.normpath(posixpath.join(directory, entry)))
            files.update(posixpath.normpath(posixpath.join(directory, file)) for file in listed_files(doc))
    return directories, files


def skaffold_deploys(text: str, origin: str, kustomizations: Mapping[str, str]) -> list[Deployed]:
    """What each profile of the Skaffold file at `origin` with manifests of its own builds and deploys
    (`kustomizations`: the tree's kustomization files, by normalised path)."""
    base = posixpath.dirname(posixpath.normpath(origin))
    out: list[Deployed] = []
    for doc in yaml_documents(text, origin):
        if not str(doc.get("apiVersion", "")).startswith("skaffold/"):
            continue
        profiles = doc.get("profiles")
        for part in profiles if isinstance(profiles, list) else ():
            artifacts = _artifacts(part) or _artifacts(doc)
            paths, globs = _manifests(part)
            if not artifacts or not (paths or globs):
                continue
            roots = [posixpath.normpath(posixpath.join(base, path)) for path in paths]
            directories, files = _closure(roots, kustomizations)
            joined = tuple(posixpath.normpath(posixpath.join(base, glob)) for glob in globs)
            out.append(Deployed(artifacts, frozenset(directories), frozenset(files), joined))
    return out


def without_deployed_artifacts(found: list[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found` without the tagged references of the manifests a Skaffold config of `texts` deploys to the names of
    the artifacts it builds there, and without the chart values it deploys that Skaffold replaces (skaffold_helm.py)."""
    found = without_helm_placeholders(found, texts)
    kustomizations = {
        posixpath.normpath(shown): text
        for shown, text in texts.items()
        if posixpath.basename(shown) in KUSTOMIZATION_NAMES
    }
    deployed = [
        item
        for shown, text in texts.items()
        if "skaffold/" in text and shown.endswith((".yaml", ".yml"))
        for item in skaffold_deploys(text, shown, kustomizations)
    ]
    if not deployed:
        return found
    names = [({artifact_name(artifact) for artifact in part.artifacts} - {None}, part) for part in deployed]

    def placeholder(item: Found) -> bool:
        if item.kind != _MANIFEST or item.problem is not None or item.use in _KEPT_USES:
            return False
        name = artifact_name(item.text)
        return name is not None and any(name in built and part.deploys(item.origin) for built, part in names)

    return [item for item in found if not placeholder(item)]
