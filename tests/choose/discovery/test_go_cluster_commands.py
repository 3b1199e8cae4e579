"""Go sources that create a kind cluster or run a pod through os/exec or mage's sh package: kind pulls the node image
`--image` names (https://kind.sigs.k8s.io/docs/user/quick-start/#creating-a-cluster), kubectl's cluster the image
of `kubectl run --image`, read by the scripts' rules (kubectl.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_runs, may_run_docker

MAGEFILE = """\
//go:build mage

package main

import (
\t"os/exec"

\t"github.com/magefile/mage/sh"
)

// K8s runs the cluster tests.
func K8s() error {
\tif err := sh.RunWithV(env, "kind", "create", "cluster", "--image", "kindest/node:v1.30.6"); err != nil {
\t\treturn err
\t}
\tdefer sh.RunV("kind", "delete", "cluster", "--name", "it")
\treturn exec.Command("kubectl", "run", "probe", "--image=curlimages/curl:8.11.1", "--restart=Never").Run()
}
"""


def test_kind_and_kubectl_commands_of_a_magefile_list_their_images() -> None:
    assert may_run_docker("magefiles/magefile.go", MAGEFILE.encode())
    found = go_docker_runs(MAGEFILE, "magefiles/magefile.go")
    assert [(item.text, item.line, item.kind) for item in found] == [
        ("kindest/node:v1.30.6", 13, "Go source"),
        ("curlimages/curl:8.11.1", 17, "Go source"),
    ]
