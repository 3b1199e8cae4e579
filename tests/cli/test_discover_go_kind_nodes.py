"""`discover` on a tree whose Go test harness boots kind: the node images of the kind configuration it writes and
of kind's Go API are listed (go_kind_nodes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

HARNESS = """\
package testing

import "fmt"

var images = map[string]string{
\t"1.31": "kindest/node:v1.31.4",
\t"1.32": "kindest/node:v1.32.2",
}

func config(name, minor string) string {
\timage := images[minor]
\treturn fmt.Sprintf(`kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: %s
nodes:
- role: control-plane
  image: %s
`, name, image)
}
"""

API = """\
package e2e

import kindcluster "sigs.k8s.io/kind/pkg/cluster"

func up(p *kindcluster.Provider) error {
\treturn p.Create("e2e", kindcluster.CreateWithNodeImage("ghcr.io/acme/kind-node:v1.30.0"))
}
"""


def test_the_node_images_a_go_harness_boots_kind_with_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"testing/testing.go": HARNESS, "testing/e2e/cluster.go": API})
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == (
        "ghcr.io/acme/kind-node:v1.30.0  # testing/e2e/cluster.go\n"
        "kindest/node:v1.31.4            # testing/testing.go\n"
        "kindest/node:v1.32.2            # testing/testing.go\n"
    )


E2E_FRAMEWORK = """\
package helpers

import (
\t"flag"

\t"sigs.k8s.io/e2e-framework/pkg/envfuncs"
\t"sigs.k8s.io/e2e-framework/support/kind"
)

var (
\tclusterName  string
\tclusterImage string
)

func init() {
\tflag.StringVar(&clusterName, "cluster-name", "ci", "the cluster's name")
\tflag.StringVar(&clusterImage, "cluster-image", "kindest/node:v1.33.1", "the node image of the kind cluster")
}

func create(name string) {
\t_ = envfuncs.CreateClusterWithConfig(kind.NewProvider(), name, "kind.yaml", kind.WithImage(clusterImage))
}
"""

OTHER_KIND = """\
package sorting

import kind "example.com/acme/kinds"

var sortImage = "ghcr.io/acme/not-a-node:v1.0.0"

func order() { _ = kind.WithImage(sortImage) }
"""


def test_the_flag_default_an_e2e_framework_kind_cluster_is_given_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/e2e/helpers/cluster.go": E2E_FRAMEWORK, "sorting/sorting.go": OTHER_KIND})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["line"], r["reference"], r["status"]) for r in records] == [
        ("tests/e2e/helpers/cluster.go", 17, "kindest/node:v1.33.1", "public")
    ]
