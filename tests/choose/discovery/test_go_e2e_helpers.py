"""An end-to-end suite's own helper that puts one of its `string` parameters in an `Image:` field (`func (c
*Client) NewPlan(name, image string, command []string, args ...string)` building a Plan whose upgrade container runs
`image`): the suite's calls of it hand it the image the cluster pulls."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_helpers import helper_call_images, image_parameters

FRAMEWORK = """\
package framework

import (
\tcorev1 "k8s.io/api/core/v1"

\tupgradeapiv1 "example.com/upgrader/pkg/apis/upgrade/v1"
)

func (c *Client) NewPlan(name, image string, command []string, args ...string) *upgradeapiv1.Plan {
\treturn &upgradeapiv1.Plan{
\t\tSpec: upgradeapiv1.PlanSpec{
\t\t\tUpgrade: &upgradeapiv1.ContainerSpec{
\t\t\t\tImage:   image,
\t\t\t\tCommand: command,
\t\t\t},
\t\t},
\t}
}

func PodWith(ns string, image string) *corev1.Pod {
\treturn &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: ns, Image: image}}}}
}

func Labelled(name, label string) *corev1.Pod {
\treturn &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"l": label}}}
}
"""

SUITE = """\
package suite_test

import (
\t. "github.com/onsi/ginkgo/v2"

\t"example.com/upgrader/e2e/framework"
)

const probeImage = "busybox:1.36"

var _ = Describe("Job Generation", func() {
\te2e := framework.New("generate")
\tBeforeEach(func() {
\t\tplan := e2e.NewPlan("fail-then-succeed-", "library/alpine:3.18", []string{"sh", "-c"}, "exit 1")
\t\tpod := framework.PodWith("ns", probeImage)
\t\t// plan = e2e.NewPlan("commented-", "acme/commented:1", nil)
\t\tother := framework.Labelled("x", "acme/label:1")
\t\tlocal := e2e.NewPlan("local-", "test1", nil)
\t\tdynamic := e2e.NewPlan("dynamic-", fmt.Sprintf("%s:1", repo), nil)
\t\t_, _, _, _, _ = plan, pod, other, local, dynamic
\t})
})
"""


def test_a_helper_parameter_put_in_an_image_field_is_found() -> None:
    assert image_parameters(FRAMEWORK) == {"NewPlan": frozenset({1}), "PodWith": frozenset({1})}


def test_the_suite_calls_hand_the_helper_their_images() -> None:
    found = helper_call_images(SUITE, "e2e/suite/job_test.go", image_parameters(FRAMEWORK))
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("library/alpine:3.18", 14, "Image (e2e helper NewPlan)", "Go source"),
        ("busybox:1.36", 15, "Image (e2e helper PodWith)", "Go source"),
    ]


def test_no_helper_no_image() -> None:
    assert helper_call_images(SUITE, "e2e/suite/job_test.go", {}) == []
    assert image_parameters("package x\n\nfunc Image(image string) string {\n\treturn image\n}\n") == {}
