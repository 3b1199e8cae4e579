"""`discover` on a tree whose Go test harness boots kind: the node images of the kind configuration it writes and
of kind's Go API are listed (go_kind_nodes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

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
