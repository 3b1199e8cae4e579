"""`ecr-mirror discover` follows a Go e2e suite's objects through a framework function that creates the object it
is given in the cluster (`framework.CreateJob(kubeClient, job)`, whose body calls `client.BatchV1().Jobs(ns).Create(
ctx, job, metav1.CreateOptions{})`): the images of the object handed in that parameter's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module example.com/op\n\ngo 1.22\n"

FRAMEWORK = """\
package framework

import (
\t"context"

\tbatchv1 "k8s.io/api/batch/v1"
\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
\t"k8s.io/client-go/kubernetes"
)

// CreateJob creates the job in the cluster.
func CreateJob(client kubernetes.Interface, job *batchv1.Job) {
\t_, err := client.BatchV1().Jobs(job.Namespace).Create(context.TODO(), job, metav1.CreateOptions{})
\tif err != nil {
\t\tpanic(err)
\t}
}

// GetJob reads the job back.
func GetJob(client kubernetes.Interface, job *batchv1.Job) *batchv1.Job {
\tgot, _ := client.BatchV1().Jobs(job.Namespace).Get(context.TODO(), job.Name, metav1.GetOptions{})
\treturn got
}
"""

HELPER = """\
package helper

import (
\tbatchv1 "k8s.io/api/batch/v1"
\tcorev1 "k8s.io/api/core/v1"
\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NewJob builds a job computing pi.
func NewJob(namespace, name string) *batchv1.Job {
\treturn &batchv1.Job{
\t\tObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
\t\tSpec: batchv1.JobSpec{
\t\t\tTemplate: corev1.PodTemplateSpec{
\t\t\t\tSpec: corev1.PodSpec{
\t\t\t\t\tContainers: []corev1.Container{{
\t\t\t\t\t\tName:  "pi",
\t\t\t\t\t\tImage: "perl:5.34.0",
\t\t\t\t\t}},
\t\t\t\t},
\t\t\t},
\t\t},
\t}
}

// NewRubyJob builds a job the suite only reads back.
func NewRubyJob(namespace, name string) *batchv1.Job {
\treturn &batchv1.Job{
\t\tObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
\t\tSpec: batchv1.JobSpec{
\t\t\tTemplate: corev1.PodTemplateSpec{
\t\t\t\tSpec: corev1.PodSpec{
\t\t\t\t\tContainers: []corev1.Container{{Name: "rb", Image: "ruby:3.3"}},
\t\t\t\t},
\t\t\t},
\t\t},
\t}
}
"""

SUITE = """\
package base

import (
\t"github.com/onsi/ginkgo/v2"
\tbatchv1 "k8s.io/api/batch/v1"

\t"example.com/op/test/e2e/framework"
\t"example.com/op/test/helper"
)

var _ = ginkgo.Describe("job propagation", func() {
\tvar job, other *batchv1.Job

\tginkgo.BeforeEach(func() {
\t\tjob = helper.NewJob(testNamespace, "pi")
\t\tother = helper.NewRubyJob(testNamespace, "rb")
\t})

\tginkgo.It("runs the job", func() {
\t\tframework.CreateJob(kubeClient, job)
\t\tframework.GetJob(kubeClient, other)
\t})
})
"""

DIRECT = """\
package base

import (
\t"context"

\tcorev1 "k8s.io/api/core/v1"
\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func createPause(ns string) {
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{
\t\t{Name: "p", Image: "registry.k8s.io/pause:3.10"},
\t}}}
\t_, _ = kubeClient.CoreV1().Pods(ns).Create(context.TODO(), pod, metav1.CreateOptions{})
}
"""


def test_an_object_handed_to_a_creating_framework_function_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "test/e2e/framework/job.go": FRAMEWORK,
            "test/helper/resource.go": HELPER,
            "test/e2e/suites/base/job_test.go": SUITE,
            "test/e2e/suites/base/pod_test.go": DIRECT,
        },
    )
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    # the ruby job is only read back (GetJob creates nothing)
    assert records == {
        ("test/helper/resource.go", 18, "perl:5.34.0", "public"),
        ("test/e2e/suites/base/pod_test.go", 12, "registry.k8s.io/pause:3.10", "public"),
    }
