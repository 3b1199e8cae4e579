"""envtest told through a name bound to a literal `false` (`useExisting := false` then `UseExistingCluster:
&useExisting`, operator-lifecycle-manager's controller suite) starts its own control plane, with no kubelet: the
package's tests create objects whose images are never pulled. A name bound to `true`, or not bound in the file, is
the kubeconfig's cluster."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_created_objects import created_images, creating_package

SUITE = """\
package operators

import "sigs.k8s.io/controller-runtime/pkg/envtest"

var _ = BeforeSuite(func() {
\tuseExisting := false
\ttestEnv = &envtest.Environment{
\t\tUseExistingCluster: &useExisting,
\t}
\tcfg, err = testEnv.Start()
})
"""

CONTROLLER_TEST = """\
package operators

func TestCondition(t *testing.T) {
\tpod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27"}}}}
\tExpect(k8sClient.Create(ctx, pod)).To(Succeed())
}
"""


def _images(suite: str) -> list[tuple[str, int | None]]:
    package = creating_package(
        [
            ("pkg/controller/operators/suite_test.go", suite),
            ("pkg/controller/operators/condition_test.go", CONTROLLER_TEST),
        ]
    )
    found = created_images("pkg/controller/operators/condition_test.go", package)
    return [(item.text, item.line) for item in found]


def test_a_name_bound_to_false_starts_envtest_s_own_control_plane() -> None:
    assert _images(SUITE) == []


def test_a_name_bound_to_true_is_the_kubeconfig_s_cluster() -> None:
    assert _images(SUITE.replace("useExisting := false", "useExisting := true")) == [("nginx:1.27", 4)]


def test_a_name_bound_twice_is_not_known() -> None:
    twice = SUITE.replace("\tuseExisting := false\n", '\tuseExisting := false\n\tuseExisting = os.Getenv("E") != ""\n')
    assert _images(twice) == [("nginx:1.27", 4)]
