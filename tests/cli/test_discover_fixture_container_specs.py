"""Container specs inside YAML that is no Kubernetes object, kept in a tool's test inputs (`testdata/`, `fixtures/`):
the cases a Go unit test feeds its own code (a resource interpreter's `desiredObj:` wrapping a custom resource's pod
template), never applied nor installed, are not read; the same shape elsewhere (a kustomize patch), and a whole
Kubernetes object under `testdata/`, still are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CASE = """\
# test cases for the replica interpreter
name: "cluster with one worker group"
desiredObj:
  apiVersion: ray.example.io/v1
  kind: RayCluster
  metadata:
    name: sample
  spec:
    headGroupSpec:
      template:
        spec:
          containers:
          - name: head
            image: rayproject/ray:2.9.0
            resources:
              limits: {cpu: "2"}
operation: InterpretReplica
output:
  replica: 1
"""
PATCH = """\
- op: add
  path: /spec/template/spec/containers/-
  value:
    name: proxy
    image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1
    args: ["--port=5432"]
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: e2e-probe
spec:
  containers:
  - name: probe
    image: busybox:1.36.0
"""
TREE = {
    "go.mod": "module example.com/acme\n\ngo 1.22\n",
    "pkg/interpreter/ray/testdata/interpretreplica-test.yaml": CASE,
    "pkg/interpreter/fixtures/case.yaml": CASE.replace("ray:2.9.0", "ray:2.46.0"),
    "deploy/patches/add-proxy.yaml": PATCH,
    "test/e2e/testdata/pod.yaml": POD,
}


def test_container_specs_in_a_tools_test_inputs_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert not [r for r in records if "rayproject" in (r["reference"] or "")]


def test_the_same_shape_elsewhere_and_an_object_under_testdata_are_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records if r["reference"])
    assert rows == [
        ("deploy/patches/add-proxy.yaml", 5, "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1", "public"),
        ("test/e2e/testdata/pod.yaml", 8, "busybox:1.36.0", "public"),
    ]
