"""`discover` on a Go program (a Kubernetes operator's controller) whose own code writes the images of the containers
it creates: `corev1.Container{Image: "vitess/vtctld:helm-1.0.3"}` in a reconciler, pulled by the kubelet when the
operator deploys them. Test code's `Image:` fields are fixtures compared, not pulled, and stay unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

RECONCILER = """\
package cell

import (
	corev1 "k8s.io/api/core/v1"
)

const sidecarImage = "example/log-shipper:2.1.0"

func podSpec(name string) corev1.PodSpec {
	return corev1.PodSpec{
		Containers: []corev1.Container{
			{
				Name:            "vtctld",
				Image:           "vitess/vtctld:helm-1.0.3", // TODO get this from a CRD with a default
				ImagePullPolicy: corev1.PullIfNotPresent,
			},
			{Name: "shipper", Image: sidecarImage},
			// {Name: "old", Image: "example/old-sidecar:0.1"},
			{Name: "local", Image: "builder"},
		},
	}
}
"""

UNIT_TEST = """\
package cell

func TestPodSpec(t *testing.T) {
	want := corev1.Container{Name: "vtctld", Image: "example/expected:1.0"}
	_ = want
}
"""

FAKE = """\
package k8s

var fakePod = corev1.Container{Name: "synclet", Image: "example/fake-synclet:latest"}
"""

TEST_HELPERS = """\
package business

func ProxyPod() corev1.Pod {
	containers := []corev1.Container{{Name: "proxy", Image: "example/proxy:0.7.1"}}
	return corev1.Pod{Spec: corev1.PodSpec{Containers: containers}}
}
"""

# knative's duck typing: `Populate` fills an example object the package's conformance tests compare
DUCK_TYPE = """\
package v1beta1

func (t *PodScalable) Populate() {
	t.Spec = PodScalableSpec{
		Template: corev1.PodTemplateSpec{
			Spec: corev1.PodSpec{
				Containers: []corev1.Container{{
					Name:  "container-name",
					Image: "container-image:latest",
				}},
			},
		},
	}
}

func defaultSidecar() corev1.Container {
	return corev1.Container{Name: "sidecar", Image: "example/duck-sidecar:1.0"}
}
"""

HELPER = """\
package testutil

var Pod = corev1.Container{Name: "probe", Image: "example/probe:1.0"}
"""


def test_the_images_an_operator_s_code_writes_are_read_and_test_code_s_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pkg/controller/cell/reconcile_cell.go": RECONCILER,
            "pkg/controller/cell/reconcile_cell_test.go": UNIT_TEST,
            "internal/k8s/fake_client.go": FAKE,
            "pkg/testutil/pods.go": HELPER,
            "business/test_util.go": TEST_HELPERS,
            "internal/kube/testing_helpers.go": TEST_HELPERS,
            "pkg/apis/duck/v1beta1/podscalable_types.go": DUCK_TYPE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("pkg/controller/cell/reconcile_cell.go", 14, "vitess/vtctld:helm-1.0.3", "public"),
        ("pkg/controller/cell/reconcile_cell.go", 17, "example/log-shipper:2.1.0", "public"),
        ("pkg/apis/duck/v1beta1/podscalable_types.go", 17, "example/duck-sidecar:1.0", "public"),
    }
