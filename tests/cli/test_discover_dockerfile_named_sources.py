"""A source file whose name starts like a Dockerfile's (`dockerfile_test.go`, `dockerfile.go` of a Go package named
`dockerfile`) is read as a Dockerfile only when its text starts like one (a `FROM` or `ARG` after blank and comment
lines): tilt's `internal/dockerfile/dockerfile_test.go` holds parser test inputs in Go strings
(`Dockerfile(\\`FROM gcr.io/image-a:${TAG}\\`)`), no Dockerfile; a `Dockerfile.go` that is a Dockerfile (one image per
language) stays read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_TEST = """\
package dockerfile

import "testing"

func TestFindImagesWithDefaultArg(t *testing.T) {
\tdf := Dockerfile(`
ARG TAG="latest"
FROM gcr.io/image-a:${TAG}
`)
\t_ = df
}
"""

TREE = {
    "internal/dockerfile/dockerfile_test.go": GO_TEST,
    "internal/dockerfile/dockerfile.go": "package dockerfile\n\ntype Dockerfile string\n",
    "images/Dockerfile.go": "# the Go toolchain image\nFROM golang:1.22.5\n",
    "images/dockerfile-node.ts": "ARG NODE=node:20.15.0\nFROM ${NODE}\n",
}


def test_a_source_file_named_like_a_dockerfile_is_read_only_when_it_starts_like_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("images/Dockerfile.go", 2, "golang:1.22.5", "public"),
        ("images/dockerfile-node.ts", 2, "node:20.15.0", "public"),
    ]
