"""An image a Go e2e suite sets, followed on its line by a comment: `obj.Spec.Image = "..." // why`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

SUITE = """\
//go:build e2e

package e2e

func switchImage(broker *v1.Broker) {
	broker.Spec.Image = "ghcr.io/acme/broker:2.4-debug" // the debug build logs each handshake
	broker.Spec.Image = "ghcr.io/acme/broker:2.5" /* the next release */
	broker.Spec.Image = image // comment after a name not bound
}

func sidecar() corev1.Container {
	return corev1.Container{
		Image: "busybox:1.37", // shell for the probes
	}
}
"""


def test_an_image_set_before_a_line_comment_is_read() -> None:
    found = e2e_images(SUITE, "test/e2e/switch.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("ghcr.io/acme/broker:2.4-debug", 6, "Image (e2e test)"),
        ("ghcr.io/acme/broker:2.5", 7, "Image (e2e test)"),
        ("busybox:1.37", 13, "Image (e2e test)"),
    ]
