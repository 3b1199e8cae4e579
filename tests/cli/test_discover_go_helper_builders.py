"""The images a Go test's helper code hands a container builder of its module: a method or function whose `string`
parameter its body puts in an `Image:` field (cli/discover_go_helper_builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.hang_guard import finishes
from tests.support.trees import write_tree

GO_MOD = "module github.com/example/shipper\n\ngo 1.25\n"

# the operator's own pod builder: `AddContainer(name, image string)` puts `image` in the container's `Image:`
POD_BUILDER = """\
package runtime

import corev1 "k8s.io/api/core/v1"

type PodBuilder struct{ pod *corev1.Pod }

type ContainerBuilder struct {
	container  *corev1.Container
	podBuilder *PodBuilder
}

func (builder *PodBuilder) AddContainer(name, image string) *ContainerBuilder {
	return &ContainerBuilder{
		container: &corev1.Container{
			Name:  name,
			Image: image,
		},
		podBuilder: builder,
	}
}

func (builder *PodBuilder) AddLabel(key, value string) *PodBuilder { return builder }

func (builder *ContainerBuilder) WithCmd(cmd []string) *ContainerBuilder { return builder }

func (builder *ContainerBuilder) End() *PodBuilder { return builder.podBuilder }
"""

# a functional-test framework's output: the receiver containers it adds to the pod it creates in the cluster
STORE_OUTPUT = """\
package functional

import (
	"fmt"

	"github.com/example/shipper/internal/runtime"
)

func (f *Framework) AddStoreOutput(b *runtime.PodBuilder, name string) {
	b.AddLabel("component", "quay.io/acme/label-value:1.0")
	b.AddContainer(name, "quay.io/acme/log-store:v1.34.0").
		WithCmd([]string{"-storageDataPath=/tmp/logs"}).
		End().
		AddContainer(fmt.Sprintf("%s-sidecar", name), "quay.io/acme/curl:8.16.0").
		End()
	b.AddContainer(name, f.image)
}
"""

FORWARD_TEST = """\
package outputs

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/example/shipper/internal/runtime"
	"github.com/example/shipper/test/framework/functional"
)

const stashImage = "quay.io/acme/stash:7.10.1"

var _ = Describe("forwarding", func() {
	It("sends logs", func() {
		framework := functional.New()
		framework.AddStoreOutput(framework.Pod, "store")
		framework.Pod.AddContainer("stash", stashImage)
	})
})
"""

# a unit test of the builder beside it: its image is a fixture compared, never pulled
BUILDER_UNIT_TEST = """\
package runtime

import "testing"

func TestAddContainer(t *testing.T) {
	c := (&PodBuilder{}).AddContainer("x", "quay.io/acme/fixture:1.0")
	_ = c
}
"""


def _tree() -> dict[str, str]:
    return {
        "go.mod": GO_MOD,
        "internal/runtime/pod.go": POD_BUILDER,
        "internal/runtime/pod_test.go": BUILDER_UNIT_TEST,
        "test/framework/functional/output_store.go": STORE_OUTPUT,
        "test/functional/outputs/forward_test.go": FORWARD_TEST,
    }


def test_the_images_a_test_helper_hands_its_module_s_container_builder_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, _tree())
    assert main(["discover", "."]) == 0
    assert sorted(" ".join(line.split()) for line in capsys.readouterr().out.splitlines()) == [
        "quay.io/acme/curl:8.16.0 # test/framework/functional/output_store.go",
        "quay.io/acme/log-store:v1.34.0 # test/framework/functional/output_store.go",
        "quay.io/acme/stash:7.10.1 # test/functional/outputs/forward_test.go",
    ]


def test_a_helper_no_go_file_imports_hands_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = _tree()
    del tree["test/functional/outputs/forward_test.go"]
    write_tree(tmp_path, tree)
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == ""


def test_builder_images_stay_linear_on_an_unclosed_call() -> None:
    from ecr_mirror.choose.discovery.go_e2e_helpers import helper_call_images

    text = 'package functional\n\nfunc f() {\n\tb.AddContainer(name, "quay.io/acme/x:1"' + ", (" * 200_000
    assert finishes(helper_call_images, text, "test/framework/x.go", {"AddContainer": frozenset({1})}) == []
