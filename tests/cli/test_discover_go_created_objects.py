"""`ecr-mirror discover` lists the images of the Kubernetes objects a Go test creates in a real cluster, the objects
built by a function of another file of the package too, and not those a unit test creates with a fake clientset."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.choose.discovery.test_go_created_objects import FAKE_TEST
from tests.support.trees import tree_rows

OBJECTS = """\
package app

func (a *TimeLog) deployment() *appsv1.Deployment {
\treturn &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\tContainers: []corev1.Container{{Name: "log", Image: "ghcr.io/acme/tools:0.119.0"}},
\t}}}}
}
"""

INSTALL = """\
package app

func (a *TimeLog) Install(ctx context.Context) error {
\tcfg, err := kube.LoadConfig()
\ta.cli, err = kubernetes.NewForConfig(cfg)
\tobj := a.deployment()
\t_, err = a.cli.AppsV1().Deployments(a.namespace).Create(ctx, obj, metav1.CreateOptions{})
\treturn err
}
"""


def test_the_objects_a_package_creates_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"test/app/objects.go": OBJECTS, "test/app/install.go": INSTALL, "pkg/controller/unit_test.go": FAKE_TEST}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    use = "Kubernetes object created (Go client)"
    assert records == [("test/app/objects.go", 5, "Go source", use, "ghcr.io/acme/tools:0.119.0", "public")]


FIXTURE = """\
package fixture

// NewMySQLDeployment creates a single-instance MySQL deployment.
func NewMySQLDeployment(namespace string) *appsv1.Deployment {
\treturn &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\tContainers: []corev1.Container{{Name: "mysql", Image: "mysql:8.4"}},
\t}}}}
}

func NewUnusedPod(namespace string) *corev1.Pod {
\treturn &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "x", Image: "nginx:1.27"}}}}
}
"""

STEPS = """\
package steps

import (
\t"context"

\t"example.com/acme/e2e-test/pkg/fixture"
)

func mysqlIsRunning(ctx context.Context, tc *TestContext) error {
\t_, err := tc.KubeCli.AppsV1().Deployments(tc.Namespace).Create(
\t\tctx, fixture.NewMySQLDeployment(tc.Namespace), metav1.CreateOptions{})
\treturn err
}
"""


def test_the_objects_a_fixture_package_of_the_module_builds_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "e2e-test/go.mod": "module example.com/acme/e2e-test\n\ngo 1.22\n",
        "e2e-test/pkg/fixture/fixture.go": FIXTURE,
        "e2e-test/steps/steps.go": STEPS,
    }
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    use = "Kubernetes object created (Go client)"
    assert records == [("e2e-test/pkg/fixture/fixture.go", 6, "Go source", use, "mysql:8.4", "public")]
