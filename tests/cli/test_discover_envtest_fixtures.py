"""Kubernetes manifests in the `testdata/` of a Go package whose tests start envtest (an API server and etcd, no
kubelet: https://book.kubebuilder.io/reference/envtest) are what those tests apply to it, never pulled: not read.
A package whose envtest uses an existing cluster (`UseExistingCluster` set to anything but a literal `false`), or
whose tests start no envtest, keeps its testdata read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import tree_rows, write_tree

SUITE = """\
package controller

import (
\t"testing"

\t"sigs.k8s.io/controller-runtime/pkg/envtest"
)

func TestMain(m *testing.M) {
\ttestEnv := &envtest.Environment{%s}
\t_, _ = testEnv.Start()
}
"""

FIXTURE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: acme/webapp
        - name: sidecar
          image: ghcr.io/acme/sidecar
"""

RELEASE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
spec:
  template:
    spec:
      containers:
        - name: manager
          image: ghcr.io/acme/controller:v1.2.0
"""


def _tree(environment: str, source: str = SUITE) -> dict[str, str]:
    return {
        "go.mod": "module example.com/ctl\n\ngo 1.24\n",
        "internal/controller/suite_test.go": source % environment,
        "internal/controller/testdata/patch/deployment.yaml": FIXTURE,
        "config/manager/deployment.yaml": RELEASE,
    }


def test_the_testdata_manifests_of_a_package_running_envtest_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree(""), tmp_path, monkeypatch, capsys)
    release = ("config/manager/deployment.yaml", 10, "Kubernetes manifest", "image", "ghcr.io/acme/controller:v1.2.0")
    assert rows == [(*release, "public")]


def test_the_skipped_fixtures_are_counted_with_their_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, _tree(""))
    assert main(["discover", "."]) == 0
    err = capsys.readouterr().err
    assert "envtest" in err and "internal/controller/testdata/patch/deployment.yaml" in err


@pytest.mark.parametrize(
    ("environment", "source"),
    [
        ("UseExistingCluster: &useExistingCluster", SUITE),  # the kubeconfig's cluster: its kubelets pull
        ("", SUITE.replace("sigs.k8s.io/controller-runtime/pkg/envtest", "example.com/ctl/internal/kind")),
    ],
)
def test_the_testdata_manifests_of_other_packages_are_read(
    environment: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree(environment, source), tmp_path, monkeypatch, capsys)
    assert [(file, line, reference, status) for file, line, _, _, reference, status in rows] == [
        ("config/manager/deployment.yaml", 10, "ghcr.io/acme/controller:v1.2.0", "public"),
        ("internal/controller/testdata/patch/deployment.yaml", 10, "acme/webapp:latest", "public"),
        ("internal/controller/testdata/patch/deployment.yaml", 12, "ghcr.io/acme/sidecar:latest", "public"),
    ]


def test_a_literal_false_use_existing_cluster_is_envtest_still(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree("UseExistingCluster: ptr.To(false)"), tmp_path, monkeypatch, capsys)
    assert [file for file, *_ in rows] == ["config/manager/deployment.yaml"]
