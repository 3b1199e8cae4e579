"""Dockerfiles a Go module keeps in `testdata/` as inputs of its own Dockerfile parser: not read.

The go tool ignores a directory named `testdata`, "making it available to hold ancillary data needed by the tests"
(https://pkg.go.dev/cmd/go#hdr-Test_packages). In a module whose own Go sources import a Dockerfile parser
(BuildKit's `github.com/moby/buildkit/frontend/dockerfile/...`, Docker's `builder/dockerfile/parser`, OpenShift's
`imagebuilder`), the Dockerfiles there are what a scanner or a linter is tested on (trivy's
`pkg/fanal/analyzer/buildinfo/testdata/dockerfile/Dockerfile.sad`, `FROM sha256:...`), no build's; in any other
module they may be what an e2e suite builds (usql's), and are read. The module of a file is the nearest directory
above it with a `go.mod`; a module's sources are its `.go` files outside `testdata/`, `vendor/` and nested modules.
A Dockerfile there that a Skaffold config of the tree builds (choose/discovery/skaffold_builds.py) is read: an
integration suite builds it with `skaffold run` (skaffold's own `integration/testdata/*/skaffold.yaml`, in a module
whose `pkg/skaffold/docker` imports BuildKit's parser).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.skaffold_builds import skaffold_dockerfiles
from ecr_mirror.cli.discover_small_files import head_bytes

PARSER_FIXTURES = "inputs of the tree's own Dockerfile parser (testdata/ of a Go module importing one)"
_PARSER_IMPORT_RE = re.compile(
    rb'"github\.com/(?:moby/buildkit/frontend/dockerfile/|docker/docker/builder/dockerfile/parser|'
    rb"moby/moby/builder/dockerfile/parser|openshift/imagebuilder)"
)
_SKAFFOLD_RE = re.compile(r"^apiVersion:\s*['\"]?skaffold/", re.MULTILINE)


def _module(path: Path, top: Path, known: dict[Path, Path | None]) -> Path | None:
    """The nearest directory above `path`, `top` or below, holding a `go.mod` (`known`: the answers so far, by
    directory, so that each directory is looked at once)."""
    seen: list[Path] = []
    found: Path | None = None
    for directory in path.parents:
        if directory in known:
            found = known[directory]
            break
        seen.append(directory)
        if (directory / "go.mod").is_file():
            found = directory
            break
        if directory == top:
            break
    for directory in seen:
        known[directory] = found
    return found


def _parses_dockerfiles(source: Path) -> bool:
    data = head_bytes(source)
    return data is not None and _PARSER_IMPORT_RE.search(data) is not None


def parser_fixtures(
    files: list[tuple[str, Path, Kind]], sources: list[tuple[str, Path]], top: Path
) -> list[tuple[str, Path, Kind]]:
    """The Dockerfiles of `files` in a `testdata/` directory of a module whose sources (among `sources`, the walk's
    Go, Java, ... files) import a Dockerfile parser."""
    fixtures = [item for item in files if item[2] is Kind.DOCKERFILE and "testdata" in item[1].parts[:-1]]
    known: dict[Path, Path | None] = {}
    modules = {module for _, path, _ in fixtures if (module := _module(path, top, known)) is not None}
    if not modules:
        return []
    parsing: set[Path] = set()
    for _, source in sources:
        if source.suffix != ".go" or "testdata" in source.parts or "vendor" in source.parts:
            continue
        if (module := _module(source, top, known)) in modules and module not in parsing and _parses_dockerfiles(source):
            parsing.add(module)
    skipped = [item for item in fixtures if _module(item[1], top, known) in parsing]
    built = _skaffold_built(files, {_module(path, top, known) for _, path, _ in skipped}, top, known)
    return [item for item in skipped if posixpath.normpath(item[1].as_posix()) not in built]


def _skaffold_built(
    files: list[tuple[str, Path, Kind]], modules: set[Path | None], top: Path, known: dict[Path, Path | None]
) -> set[str]:
    """The normalised paths of the Dockerfiles the Skaffold configs of `files` in `modules` build."""
    built: set[str] = set()
    for _, path, kind in files:
        if kind is not Kind.YAML or path.suffix not in (".yaml", ".yml") or _module(path, top, known) not in modules:
            continue
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        if _SKAFFOLD_RE.search(text):
            built |= skaffold_dockerfiles(text, path.as_posix())
    return built
