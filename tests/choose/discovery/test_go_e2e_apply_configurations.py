"""A Go end-to-end suite that writes the objects it creates with client-go's apply configurations
(`corev1ac.Container().WithName("redis").WithImage("redis:7.4")`): the builder's `WithImage` sets the container's
`image` as an `Image:` field does, and the cluster pulls it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

HELPER = """\
package support

import (
\tcorev1ac "k8s.io/client-go/applyconfigurations/core/v1"
)

const sidecarImage = "docker.io/library/busybox:1.37"

func Redis(t Test, namespace string) {
\tredis := corev1ac.Container().WithName("redis").WithImage("redis:7.4").
\t\tWithPorts(corev1ac.ContainerPort().WithContainerPort(6379))
\tsidecar := corev1ac.Container().
\t\tWithName("tail").
\t\tWithImage(sidecarImage)
\t// corev1ac.Container().WithImage("commented/out:1")
\tray := corev1ac.Container().WithImage(GetRayImage())
\t_ = redis, sidecar, ray
}
"""


def test_an_apply_configuration_image_in_a_suite_helper_is_read() -> None:
    found = e2e_images(HELPER, "ray-operator/test/support/redis.go", helper=True)
    assert [(item.text, item.line, item.use) for item in found] == [
        ("redis:7.4", 10, "Image (e2e test)"),
        ("docker.io/library/busybox:1.37", 14, "Image (e2e test)"),
    ]


def test_an_apply_configuration_outside_a_suite_is_not_read() -> None:
    assert e2e_images(HELPER, "pkg/controller/redis_test.go") == []
