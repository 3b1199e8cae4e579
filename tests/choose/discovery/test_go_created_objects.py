"""Go code that creates Kubernetes objects in a real cluster through client-go (`cli.CoreV1().Pods(ns).Create(ctx,
pod, metav1.CreateOptions{})`) or controller-runtime (`k8sClient.Create(ctx, job)`): the cluster pulls the images of
the containers it creates; a fake clientset or envtest (no kubelet) pulls nothing."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_created_objects import MARK, add_imported, created_images, creating_package

EXEC_TEST = """\
//go:build !unit

package kube

import (
\t"context"

\tcorev1 "k8s.io/api/core/v1"
\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const sidecarImage = "ghcr.io/acme/tools:0.37.0"

func (s *ExecSuite) SetUpSuite(c *check.C) {
\tctx := context.Background()
\tvar err error
\ts.cli, err = NewClient()
\tpod := &corev1.Pod{
\t\tObjectMeta: metav1.ObjectMeta{Name: "testpod"},
\t\tSpec: corev1.PodSpec{
\t\t\tContainers: []corev1.Container{
\t\t\t\t{
\t\t\t\t\tName:    "testcontainer",
\t\t\t\t\tImage:   "busybox",
\t\t\t\t\tCommand: []string{"sh", "-c", "tail -f /dev/null"},
\t\t\t\t},
\t\t\t\t{Name: "sidecar", Image: sidecarImage},
\t\t\t\t{Name: "given", Image: s.image},
\t\t\t},
\t\t},
\t}
\ts.pod, err = s.cli.CoreV1().Pods(s.namespace).Create(ctx, pod, metav1.CreateOptions{})
\t// s.cli.CoreV1().Pods(ns).Create(ctx, &corev1.Pod{Spec: corev1.PodSpec{Containers: x{{Image: "old:1"}}}}, opts)
}

func (s *ExecSuite) TestScale(c *check.C) {
\tdc := newDeployment()
\tdc, err := s.cli.AppsV1().Deployments(s.namespace).Create(context.TODO(), dc, metav1.CreateOptions{})
\tc.Assert(err, check.IsNil)
}

func newDeployment() *appsv1.Deployment {
\treturn &appsv1.Deployment{
\t\tSpec: appsv1.DeploymentSpec{
\t\t\tTemplate: corev1.PodTemplateSpec{
\t\t\t\tSpec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "alpine:3.19"}}},
\t\t\t},
\t\t},
\t}
}

func expectedPod() *corev1.Pod {
\treturn &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Image: "nginx:1.27"}}}}
}
"""


def _rows(text: str, origin: str, siblings: tuple[str, ...] = ()) -> list[tuple[str, int, str]]:
    package = creating_package([(origin, text)] + [(f"sibling{index}.go", each) for index, each in enumerate(siblings)])
    return [(item.text, item.line or 0, item.use) for item in created_images(origin, package)]


USE = "Kubernetes object created (Go client)"


def test_the_containers_of_the_objects_a_test_creates_with_a_real_client() -> None:
    assert MARK in EXEC_TEST.encode()
    assert _rows(EXEC_TEST, "pkg/kube/exec_test.go") == [
        ("busybox", 24, USE),
        ("ghcr.io/acme/tools:0.37.0", 12, USE),
        ("alpine:3.19", 46, USE),
    ]


RANGE_TEST = """\
package kubernetes

func runPullTests(t *testing.T, k8sClient kubernetes.Interface, images []string) {
\tfirst := corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "pull", Image: images[0]}}}}
\tfailed := corev1.Pod{
\t\tSpec: corev1.PodSpec{
\t\t\tContainers: []corev1.Container{{Name: "pull", Image: "ghcr.io/acme/bench:v1-10MB-1"}},
\t\t},
\t}
\tfor _, pod := range append([]corev1.Pod{first}, failed) {
\t\t_, err := k8sClient.CoreV1().Pods("pull").Create(t.Context(), &pod, metav1.CreateOptions{})
\t\trequire.NoError(t, err)
\t}
\tjob := &batchv1.Job{
\t\tSpec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\t\tContainers: []corev1.Container{{Name: "conformance", Image: "ghcr.io/acme/conformance:ed885fa"}},
\t\t}}},
\t}
\tjob, err := k8sClient.BatchV1().Jobs("conformance").Create(t.Context(), job, metav1.CreateOptions{})
}
"""


def test_the_objects_a_loop_creates_and_a_job() -> None:
    assert _rows(RANGE_TEST, "test/integration/kubernetes/kubernetes_test.go") == [
        ("ghcr.io/acme/bench:v1-10MB-1", 7, USE),
        ("ghcr.io/acme/conformance:ed885fa", 16, USE),
    ]


FAKE_TEST = """\
package controller

import (
\t"k8s.io/client-go/kubernetes/fake"
)

func TestReconcile(t *testing.T) {
\tcli := fake.NewSimpleClientset()
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Image: "nginx:1.27"}}}}
\t_, err := cli.CoreV1().Pods("default").Create(context.TODO(), pod, metav1.CreateOptions{})
\trequire.NoError(t, err)
}
"""

HELPER_FAKE = """\
package controller

import "k8s.io/client-go/kubernetes/fake"

func newClient() kubernetes.Interface { return fake.NewSimpleClientset() }
"""

UNKNOWN_CLIENT = """\
package controller

func TestCreate(t *testing.T) {
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Image: "nginx:1.27"}}}}
\t_, err := client.CoreV1().Pods("default").Create(context.TODO(), pod, metav1.CreateOptions{})
\trequire.NoError(t, err)
}
"""

ENVTEST_SUITE = """\
package controller

import "sigs.k8s.io/controller-runtime/pkg/envtest"

var testEnv *envtest.Environment
"""

RUNTIME_CREATE = """\
package controller

var _ = Describe("Backup", func() {
\tIt("runs the job", func() {
\t\tjob := &batchv1.Job{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\t\tContainers: []corev1.Container{{Name: "backup", Image: "restic/restic:0.16.4"}},
\t\t}}}}
\t\tExpect(k8sClient.Create(ctx, job)).To(Succeed())
\t})
})
"""


def test_a_fake_clientset_or_envtest_pulls_nothing() -> None:
    assert _rows(FAKE_TEST, "pkg/controller/reconcile_test.go") == []
    assert _rows(UNKNOWN_CLIENT, "pkg/controller/create_test.go", (HELPER_FAKE,)) == []
    assert _rows(UNKNOWN_CLIENT, "pkg/controller/create_test.go") == [("nginx:1.27", 4, USE)]
    assert _rows(RUNTIME_CREATE, "internal/controller/backup_test.go", (ENVTEST_SUITE,)) == []
    assert _rows(RUNTIME_CREATE, "test/e2e/backup_test.go") == [("restic/restic:0.16.4", 6, USE)]


def test_an_object_never_created_is_not_read() -> None:
    text = EXEC_TEST.replace(".Create(", ".Get(").replace("metav1.CreateOptions{}", "metav1.GetOptions{}")
    assert _rows(text, "pkg/kube/exec_test.go") == []


MIXED_TEST = """\
package param

import osfake "github.com/openshift/client-go/apps/clientset/versioned/fake"

func (s *ParamsSuite) TestDeploymentConfig(c *check.C) {
\ts.osCli, err = osversioned.NewForConfig(cfg)
\tdepConf := &osapps.DeploymentConfig{Spec: osapps.DeploymentConfigSpec{Template: &corev1.PodTemplateSpec{
\t\tSpec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "alpine"}}},
\t}}}
\tdc, err := s.osCli.AppsV1().DeploymentConfigs(s.namespace).Create(ctx, depConf, metav1.CreateOptions{})
}

func (s *ParamsSuite) TestFetch(c *check.C) {
\tosCli := osfake.NewSimpleClientset()
\tdc := &osapps.DeploymentConfig{Spec: osapps.DeploymentConfigSpec{Template: &corev1.PodTemplateSpec{
\t\tSpec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}},
\t}}}
\t_, err := osCli.AppsV1().DeploymentConfigs("ns").Create(ctx, dc, metav1.CreateOptions{})
}
"""


def test_a_suite_field_bound_to_a_real_client_beside_a_local_fake() -> None:
    assert _rows(MIXED_TEST, "pkg/param/param_test.go") == [("alpine", 8, USE)]


PAUSE_POD_MANAGER = """\
package autoscaler

const pauseImage = "registry.k8s.io/pause:3.10"

func (m *manager) createPausePod(ctx context.Context) error {
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "pause", Image: pauseImage}}}}
\t_, err := m.client.CoreV1().Pods(m.namespace).Create(ctx, pod, metav1.CreateOptions{})
\treturn err
}
"""


def test_a_program_creating_objects_at_run_time_is_not_a_test() -> None:
    assert _rows(PAUSE_POD_MANAGER, "executors/kubernetes/autoscaler/pause_pod_manager.go") == []
    assert _rows(PAUSE_POD_MANAGER, "test/e2e/autoscaler/pause_pods.go") == [("registry.k8s.io/pause:3.10", 3, USE)]


DISCOVER_TEST = """\
package discover

import "example.com/rook/pkg/operator/test"

func TestStartDiscoveryDaemonset(t *testing.T) {
\tclientset := test.New(t, 3)
\tpod := v1.Pod{Spec: v1.PodSpec{Containers: []v1.Container{{Name: "c", Image: "rook/test"}}}}
\t_, err := clientset.CoreV1().Pods("rook-system").Create(ctx, &pod, metav1.CreateOptions{})
\tassert.NoError(t, err)
}
"""

TEST_HELPERS = """\
package test

import "k8s.io/client-go/kubernetes/fake"

// New creates a fake K8s cluster with some nodes added.
func New(t *testing.T, nodes int) *fake.Clientset {
\tclientset := fake.NewSimpleClientset()
\treturn clientset
}
"""


def test_a_client_a_helper_package_makes_as_a_fake_pulls_nothing() -> None:
    package = creating_package([("pkg/operator/discover/discover_test.go", DISCOVER_TEST)])
    add_imported(package, "test", [("pkg/operator/test/client.go", TEST_HELPERS)])
    assert created_images("pkg/operator/discover/discover_test.go", package) == []


RECONCILER_TEST = """\
package mattermost

import "sigs.k8s.io/controller-runtime/pkg/client/fake"

func TestCheckJobs(t *testing.T) {
\t_, _, reconciler := setupTestDeps(t)
\tjob := &batchv1.Job{Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
\t\tContainers: []corev1.Container{{Name: "update", Image: "invalid-image:latest"}},
\t}}}}
\terr := reconciler.Client.Create(context.TODO(), job)
\trequire.NoError(t, err)
}

func setupTestDeps(t *testing.T) (logr.Logger, client.Client, *Reconciler) {
\tc := fake.NewClientBuilder().Build()
\treturn logger, c, &Reconciler{
\t\tClient: c,
\t}
}
"""


def test_a_field_given_a_name_bound_to_a_fake_is_a_fake() -> None:
    assert _rows(RECONCILER_TEST, "controllers/mattermost/mattermost_test.go") == []


CLUSTER_TEST = """\
package postgrescluster

import "example.com/operator/internal/testing/require"

func TestReconcileBackups(t *testing.T) {
\t_, cc := require.Kubernetes2(t)
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "db", Image: "example.com/pg:t"}}}}
\tassert.NilError(t, cc.Create(ctx, pod))
}
"""

REQUIRE = """\
package require

import "sigs.k8s.io/controller-runtime/pkg/envtest"

func Kubernetes2(t TestingT) (*rest.Config, client.Client) {
\tenv, cc := kubernetes3(t)
\treturn env.Config, cc
}

func kubernetes3(t TestingT) (*envtest.Environment, client.Client) {
\treturn startEnvironment(t)
}
"""


def test_a_package_whose_imported_test_helper_starts_envtest_pulls_nothing() -> None:
    package = creating_package([("internal/controller/postgrescluster/backup_test.go", CLUSTER_TEST)])
    add_imported(package, "require", [("internal/testing/require/kubernetes.go", REQUIRE)])
    assert created_images("internal/controller/postgrescluster/backup_test.go", package) == []


def test_an_image_on_a_host_of_the_reserved_invalid_domain_is_not_read() -> None:
    text = RANGE_TEST.replace("ghcr.io/acme/bench:v1-10MB-1", "registry.invalid/example/hello-code:v1")
    assert _rows(text, "test/integration/suites/common/oci_test.go") == [("ghcr.io/acme/conformance:ed885fa", 16, USE)]


def test_envtest_on_an_existing_cluster_is_a_real_cluster() -> None:
    existing = REQUIRE.replace(
        "\treturn startEnvironment(t)\n", "\treturn start(&envtest.Environment{UseExistingCluster: &useExisting})\n"
    )
    package = creating_package([("test/e2e/backup_test.go", CLUSTER_TEST)])
    add_imported(package, "require", [("test/e2e/require/kubernetes.go", existing)])
    found = created_images("test/e2e/backup_test.go", package)
    assert [(item.text, item.line) for item in found] == [("example.com/pg:t", 7)]


def test_envtest_told_not_to_use_an_existing_cluster_starts_its_own() -> None:
    own = REQUIRE.replace(
        "\treturn startEnvironment(t)\n", "\treturn start(&envtest.Environment{UseExistingCluster: ptr.To(false)})\n"
    )
    package = creating_package([("test/e2e/backup_test.go", CLUSTER_TEST)])
    add_imported(package, "require", [("test/e2e/require/kubernetes.go", own)])
    assert created_images("test/e2e/backup_test.go", package) == []
