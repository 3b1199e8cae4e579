"""`ecr-mirror discover` reads the default base image a Go program's own code gives the images it builds: a
`BaseImage` field set to a literal or a constant of the file (`cfg.BaseImage = defaultBase` when the user gives
none), the base the program's build pulls (ko's `build.WithBaseImages`, a native build's runtime image)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

GO_MOD = "module example.com/releaser\n\ngo 1.22\n"

BUILDER = """\
package kobuild

const defaultBase = "cgr.dev/chainguard/static"

const (
\tnativeBase = "quay.io/quarkus/quarkus-micro-image:2.0"
)

type Options struct {
\tBaseImage string
\tTags      []string
}

// Default fills in what the user's configuration leaves out.
func Default(opts *Options, native bool) {
\tif opts.BaseImage == "" {
\t\topts.BaseImage = defaultBase
\t}
\tif native {
\t\topts.BaseImage = nativeBase
\t}
}

func fallback() Options {
\treturn Options{BaseImage: "gcr.io/distroless/static:nonroot", Tags: []string{"latest"}}
}
"""


def test_a_programs_default_base_image_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"go.mod": GO_MOD, "internal/kobuild/build.go": BUILDER}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[4], row[5]) for row in rows) == [
        ("internal/kobuild/build.go", 17, "cgr.dev/chainguard/static:latest", "public"),
        ("internal/kobuild/build.go", 20, "quay.io/quarkus/quarkus-micro-image:2.0", "public"),
        ("internal/kobuild/build.go", 25, "gcr.io/distroless/static:nonroot", "public"),
    ]


def test_a_comparison_a_test_or_a_computed_base_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = """\
package kobuild

const wanted = "alpine:3.20"

func check(opts *Options, base string) bool {
\topts.BaseImage = base
\treturn opts.BaseImage == wanted
}
"""
    test = """\
package kobuild

func TestBase(t *testing.T) {
\topts := Options{}
\topts.BaseImage = "alpine:3.19"
}
"""
    tree = {"go.mod": GO_MOD, "internal/kobuild/check.go": source, "internal/kobuild/build_test.go": test}
    assert tree_rows(tree, tmp_path, monkeypatch, capsys) == []


def test_a_programs_default_from_image_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sandbox orchestrator's template build starts `FROM` an image it pulls: its command's default,
    `tmpl.FromImage = baseImage`, and a struct's `FromImage:` field, read as `BaseImage` is."""
    source = """\
package main

const baseImage = "e2bdev/base:latest"

func build(tmpl *Template, custom string) {
\ttmpl.FromImage = baseImage
\tif custom != "" {
\t\ttmpl.FromImage = custom
\t}
}

func smoke() Template {
\treturn Template{FromImage: "ubuntu:22.04", Kernel: "6.1"}
}
"""
    rows = tree_rows({"go.mod": GO_MOD, "cmd/create-build/main.go": source}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[4], row[5]) for row in rows) == [
        ("cmd/create-build/main.go", 6, "e2bdev/base:latest", "public"),
        ("cmd/create-build/main.go", 13, "ubuntu:22.04", "public"),
    ]
