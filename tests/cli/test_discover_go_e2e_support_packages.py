"""`discover` reads the packages an end-to-end suite imports from a directory named `e2e` elsewhere in its module
(`pkg/testutils/e2e/fixtures`, whose builders give the pods the suite deploys) as the suite's own helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module github.com/example/chaos\n\ngo 1.25\n"

SUITE = """\
//go:build e2e

package e2e

import (
	"testing"

	"github.com/example/chaos/pkg/kubernetes"
	"github.com/example/chaos/pkg/testutils/e2e/fixtures"
)

func TestPause(t *testing.T) {
	pod := fixtures.BuildPausedPod()
	kubernetes.Create(pod)
}
"""

FIXTURES = """\
// Package fixtures builds the objects the e2e tests deploy
package fixtures

import (
	"github.com/example/chaos/pkg/testutils/kubernetes/builders"
	corev1 "k8s.io/api/core/v1"
)

// BuildPausedPod returns a pod that runs the pause image
func BuildPausedPod() corev1.Pod {
	c := builders.NewContainerBuilder("paused").
		WithImage("quay.io/example/pause").
		WithPullPolicy(corev1.PullIfNotPresent).
		Build()
	return builders.NewPodBuilder("paused").WithContainer(c).Build()
}

// BuildLocalPod returns a pod that runs the image the Makefile builds and loads into the cluster
func BuildLocalPod() corev1.Pod {
	c := builders.NewContainerBuilder("local").
		WithImage("example-echoserver:latest").
		WithPullPolicy(corev1.PullNever).
		WithPort("tcp", 6666).
		Build()
	return builders.NewPodBuilder("local").WithContainer(c).Build()
}

// BuildShellPod returns a pod that runs a shell
func BuildShellPod() corev1.Pod {
	c := builders.NewContainerBuilder("shell").WithImage("busybox").Build()
	return builders.NewPodBuilder("shell").WithContainer(c).Build()
}
"""

UNUSED = """\
package unused

func build() corev1.Pod {
	return builders.NewContainerBuilder("x").WithImage("quay.io/example/unused:1").Build()
}
"""

PRODUCTION = """\
package kubernetes

// DefaultAgentImage is the image the tool injects when none is given.
const DefaultAgentImage = "ghcr.io/example/agent:1"

func Create(pod any) {}
"""


def test_a_package_the_suite_imports_from_an_e2e_directory_elsewhere_is_read_as_the_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "e2e/disruptors/pod_e2e_test.go": SUITE,
            "pkg/testutils/e2e/fixtures/fixtures.go": FIXTURES,
            "pkg/testutils/e2e/unused/unused.go": UNUSED,
            "pkg/kubernetes/client.go": PRODUCTION,
        },
    )
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("pkg/testutils/e2e/fixtures/fixtures.go", 12, "quay.io/example/pause:latest", "public") in records
    # a bare `busybox` in a helper, an image its chain never pulls (`PullNever`: loaded into the cluster), a package
    # under `e2e/` no suite imports and a production package: not read
    assert {ref for _, _, ref, status in records if status == "public"} == {"quay.io/example/pause:latest"}
