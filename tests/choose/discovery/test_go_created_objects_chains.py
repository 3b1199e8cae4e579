"""A Go test's create call on a client reached through a chain of fields and accessors (`ls.deps.Client.Kubernetes()
.CoreV1()...`): a fake when a name of the chain is bound to one in the file (`Client: kclient.NewFakeClient()` in the
literal that makes `ls`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_created_objects import created_images, creating_package

STORAGE_TEST = """\
package storage

import (
\tcore "k8s.io/api/core/v1"

\t"example.com/operator/pkg/util/kclient"
)

func TestGetMyImage(t *testing.T) {
\tpod := core.Pod{Spec: core.PodSpec{Containers: []core.Container{{Name: "test", Image: "test-image"}}}}
\tls := &LocalStorage{
\t\tdeps: Dependencies{
\t\t\tClient: kclient.NewFakeClient(),
\t\t},
\t}
\t_, err := ls.deps.Client.Kubernetes().CoreV1().Pods("ns").Create(context.Background(), &pod, meta.CreateOptions{})
\trequire.NoError(t, err)
}
"""

REAL_TEST = """\
package storage

func TestOnCluster(t *testing.T) {
\tpod := core.Pod{Spec: core.PodSpec{Containers: []core.Container{{Name: "probe", Image: "busybox:1.36"}}}}
\tls := &LocalStorage{deps: Dependencies{Client: kclient.MustNewClient(t)}}
\t_, err := ls.deps.Client.Kubernetes().CoreV1().Pods("ns").Create(context.Background(), &pod, meta.CreateOptions{})
\trequire.NoError(t, err)
}
"""


def _texts(text: str, origin: str) -> list[str]:
    return [item.text for item in created_images(origin, creating_package([(origin, text)]))]


def test_a_client_reached_through_a_field_bound_to_a_fake_pulls_nothing() -> None:
    assert _texts(STORAGE_TEST, "pkg/storage/image_test.go") == []


def test_a_client_reached_through_a_field_bound_to_a_real_one_is_read() -> None:
    assert _texts(REAL_TEST, "pkg/storage/probe_test.go") == ["busybox:1.36"]


EXTERNAL_TEST = """\
package platform

func EnsureRegistry(t *testing.T, client kclient.Client, ns string) {
\tdep := &apps.Deployment{Spec: apps.DeploymentSpec{Template: core.PodTemplateSpec{Spec: core.PodSpec{
\t\tContainers: []core.Container{{Name: "registry", Image: "registry:2"}},
\t}}}}
\t_, err := client.Kubernetes().AppsV1().Deployments(ns).Create(ctx, dep, meta.CreateOptions{})
\trequire.NoError(t, err)
}

func TestPackage(t *testing.T) {
\tclient, ns := external.ExternalClient(t)
\tEnsureRegistry(t, client, ns)
}
"""

EXTERNAL = """\
package external

func ExternalClient(t *testing.T) (kclient.Client, string) {
\tcfg, _ := clientcmd.BuildConfigFromFlags("", os.Getenv("TEST_KUBECONFIG"))
\tcfg.RateLimiter = flowcontrol.NewFakeAlwaysRateLimiter()
\tclient, _ := kclient.NewClient("test", cfg)
\treturn client, "default"
}
"""


def test_a_name_reached_through_is_a_fake_only_when_bound_to_one_written_out() -> None:
    # `client` comes from a helper whose body names a fake rate limiter: the client itself is a real cluster's
    origin = "pkg/platform/package_test.go"
    package = creating_package([(origin, EXTERNAL_TEST), ("pkg/util/external/external.go", EXTERNAL)])
    assert [item.text for item in created_images(origin, package)] == ["registry:2"]
