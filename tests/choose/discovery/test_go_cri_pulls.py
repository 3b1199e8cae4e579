"""Go code that pulls through the Kubernetes Container Runtime Interface (`k8s.io/cri-api/pkg/apis/runtime/v1`):
`c.PullImage(ctx, &rt.PullImageRequest{Image: &rt.ImageSpec{Image: "..."}})` asks the
runtime (containerd, CRI-O) to pull that image, as `crictl pull` does."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_cri_pulls import MARK, cri_pulls

INTEGRATION = """\
package containerd

import (
\t"testing"

\trt "k8s.io/cri-api/pkg/apis/runtime/v1"
)

const pauseImage = "registry.k8s.io/pause:3.10"

func TestContainerd(t *testing.T) {
\t_, err := c.PullImage(ctx, &rt.PullImageRequest{Image: &rt.ImageSpec{Image: "ghcr.io/acme/app:v0.7.4"}})
\t_, err = c.PullImage(ctx, &rt.PullImageRequest{
\t\tImage: &rt.ImageSpec{
\t\t\tImage: pauseImage,
\t\t},
\t})
\t_, err = c.PullImage(ctx, &rt.PullImageRequest{Image: &rt.ImageSpec{Image: img.String()}})
\t// _, err = c.PullImage(ctx, &rt.PullImageRequest{Image: &rt.ImageSpec{Image: "old:1"}})
\t_, err = c.RemoveImage(ctx, &rt.RemoveImageRequest{Image: &rt.ImageSpec{Image: "ghcr.io/acme/gone:1"}})
\t_ = err
}
"""


def test_images_pulled_through_the_cri_image_service() -> None:
    assert MARK.encode() in INTEGRATION.encode()
    found = cri_pulls(INTEGRATION, "test/integration/containerd/containerd_test.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("registry.k8s.io/pause:3.10", 9, "CRI PullImage"),
        ("ghcr.io/acme/app:v0.7.4", 12, "CRI PullImage"),
    ]
    assert {item.kind for item in found} == {"Go source"}


def test_a_file_not_importing_the_cri_api_is_not_read() -> None:
    assert cri_pulls(INTEGRATION.replace("k8s.io/cri-api/pkg/apis/runtime/v1", "acme/runtime"), "x_test.go") == []
