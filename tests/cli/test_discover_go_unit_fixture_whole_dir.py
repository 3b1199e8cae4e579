"""A unit test that names its package's whole `testdata/` directory with a bare literal (`srcFile := "testdata"`,
then a copy of the directory or `os.ReadDir(srcFile)` over its cases; `"./testdata"`, `"testdata/"` alike) reads
every file there, offline when its package reaches no cluster: none is read. A `"testdata"` that is an element of a
`filepath.Join` of literals (`filepath.Join("testdata", "one.yaml")`) names only that path, and a package whose
tests reach a cluster keeps its `testdata/` read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_RENAME_TEST = """\
package rename_test

import "testing"

func TestRenameFiles(t *testing.T) {
\tsrc := "testdata"
\ttmp := t.TempDir()
\tif err := copyDir(src, tmp); err != nil {
\t\tt.Fatal(err)
\t}
\trunRename(t, tmp)
}
"""

_LABEL_TEST = """\
package label

import (
\t"os"
\t"testing"
)

func TestLabels(t *testing.T) {
\tcases, _ := os.ReadDir("./testdata/")
\tfor _, c := range cases {
\t\tcheckLabels(t, c.Name())
\t}
}
"""

_JOIN_TEST = """\
package sorter

import (
\t"path/filepath"
\t"testing"
)

func TestSort(t *testing.T) { sortFile(t, filepath.Join("testdata", "one.yaml")) }
"""

_APPLY_TEST = """\
package deployer

import (
\t"os/exec"
\t"testing"
)

func TestDeploy(t *testing.T) {
\tdir := "testdata"
\t_ = exec.Command("kubectl", "apply", "-f", dir).Run()
}
"""


def _deployment(image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
        f"      containers:\n      - name: web\n        image: {image}\n"
    )


def test_a_testdata_directory_a_unit_test_names_whole_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": "module example.com/gitops\n",
        "pkg/cmd/rename/rename.go": "package rename\n",
        "pkg/cmd/rename/rename_test.go": _RENAME_TEST,
        "pkg/cmd/rename/testdata/pipelines.yaml": _deployment("gcr.io/acme/pipeline/controller:v0.15.2"),
        "pkg/cmd/label/label.go": "package label\n",
        "pkg/cmd/label/label_test.go": _LABEL_TEST,
        "pkg/cmd/label/testdata/dns/source.yaml": _deployment("acme/external-dns:0.12.2"),
        # a Join of literals names one file: the other is read
        "pkg/sorter/sorter.go": "package sorter\n",
        "pkg/sorter/sorter_test.go": _JOIN_TEST,
        "pkg/sorter/testdata/one.yaml": _deployment("acme/one:1.0"),
        "pkg/sorter/testdata/two.yaml": _deployment("acme/two:2.0"),
        # reaches a cluster: read
        "pkg/deployer/deployer.go": "package deployer\n",
        "pkg/deployer/deployer_test.go": _APPLY_TEST,
        "pkg/deployer/testdata/app.yaml": _deployment("ghcr.io/acme/app:1.4.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(record["written"] for record in json.loads(out)) == ["acme/two:2.0", "ghcr.io/acme/app:1.4.0"]
    assert "3 manifests only a Go package's unit tests read (" in err
