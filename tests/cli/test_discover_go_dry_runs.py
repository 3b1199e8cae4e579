"""`ecr-mirror discover` does not list the images of Kubernetes objects a Go e2e test only sends as a dry run: the API
server validates them (admission, CRD schema and CEL rules) and persists nothing, so no kubelet pulls their images
(controller-runtime's `client.DryRunAll`, client-go's `metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}`,
https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run). A file that also creates for real is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

VALIDATION = """\
package e2e

import (
\t"testing"

\tappsv1 "github.com/acme/platform-operator/pkg/apis/platform/v1"
\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
\t"sigs.k8s.io/controller-runtime/pkg/client"
)

func TestWorkloadSchema(t *testing.T) {
\tc := getClient(t)
\tw := &appsv1.Workload{
\t\tObjectMeta: metav1.ObjectMeta{Name: "w", Namespace: "default"},
\t\tSpec:       appsv1.WorkloadSpec{Components: []appsv1.Component{{Name: "web", Image: "nginx"}}},
\t}
\tif err := c.Create(t.Context(), w, client.DryRunAll); err != nil {
\t\tt.Fatal(err)
\t}
\tw.Spec.Components = []appsv1.Component{{Name: "api", Image: "acme/api:v1.2.3"}}
\tif err := c.Update(t.Context(), w, client.DryRunAll); err != nil {
\t\tt.Fatal(err)
\t}
}

func TestPodDefaults(t *testing.T) {
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "p", Image: "python:3.12"}}}}
\t_, err := clientset.CoreV1().Pods("default").Create(t.Context(), pod,
\t\tmetav1.CreateOptions{DryRun: []string{metav1.DryRunAll}})
\tif err != nil {
\t\tt.Fatal(err)
\t}
}
"""

QUEUEING = """\
package e2e

import (
\t"testing"

\tbatchv1 "k8s.io/api/batch/v1"
\tcorev1 "k8s.io/api/core/v1"
\t"sigs.k8s.io/controller-runtime/pkg/client"
)

func TestJobRuns(t *testing.T) {
\tc := getClient(t)
\tjob := &batchv1.Job{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\tContainers: []corev1.Container{{Name: "job", Image: "busybox:1.36"}},
\t}}}}
\tif err := c.Create(t.Context(), job, client.DryRunAll); err != nil {
\t\tt.Fatal(err)
\t}
\tif err := c.Create(t.Context(), job); err != nil {
\t\tt.Fatal(err)
\t}
}
"""


def test_objects_sent_only_as_a_dry_run_are_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"e2e/workload_validation_test.go": VALIDATION, "e2e/job_test.go": QUEUEING}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted({(row[0], row[4], row[5]) for row in rows}) == [("e2e/job_test.go", "busybox:1.36", "public")]
