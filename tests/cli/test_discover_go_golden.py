"""A `testdata/` file that a Go test of its package both compares with and rewrites (the golden-file idiom: with an
update flag, `os.WriteFile(fmt.Sprintf("testdata/deployments/%s.yaml", tc.caseName), ...)`, else the same path read
and compared) is the program's expected output, never applied: not read. A `testdata/` manifest a test only reads
(an e2e suite applying it), or one a writing test does not name, is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ratelimit
spec:
  template:
    spec:
      containers:
        - name: ratelimit
          image: acme/ratelimit-fixture:v1.2.3
"""

GOLDEN_TEST = """\
package ratelimit

import (
\t"fmt"
\t"os"
\t"testing"
)

var update = flag.Bool("update", false, "rewrite the expected outputs")

func requireDeployment(t *testing.T, got []byte, name string) {
\tfilename := fmt.Sprintf("testdata/deployments/%s.yaml", name)
\tif *update {
\t\t_ = os.WriteFile(filename, got, 0o644)
\t\treturn
\t}
\twant, _ := os.ReadFile(filename)
\tcompare(t, want, got)
}
"""

READING_TEST = """\
package e2e

import (
\t"fmt"
\t"os"
\t"testing"
)

func applyCase(t *testing.T, name string) {
\tdata, _ := os.ReadFile(fmt.Sprintf("testdata/deployments/%s.yaml", name))
\tapply(t, data)
}
"""


def _images(records: list[dict[str, object]]) -> list[tuple[str, int, object, str]]:
    return sorted(
        (Path(str(r["file"])).as_posix(), int(str(r["line"])), r["reference"], str(r["status"]))
        for r in records
        if r.get("reference") != "alpine:3.22.1"
    )


def test_a_testdata_file_its_go_test_rewrites_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            "go.mod": "module example.com/gateway\n\ngo 1.24\n",
            "Dockerfile": "FROM alpine:3.22.1\n",
            "internal/ratelimit/resource_test.go": GOLDEN_TEST,
            "internal/ratelimit/testdata/deployments/custom.yaml": DEPLOYMENT,
            # named by no string of the writing test: still read
            "internal/ratelimit/testdata/other/service.yaml": DEPLOYMENT.replace("ratelimit-fixture", "other"),
        },
    )
    records = discover_records(root, monkeypatch, capsys)
    assert _images(records) == [("internal/ratelimit/testdata/other/service.yaml", 10, "acme/other:v1.2.3", "public")]


def test_a_testdata_manifest_a_go_test_only_reads_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            "go.mod": "module example.com/gateway\n\ngo 1.24\n",
            "Dockerfile": "FROM alpine:3.22.1\n",
            "test/e2e/apply_test.go": READING_TEST,
            "test/e2e/testdata/deployments/custom.yaml": DEPLOYMENT,
        },
    )
    records = discover_records(root, monkeypatch, capsys)
    assert _images(records) == [
        ("test/e2e/testdata/deployments/custom.yaml", 10, "acme/ratelimit-fixture:v1.2.3", "public")
    ]


def test_a_testdata_file_of_another_package_than_the_writing_test_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    write_tree(
        root,
        {
            "go.mod": "module example.com/gateway\n\ngo 1.24\n",
            "Dockerfile": "FROM alpine:3.22.1\n",
            "internal/ratelimit/resource_test.go": GOLDEN_TEST,
            "internal/proxy/testdata/deployments/custom.yaml": DEPLOYMENT,
        },
    )
    records = discover_records(root, monkeypatch, capsys)
    assert _images(records) == [
        ("internal/proxy/testdata/deployments/custom.yaml", 10, "acme/ratelimit-fixture:v1.2.3", "public")
    ]
