"""`discover` on Go tests written with Terratest's k8s module: the Kubernetes objects a test keeps as YAML in a raw
string (a `fmt.Sprintf` template with `%s` for the namespace) and hands `k8s.KubectlApplyFromString` (or its `E`
and `Context` forms) are created in the test's cluster, which pulls their images; the same YAML in a test that
only parses it is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

APPLIED = """\
//go:build kubeall || kubernetes

package k8s_test

import (
\t"fmt"
\t"testing"

\t"github.com/gruntwork-io/terratest/modules/k8s"
)

func TestJobRuns(t *testing.T) {
\toptions := k8s.NewKubectlOptions("", "", "ns")
\tconfigData := fmt.Sprintf(jobTemplate, "ns")
\tk8s.KubectlApplyFromStringContext(t, t.Context(), options, configData)
}

const jobTemplate = `---
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  namespace: %s
spec:
  template:
    spec:
      containers:
      - name: pi
        image: "perl:5.36.0"
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(20)"]
`
"""

PARSED = """\
package render_test

import "testing"

func TestParse(t *testing.T) {
\t_ = parse(deploymentYAML)
}

const deploymentYAML = `
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: web
        image: fixture/web:1.0
`
"""


def test_raw_string_objects_applied_with_terratest_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"modules/k8s/job_test.go": APPLIED, "modules/render/parse_test.go": PARSED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"]) for r in records) == [
        ("modules/k8s/job_test.go", 29, "perl:5.36.0"),
    ]
