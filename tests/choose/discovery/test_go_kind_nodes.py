"""Node images a Go program makes kind boot: kind's Go API `cluster.CreateWithNodeImage(IMAGE)`, and a kind cluster
configuration the program writes in a raw string (`nodes[].image`), its `%s` filled by `fmt.Sprintf`
(go_kind_nodes.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_kind_nodes import kind_node_images, may_boot_kind

HARNESS = """\
package testing

import (
\t"fmt"
\t"os"
)

var nodeImages = map[string]string{
\t"1.30": "kindest/node:v1.30.8@sha256:17cd608b3971338d9180b00776cb766c50d0a0b6b904ab4ff52fd3fc5c6369bf",
\t"1.31": "kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30",
}

func (k *Kind) Start(minor string) error {
\timage, ok := nodeImages[minor]
\tif !ok {
\t\treturn fmt.Errorf("no kind image for %q", minor)
\t}
\tconfig := []byte(fmt.Sprintf(`kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: %s
nodes:
  - role: control-plane
    image: %s
  - role: worker
    image: %s
`, k.Name, image, image))
\treturn os.WriteFile(k.ConfigPath, config, 0o644)
}

func (k *Kind) Pinned() string {
\tpinned := nodeImages["1.30"]
\treturn fmt.Sprintf(`apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
nodes:
- role: control-plane
  image: %[1]s
- role: worker
  image: %%s is literal here
`, pinned)
}
"""


def test_a_kind_config_written_by_sprintf_takes_each_value_of_the_map_its_node_image_comes_from() -> None:
    assert may_boot_kind("testing/testing.go", HARNESS.encode())
    found = kind_node_images(HARNESS, "testing/testing.go")
    # the key is known only when it runs: every value, at the map's lines; a literal key: that value only (once)
    assert found == [
        Found(
            "kindest/node:v1.30.8@sha256:17cd608b3971338d9180b00776cb766c50d0a0b6b904ab4ff52fd3fc5c6369bf",
            "testing/testing.go",
            9,
            use="kind cluster config (Go string)",
            kind="Go source",
        ),
        Found(
            "kindest/node:v1.31.4@sha256:2cb39f7295fe7eafee0842b1052a599a4fb0f8bcf3f83d96c7f4864c357c6c30",
            "testing/testing.go",
            10,
            use="kind cluster config (Go string)",
            kind="Go source",
        ),
    ]


CLUSTER = """\
package etcd

import (
\t"time"

\t"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
\t"sigs.k8s.io/kind/pkg/cluster"
)

const nodeImage = "ghcr.io/acme/kind-node:v1.29.2-acme-1"

func create(provider *cluster.Provider, config *v1alpha4.Cluster, image string) error {
\tif err := provider.Create("etcd",
\t\tcluster.CreateWithV1Alpha4Config(config),
\t\tcluster.CreateWithNodeImage("public.ecr.aws/acme/kind/node:v1.28.3-acme-12"),
\t); err != nil {
\t\treturn err
\t}
\t// cluster.CreateWithNodeImage("kindest/node:v1.20.0"),
\t_ = provider.Create("other", cluster.CreateWithNodeImage(nodeImage), cluster.CreateWithWaitForReady(time.Minute))
\treturn provider.Create("third", cluster.CreateWithNodeImage(image))
}

var raw = []byte(`kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  image: kindest/node:v1.32.2
`)
"""


def test_kind_s_go_api_node_image_and_a_literal_config_s_node_images() -> None:
    assert may_boot_kind("test/e2e/etcd/cluster.go", CLUSTER.encode())
    found = kind_node_images(CLUSTER, "test/e2e/etcd/cluster.go")
    # a literal, a constant of the file (at its line); a commented call and a parameter add nothing
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/acme/kind-node:v1.29.2-acme-1", 10, "kind CreateWithNodeImage"),
        ("public.ecr.aws/acme/kind/node:v1.28.3-acme-12", 15, "kind CreateWithNodeImage"),
        ("kindest/node:v1.32.2", 28, "kind cluster config (Go string)"),
    ]


NOT_KIND = """\
package e2e

import "fmt"

const nodeImage = "kindest/node:v1.32.2"

var deployment = fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - image: %s
`, nodeImage)

// a program of its own called CreateWithNodeImage, not kind's
func CreateWithNodeImage(image string) {}

func use() { CreateWithNodeImage("acme/other:1") }
"""


def test_other_manifests_and_a_function_not_kind_s_are_not_read_here() -> None:
    assert kind_node_images(NOT_KIND, "test/e2e/objects.go") == []
    assert not may_boot_kind("README.md", HARNESS.encode())


TEMPLATE = """\
package e2e

import "fmt"

const defaultNode = "kindest/node:v1.33.1"

const kindConfig = `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
nodes:
- role: control-plane
  image: %s
- role: worker
  image: %s
`

func write(worker string) string {
\treturn fmt.Sprintf(kindConfig, defaultNode, worker)
}
"""


def test_a_config_bound_to_a_constant_takes_the_arguments_of_each_sprintf_of_it() -> None:
    # the control plane's `%s` takes the constant (at its line); the worker's, a parameter, adds nothing
    found = kind_node_images(TEMPLATE, "test/e2e/kind.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("kindest/node:v1.33.1", 5, "kind cluster config (Go string)")
    ]


OBJECTS = """\
package e2e

import (
\tkindconfig "sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
\t"sigs.k8s.io/kind/pkg/cluster"
)

const workerImage = "kindest/node:v1.34.0"

func config(fromEnv string) *kindconfig.Cluster {
\treturn &kindconfig.Cluster{
\t\tNodes: []kindconfig.Node{
\t\t\tkindconfig.Node{Role: kindconfig.ControlPlaneRole, Image: "kindest/node:v1.35.0"},
\t\t\tkindconfig.Node{
\t\t\t\tRole:  kindconfig.WorkerRole,
\t\t\t\tImage: workerImage,
\t\t\t},
\t\t\tkindconfig.Node{Role: kindconfig.WorkerRole, Image: fromEnv},
\t\t},
\t}
}

func up(p *cluster.Provider) error {
\treturn p.Create("e2e", cluster.CreateWithV1Alpha4Config(config("")))
}
"""


def test_the_node_objects_of_kind_s_config_api_give_their_image() -> None:
    assert may_boot_kind("test/e2e/cluster.go", OBJECTS.encode())
    found = kind_node_images(OBJECTS, "test/e2e/cluster.go")
    # a literal, a constant of the file (at its line); a parameter adds nothing
    assert [(item.text, item.line, item.use) for item in found] == [
        ("kindest/node:v1.34.0", 8, "kind v1alpha4.Node"),
        ("kindest/node:v1.35.0", 13, "kind v1alpha4.Node"),
    ]
