"""The image constants of a Go test suite's helper package (go_helper_image_constants.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_helper_image_constants import helper_image_constants

# shaped like a test framework's receiver helper: the container it adds to the pod it creates
RECEIVER = """\
package receiver

import corev1 "k8s.io/api/core/v1"

const (
	Port         = 3100
	Image        = "docker.io/acme/receiver:3.3.2"
	sidecarImage = "quay.io/acme/sidecar:1.0"
	unusedImage  = "quay.io/acme/unused:2.0"
	localImage   = "receiver-local"
	bareImage    = "quay.io/acme/untagged"
	buildImage   = "quay.io/acme/built:dev"
	// OldImage  = "quay.io/acme/receiver:2.0"
)

func pod() corev1.Pod {
	return corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{
		{Name: "receiver", Image: Image},
		{Name: "sidecar", Image: sidecarImage},
	}}}
}

func build() { run("docker", "build", "-t", buildImage, ".") }
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(found.text, found.line) for found in helper_image_constants(text, origin)]


def test_a_test_helper_s_image_constants_are_listed_at_their_lines() -> None:
    assert _images(RECEIVER, "test/helpers/receiver/receiver.go") == [
        ("docker.io/acme/receiver:3.3.2", 7),
        ("quay.io/acme/sidecar:1.0", 8),
    ]


def test_a_program_s_constants_and_a_unit_test_s_are_not_read() -> None:
    assert _images(RECEIVER, "internal/receiver/receiver.go") == []
    assert _images(RECEIVER, "test/helpers/receiver/receiver_test.go") == []


def test_an_unclosed_string_stays_linear() -> None:
    from tests.support.hang_guard import finishes

    assert finishes(helper_image_constants, 'package x\nconst Image = "' + "a" * 2_000_000, "test/x/x.go") == []
