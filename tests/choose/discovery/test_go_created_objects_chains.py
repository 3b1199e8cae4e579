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
