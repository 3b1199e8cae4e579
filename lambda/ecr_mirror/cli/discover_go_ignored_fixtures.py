"""The `testdata/` files of a Go package no build compiles: not read.

A package whose every Go file is kept out of the build by `//go:build ignore` (choose/discovery/go_ignored.py) has no
test that runs, so nothing of it reads or applies the files under its `testdata/` (https://pkg.go.dev/cmd/go#hdr-
Test_packages: a package's tests run in its directory, `testdata/` holding their data): kgateway's switched-off e2e
features, `test/kubernetes/e2e/features/route_options/*.go` all `//go:build ignore` and their
`testdata/setup.yaml` Pods. A package with one Go file built, and a `testdata/` whose directory holds no Go file,
are read as before.
"""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.go_ignored import ignored_go
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_go_golden import testdata_package
from ecr_mirror.cli.discover_small_files import head_bytes

GO_IGNORED_FIXTURES = "the testdata/ of Go packages whose every file is //go:build ignore (no test of theirs runs)"
_KINDS = frozenset({Kind.YAML, Kind.ACTION, Kind.DOCKERFILE, Kind.COMPOSE})
Files = list[tuple[str, Path, Kind]]


def go_ignored_fixtures(files: Files, sources: list[tuple[str, Path]]) -> Files:
    """The files of `files` under the `testdata/` of a package whose Go files are all `//go:build ignore`."""
    placed = {item[1]: at[0] for item in files if item[2] in _KINDS and (at := testdata_package(item[1]))}
    if not placed:
        return []
    packages = set(placed.values())
    ignored: dict[Path, bool] = {}
    for shown, source in sources:
        if source.suffix == ".go" and source.parent in packages and ignored.get(source.parent, True):
            ignored[source.parent] = ignored_go(shown, head_bytes(source) or b"")
    return [item for item in files if (package := placed.get(item[1])) is not None and ignored.get(package, False)]
