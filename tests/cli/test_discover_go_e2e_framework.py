"""`discover` on a Go end-to-end suite kept in packages under its `e2e` directory (`test/e2e/apps/v1`), whose images
are written in a framework package beside them (`test/e2e/framework/v1`), as Ginkgo suites of Kubernetes controllers
commonly lay them out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

GO_MOD = "module github.com/example/workloads\n\ngo 1.25\n"

SUITE = """\
package v1

import (
	"github.com/onsi/ginkgo/v2"

	appsv1 "github.com/example/workloads/apis/apps/v1"
	"github.com/example/workloads/pkg/defaults"
	framework "github.com/example/workloads/test/e2e/framework/v1"
)

var _ = ginkgo.Describe("SpreadDeployment", func() {
	ginkgo.It("rolls the pods to a new image", func() {
		manager := framework.NewSpreadManager("sd")
		manager.SetImage("busybox:1.33")
		manager.CheckPodImage("busybox:1.33")
		_ = appsv1.SidecarSet{Spec: appsv1.SidecarSetSpec{
			UpgradeStrategy: appsv1.UpgradeStrategy{HotUpgradeEmptyImage: "acme/hotupgrade-sample:empty"},
		}}
	})
})
"""

FRAMEWORK = """\
package v1

import corev1 "k8s.io/api/core/v1"

type SpreadManager struct{ Spec corev1.PodSpec }

func NewSpreadManager(name string) *SpreadManager {
	return &SpreadManager{Spec: corev1.PodSpec{Containers: []corev1.Container{{
		Name:  "main",
		Image: "busybox:1.32",
	}}}}
}

func (m *SpreadManager) SetImage(image string) {
	m.Spec.Containers[0].Image = image
}
"""

DEFAULTS = """\
package defaults

const sidecarImage = "ghcr.io/example/sidecar:1.0"

var Sidecar = corev1.Container{Name: "sidecar", Image: sidecarImage, ImagePullPolicy: corev1.PullAlways}
"""


def test_the_framework_package_beside_a_suite_under_its_e2e_directory_is_read_as_the_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": GO_MOD,
        "test/e2e/apps/v1/spread.go": SUITE,
        "test/e2e/framework/v1/spread.go": FRAMEWORK,
        "pkg/defaults/defaults.go": DEFAULTS,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    seen = {(file, line, use, ref, status) for file, line, _, use, ref, status in rows}
    assert seen >= {
        ("test/e2e/framework/v1/spread.go", 10, "Image (e2e test)", "busybox:1.32", "public"),
        ("test/e2e/apps/v1/spread.go", 14, "Image (e2e helper SetImage)", "busybox:1.33", "public"),
    }
    # the production package the suite imports is no helper of its test tree: read as program code only
    assert not [row for row in seen if row[0] == "pkg/defaults/defaults.go" and "e2e" in row[2]]


def test_a_field_named_for_an_image_in_a_suite_is_read_as_its_image_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A custom resource's field named for an image (`HotUpgradeEmptyImage:`, `SidecarImage:`) that a suite sets is
    an image the controller under test has the cluster pull; a field whose name only starts with `Image`
    (`ImagePullPolicy:`) or holds it inside (`ImageName:`) is not one, nor is a repository without a tag
    (`ToolImage: "gcr.io/acme/backup-tool"`, which the operator tags when it runs)."""
    suite = """\
package v1

import "github.com/onsi/ginkgo/v2"

var _ = ginkgo.Describe("SidecarSet", func() {
	ginkgo.It("hot-upgrades the sidecar", func() {
		_ = appsv1.SidecarSet{Spec: appsv1.SidecarSetSpec{
			UpgradeStrategy: appsv1.UpgradeStrategy{HotUpgradeEmptyImage: "acme/hotupgrade-sample:empty"},
			ImageName: "acme/not-an-image-field:1",
			ToolImage: "gcr.io/acme/backup-tool",
			Policy: corev1.Container{ImagePullPolicy: "Always"},
		}}
	})
})
"""
    rows = tree_rows({"go.mod": GO_MOD, "test/e2e/apps/v1/sidecarset.go": suite}, tmp_path, monkeypatch, capsys)
    seen = {(file, line, use, ref, status) for file, line, _, use, ref, status in rows}
    assert seen == {
        ("test/e2e/apps/v1/sidecarset.go", 8, "Image (e2e test)", "acme/hotupgrade-sample:empty", "public"),
    }


def test_a_framework_outside_the_e2e_directory_of_a_suite_one_level_below_it_is_not_its_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A suite one level below its `e2e` directory (`test/e2e/service`) takes the helpers under that directory, as
    before; a package beside it (`test/framework/utils`, whose constants a test joins with a registry flag given when
    it runs) is not read as the suite."""
    suite = SUITE.replace("package v1", "package service").replace("test/e2e/framework/v1", "test/framework/v1")
    tree = {"go.mod": GO_MOD, "test/e2e/service/spread.go": suite, "test/framework/v1/spread.go": FRAMEWORK}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert not [row for row in rows if row[0] == "test/framework/v1/spread.go"]
