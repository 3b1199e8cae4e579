"""`ecr-mirror discover` on what held-out set DB (kustomize) showed listed wrongly: a KRM function the tree builds
under its name and tag, and testdata a Go unit test joins as its data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


FUNCTION_MAKEFILE = """\
.PHONY: image
image:
\tdocker build image -t gcr.io/example-functions/tshirt:v0.3.0
\tdocker push gcr.io/example-functions/tshirt:v0.3.0
"""

FUNCTION_CONFIG = """\
apiVersion: examples.config.kubernetes.io/v1beta1
kind: TShirt
metadata:
  name: sizes
  annotations:
    config.kubernetes.io/function: |
      container:
        image: gcr.io/example-functions/tshirt:v0.3.0
---
apiVersion: examples.config.kubernetes.io/v1beta1
kind: Validator
metadata:
  name: validate
  annotations:
    config.kubernetes.io/function: |
      container:
        image: gcr.io/example-functions/validator:v0.1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployed
spec:
  template:
    spec:
      containers:
        - name: app
          image: gcr.io/example-functions/tshirt:v0.3.0
"""


def test_a_krm_function_the_tree_builds_with_its_tag_is_run_from_the_local_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """kustomize and kpt run a KRM function's container with the local container runtime, as `docker run` does: the
    name and tag the tree builds is that build, not a pull; a function it does not build is pulled, and a Deployment
    of the same name on a cluster pulls the published image."""
    tree = {"fn/tshirt/Makefile": FUNCTION_MAKEFILE, "fn/tshirt/local-resource/config.yaml": FUNCTION_CONFIG}
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    shown = "fn/tshirt/local-resource/config.yaml"
    assert _public(records) == {
        (shown, 17, "gcr.io/example-functions/validator:v0.1.0"),
        (shown, 28, "gcr.io/example-functions/tshirt:v0.3.0"),
    }
    assert [(r["line"], r["status"]) for r in records if r["file"] == shown and r["line"] == 8] == [(8, "built-here")]


def _deployment(image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n"
        f"      containers:\n        - name: app\n          image: {image}\n"
    )


MERGE_TEST = """\
package filters

func TestMerge(t *testing.T) {
	_, datadir, _, _ := runtime.Caller(0)
	datadir = filepath.Join(filepath.Dir(datadir), "testdata")
	_ = filepath.Join(datadir, "dataset1")
}
"""

CAT_TEST = """\
package commands

func TestCat(t *testing.T) {
	for _, test := range tests {
		sourceDir := filepath.Join("test", "testdata", test.dataset)
		_ = sourceDir
	}
}
"""

E2E_TEST = """\
package e2e

func TestApply(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	applyAll(filepath.Join(filepath.Dir(file), "testdata"))
}
"""


def test_testdata_a_unit_test_names_by_a_joined_directory_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A unit test that takes its whole `testdata/` (`filepath.Join(filepath.Dir(file), "testdata")`, the test's own
    directory) or a case under a `test/testdata/` below its package (`filepath.Join("test", "testdata",
    test.dataset)`) reads those manifests offline (https://pkg.go.dev/cmd/go#hdr-Test_packages); an end-to-end
    suite's testdata is applied, and read."""
    tree = {
        "kyaml/filters/merge_test.go": MERGE_TEST,
        "kyaml/filters/testdata/dataset1/app.yaml": _deployment("gcr.io/project/app:version"),
        "cmd/commands/cat_test.go": CAT_TEST,
        "cmd/commands/test/testdata/with-setters/mysql/deployment.yaml": _deployment("mysql:1.7.9"),
        "test/e2e/apply_test.go": E2E_TEST,
        "test/e2e/testdata/app.yaml": _deployment("example/applied:1.0"),
    }
    write_tree(tmp_path, tree)
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {("test/e2e/testdata/app.yaml", 10, "example/applied:1.0")}
