"""Dockerfiles in the `testdata/` of a Go module whose own sources import a Dockerfile parser (a scanner's, a linter's
inputs: the go tool ignores `testdata/`, kept for the package's tests, https://pkg.go.dev/cmd/go#hdr-Test_packages)
are not read; a module that parses no Dockerfile keeps its testdata read (an e2e suite builds them)."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.cli.discover_walk import walk_paths

PARSER = """\
package buildinfo

import (
\t"github.com/moby/buildkit/frontend/dockerfile/parser"
)

var _ = parser.Parse
"""


def _tree(root: Path, imports_parser: bool) -> None:
    (root / "pkg" / "buildinfo" / "testdata").mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/scanner\n\ngo 1.24\n")
    source = PARSER if imports_parser else "package buildinfo\n"
    (root / "pkg" / "buildinfo" / "buildinfo.go").write_text(source)
    (root / "pkg" / "buildinfo" / "testdata" / "Dockerfile.sad").write_text("FROM ubuntu\nRUN true\n")
    (root / "Dockerfile").write_text("FROM alpine:3.22.1\n")


def test_the_testdata_dockerfiles_of_a_module_parsing_dockerfiles_are_not_read(tmp_path: Path) -> None:
    _tree(tmp_path, imports_parser=True)
    walk = walk_paths([str(tmp_path)], [])
    assert [Path(shown).relative_to(tmp_path).as_posix() for shown, _, _ in walk.files] == ["Dockerfile"]
    [(why, skipped)] = walk.skipped.items()
    assert "Dockerfile parser" in why
    assert [Path(path).relative_to(tmp_path).as_posix() for path in skipped] == [
        "pkg/buildinfo/testdata/Dockerfile.sad"
    ]


def test_the_testdata_dockerfiles_of_another_module_are_read(tmp_path: Path) -> None:
    _tree(tmp_path, imports_parser=False)
    walk = walk_paths([str(tmp_path)], [])
    assert sorted(Path(shown).relative_to(tmp_path).as_posix() for shown, _, _ in walk.files) == [
        "Dockerfile",
        "pkg/buildinfo/testdata/Dockerfile.sad",
    ]
