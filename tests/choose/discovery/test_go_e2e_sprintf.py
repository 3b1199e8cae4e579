"""An e2e suite's `Image:` field written as `fmt.Sprintf` of a format with only `%s` verbs and arguments that are
literals or names the file binds to literals (`fmt.Sprintf("%s:%s", image, version)`, ingress2gateway's dummy backend
`registry.k8s.io/e2e-test-images/agnhost` and `2.39`): the string it formats, at the field's line. A verb of another
kind or an argument the file does not bind leaves it unread."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

SUITE = """\
//go:build e2e

package e2e

import (
\t"fmt"

\tcorev1 "k8s.io/api/core/v1"
)

const (
\timage   = "registry.k8s.io/e2e-test-images/agnhost"
\tversion = "2.39"
)

func backend(name string, replicas int) []corev1.Container {
\treturn []corev1.Container{
\t\t{
\t\t\tName:  name,
\t\t\tImage: fmt.Sprintf("%s:%s", image, version),
\t\t},
\t\t{
\t\t\tName:  "sidecar",
\t\t\tImage: fmt.Sprintf("%s/proxy:%s", "ghcr.io/acme", "v1.2.0"),
\t\t},
\t\t{
\t\t\tName:  "numbered",
\t\t\tImage: fmt.Sprintf("%s:%d", image, replicas),
\t\t},
\t\t{
\t\t\tName:  "flagged",
\t\t\tImage: fmt.Sprintf("%s:%s", image, name),
\t\t},
\t}
}
"""


def test_an_image_field_formatted_from_bound_names_is_read() -> None:
    found = e2e_images(SUITE, "e2e/backend_test.go")
    assert [(item.text, item.line) for item in found if item.use == "Image (e2e test)"] == [
        ("registry.k8s.io/e2e-test-images/agnhost:2.39", 20),
        ("ghcr.io/acme/proxy:v1.2.0", 24),
    ]
