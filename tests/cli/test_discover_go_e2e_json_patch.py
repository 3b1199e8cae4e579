"""A Go end-to-end suite that changes a deployed object's container image with a JSON Patch (RFC 6902: `"op":
"replace"`, `"path": "/spec/template/spec/containers/0/image"`, `"value": IMAGE`, https://jsonpatch.com) has the
cluster pull that image when it syncs or applies the patched object (argo-cd's `test/e2e/deployment_test.go` patches
its app's `deployment.yaml` so, then syncs). `discover` reads the value at its line; a patch of another path, a
`remove`, or one in a unit test (not a suite) is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_SUITE = """\
package e2e

import "testing"

func TestDeployment(t *testing.T) {
\tGiven(t).
\t\tPath("deployment").
\t\tWhen().
\t\tPatchFile("deployment.yaml", `[
    {
        "op": "replace",
        "path": "/spec/template/spec/containers/0/image",
        "value": "nginx:1.17.4-alpine"
    },
    {"op": "add", "path": "/spec/template/spec/initContainers/1/image", "value": "ghcr.io/acme/init:2.1"},
    {"op": "replace", "path": "/spec/replicas", "value": "3"},
    {"op": "remove", "path": "/spec/template/spec/containers/1/image"}
]`).
\t\tSync()
}
"""

_UNIT = """\
package patch

import "testing"

func TestApply(t *testing.T) {
\tapply(t, `[{"op": "replace", "path": "/spec/containers/0/image", "value": "acme/patched:9.9"}]`)
}
"""


def test_a_json_patch_of_a_container_image_in_an_e2e_suite_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/e2e/deployment_test.go": _SUITE, "pkg/patch/patch_test.go": _UNIT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["line"], r["reference"], r["status"]) for r in records] == [
        ("test/e2e/deployment_test.go", 13, "nginx:1.17.4-alpine", "public"),
        ("test/e2e/deployment_test.go", 15, "ghcr.io/acme/init:2.1", "public"),
    ]
