"""A Go file whose build constraint is `//go:build ignore` (or the older `// +build ignore`) is never compiled: "To
keep a file from being considered for any build: //go:build ignore" (https://pkg.go.dev/cmd/go#hdr-Build_constraints).
kgateway keeps about 250 switched-off test files so, whose images (`nginx:latest` of a Pod spec, a test runner's
`gcr.io/...:v1.7.0-beta18`) nothing pulls (set ZZZZ, 4 extras): not read. A file with another constraint (`linux &&
e2e`) is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

IGNORED = """\
//go:build ignore

package gloo_test

import (
	"github.com/testcontainers/testcontainers-go"
)

var pod = testcontainers.ContainerRequest{Image: "nginx:latest"}
"""

OLD_STYLE = IGNORED.replace("//go:build ignore", "// +build ignore").replace("nginx:latest", "nginx:1.25")
LIVE = IGNORED.replace("//go:build ignore", "//go:build linux && e2e").replace("nginx:latest", "nginx:stable")


def test_a_go_file_built_never_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"test/old/ignored_test.go": IGNORED, "test/old/older_test.go": OLD_STYLE, "test/e2e/live_test.go": LIVE},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["reference"]) for r in records} == {("test/e2e/live_test.go", "nginx:stable")}


SUITE = """\
//go:build ignore

package route_options

import "path/filepath"

var setup = filepath.Join("testdata", "setup.yaml")
"""

MANIFEST = """\
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
    - name: nginx
      image: nginx:stable
"""


def test_the_testdata_of_a_package_no_build_compiles_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """kgateway's switched-off e2e features: every Go file of `test/kubernetes/e2e/features/route_options/` is
    `//go:build ignore`, so no test applies its `testdata/setup.yaml` (set ZZZZ); a package with one live Go file
    (`basicrouting/`) keeps its testdata read."""
    write_tree(
        tmp_path,
        {
            "features/route_options/suite.go": SUITE,
            "features/route_options/types.go": SUITE.replace("var setup", "var other"),
            "features/route_options/testdata/setup.yaml": MANIFEST,
            "features/basicrouting/suite.go": SUITE.replace("//go:build ignore\n\n", ""),
            "features/basicrouting/testdata/service.yaml": MANIFEST.replace("nginx:stable", "nginx:1.27"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["reference"]) for r in records} == {
        ("features/basicrouting/testdata/service.yaml", "nginx:1.27")
    }
