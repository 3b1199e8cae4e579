"""`ecr-mirror discover`: manifests under `testdata/` directories below a Go package whose unit test globs them
(`filepath.Glob(filepath.Join(pwd, "*", "*", "testdata", "*.input.yaml"))` in a `_test.go` above them, run with the
test's package directory as its working directory) are that test's offline inputs, not read; a file the pattern does
not match, and one under a test that reaches a cluster, are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree


def _pod(name: str, image: str) -> str:
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n"
        f"spec:\n  containers:\n  - name: main\n    image: {image}\n  nodeName: node\n"
    )


_STAGE_TEST = """\
package stage

import (
\t"os"
\t"path/filepath"
\t"testing"
)

func TestStages(t *testing.T) {
\tpwd, _ := os.Getwd()
\tinputs, err := filepath.Glob(filepath.Join(pwd, "*", "*", "testdata", "*.input.yaml"))
\tif err != nil {
\t\tt.Fatal(err)
\t}
\t_ = inputs
}
"""

TREE = {
    "stages/stage_test.go": _STAGE_TEST,
    "stages/pod/fast/embed.go": "package fast\n",
    "stages/pod/fast/testdata/pod-pending.input.yaml": _pod("pending", "init-image"),
    # the same testdata directory, a name the pattern does not match: read
    "stages/pod/fast/testdata/pod-spare.yaml": _pod("spare", "acme/spare:2.0"),
    # a test that reaches a cluster globs its inputs too: read
    "cluster/apply_test.go": _STAGE_TEST.replace("package stage", 'package cluster\n\nconst k = "KUBECONFIG"'),
    "cluster/app/one/testdata/app.input.yaml": _pod("app", "ghcr.io/acme/app:1.4.0"),
}


def test_inputs_a_go_test_above_globs_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert found == [
        ("cluster/app/one/testdata/app.input.yaml", 8, "ghcr.io/acme/app:1.4.0", "public"),
        ("stages/pod/fast/testdata/pod-spare.yaml", 8, "acme/spare:2.0", "public"),
    ]
