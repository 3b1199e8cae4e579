"""A client built from a fake's builder in two steps (`builder := fake.NewClientBuilder().WithScheme(sch)`, then
`client := builder.Build()`) is a fake too: the objects a unit test creates through it reach no kubelet."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_created_objects import created_images, creating_package

UPGRADE_TEST = """\
package enterprise

import (
\t"context"

\tcorev1 "k8s.io/api/core/v1"
\t"sigs.k8s.io/controller-runtime/pkg/client/fake"
)

func TestUpgradePath(t *testing.T) {
\tbuilder := fake.NewClientBuilder().
\t\tWithScheme(sch).
\t\tWithStatusSubresource(&corev1.Pod{})
\tclient := builder.Build()
\tctx := context.TODO()
\tpod := corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "acme/app:old"}}}}
\terr := client.Create(ctx, &pod)
}
"""

REAL_TEST = """\
package e2e

func TestDeploy(t *testing.T) {
\tcfg := config.GetConfigOrDie()
\tclient, err := ctrlclient.New(cfg, ctrlclient.Options{})
\tpod := corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}}}
\terr = client.Create(ctx, &pod)
}
"""


def _texts(text: str, origin: str) -> list[str]:
    return [item.text for item in created_images(origin, creating_package([(origin, text)]))]


def test_a_client_built_from_a_fake_builder_pulls_nothing() -> None:
    assert _texts(UPGRADE_TEST, "pkg/enterprise/upgrade_test.go") == []


def test_a_real_client_still_creates() -> None:
    assert _texts(REAL_TEST, "test/e2e/deploy_test.go") == ["nginx:1.27"]
