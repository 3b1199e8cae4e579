"""The files under a skipped `third_party/` or `third-party/` directory that the tree's own files use: read after all.

Such a directory most often holds copies of other projects (gatekeeper's vendored kind script), which the walk skips
as it skips `vendor/` (cli/discover_walk.py). Some projects keep their own packaging of other software there instead:
kubeflow pipelines' `manifests/kustomize/third-party/mysql/base` (the MySQL its installs deploy) and
`third_party/metadata_envoy/Dockerfile` (an image its CI builds). What the tree's own files name is what it runs, so
it is read:

- a Kustomization's `resources`, `bases` and `components` entry that is a local path into such a directory
  (`- ../../third-party/mysql/base`): kustomize builds the directory or file it names with the install
  (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/resource/), so the whole directory named
  is read, and the Kustomizations read so are followed in turn (`third-party/argo/installs/namespace` naming
  `../../base`);
- a Dockerfile of such a directory named by its path from the repository's top or from the naming file's directory
  in any file the walk reads (`dockerfile: third_party/metadata_envoy/Dockerfile` of a `docker/build-push-action`
  step, `docker build -f third_party/metadata_envoy/Dockerfile .` of a Cloud Build step): that Dockerfile.

A file under such a directory that no file outside names (`third_party/minio/Dockerfile`, which only a Cloud Build
config beside it builds) stays skipped, and counted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

MAX_BYTES = 1024 * 1024  # a larger file is not opened for the paths it names
_KUSTOMIZATIONS = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
_KUSTOMIZE_KEYS = ("resources", "bases", "components")
# a path with a `third_party/` or `third-party/` component, as a word of a command line or a YAML value
_PATH_RE = re.compile(r"(?<![\w./-])(?:\./)?((?:[\w.-]+/)*third[_-]party/[\w./-]*[\w-])")


def read_small(path: Path) -> str | None:
    """The text of a file no larger than MAX_BYTES, None when larger or unreadable (its paths are not read)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _kustomized(path: Path, text: str) -> list[Path]:
    """The local paths a Kustomization names in `resources`, `bases` and `components` (not a remote URL)."""
    try:
        documents = load_documents(text, str(path))
    except ConfigError:
        return []
    out: list[Path] = []
    for doc in documents:
        for key in _KUSTOMIZE_KEYS:
            entries = doc.get(key) if isinstance(doc, dict) else None
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, str) and "://" not in entry and not entry.startswith(("github.com/", "git@")):
                    out.append(path.parent / entry.strip())
    return out


def _named_dockerfiles(path: Path, text: str, top: Path) -> list[Path]:
    """The Dockerfiles under a third-party directory that `text` names by a path from `top` or from its directory."""
    out: list[Path] = []
    for match in _PATH_RE.finditer(text):
        for base in (top, path.parent):
            candidate = base / match.group(1)
            if kind_of(candidate.absolute()) is Kind.DOCKERFILE and candidate.is_file():
                out.append(candidate)
    return out


def _within(path: Path, directories: Iterable[Path]) -> Path | None:
    """The directory of `directories` that holds `path` (or is it), None when none does."""
    resolved = Path(os.path.normpath(path.absolute()))
    return next((d for d in directories if resolved.is_relative_to(Path(os.path.normpath(d.absolute())))), None)


def _shown(path: Path, top: Path) -> Path:
    """`path` as the walk of `top` names its files (`top` joined with the path from it)."""
    return top / os.path.relpath(os.path.normpath(path.absolute()), os.path.normpath(top.absolute()))


def referenced_vendored(top: Path, read: list[Path], vendored: list[Path]) -> tuple[list[Path], list[Path]]:
    """(the directories to walk, the files to read: Dockerfiles, a Kustomization's resource files) under the
    skipped `vendored` directories of `top` that the files `read` (and, in turn, the Kustomizations of the directories
    found) name (see the module)."""
    if not vendored:
        return [], []
    directories: list[Path] = []
    files: list[Path] = []
    pending = list(read)
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen or (text := read_small(path)) is None:
            continue
        seen.add(path)
        if "third" not in text and path.name not in _KUSTOMIZATIONS:
            continue
        named = _kustomized(path, text) if path.name in _KUSTOMIZATIONS else []
        for target in named:
            if _within(target, vendored) is None or not target.exists():
                continue
            shown = _shown(target, top)
            if target.is_dir() and _within(shown, directories) is None:
                directories.append(shown)
                pending += [Path(d) / n for d, _, names in os.walk(shown) for n in names if n in _KUSTOMIZATIONS]
            elif target.is_file() and shown not in files:
                files.append(shown)
        for dockerfile in _named_dockerfiles(path, text, top):
            shown = _shown(dockerfile, top)
            if _within(dockerfile, vendored) is not None and shown not in files:
                files.append(shown)
    return directories, [f for f in files if _within(f, directories) is None]
