"""Images a controller is told to run by its container's arguments (`args: ["-shell-image", "IMAGE"]`,
`--sidecar-image=IMAGE`): the controller puts them in the pods it creates, so the cluster pulls them, as it pulls
the images an operator takes from its configuration's keys (image_keys.py). An option naming an image, followed by
a reference written with a tag or a digest; not an option of another kind (`--image-pull-policy`), nor a name
without a tag (`ko://` paths, a repository the controller tags itself)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: runner-controller
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ghcr.io/acme/runner-controller:v0.9.1
        args: [
          "-entrypoint-image", "ko://github.com/acme/runner/cmd/entrypoint",
          "-shell-image",
          "cgr.dev/chainguard/busybox@sha256:3b9bd8d1d8c3b4b5f5d6b1f37e8ac1e0f7fd7f8c1a6b2c4d9e8f7a6b5c4d3e2f",
          "-shell-image-win", "mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022",
          "--image-pull-policy", "IfNotPresent",
          "--log-level", "debug",
        ]
      - name: webhook
        image: ghcr.io/acme/runner-webhook:v0.9.1
        command:
        - /webhook
        - --sidecar-image=docker.io/library/alpine:3.21
        - --proxy_image
        - envoyproxy/envoy:v1.33.0
        - --base-image=ghcr.io/acme/base
"""


def test_options_naming_images_in_a_containers_arguments() -> None:
    found = [(item.text, item.line, item.use) for item in yaml_images(DEPLOYMENT, "config/controller.yaml")]
    assert found == [
        ("ghcr.io/acme/runner-controller:v0.9.1", 10, "image"),
        ("ghcr.io/acme/runner-webhook:v0.9.1", 20, "image"),
        (
            "cgr.dev/chainguard/busybox@sha256:3b9bd8d1d8c3b4b5f5d6b1f37e8ac1e0f7fd7f8c1a6b2c4d9e8f7a6b5c4d3e2f",
            14,
            "args -shell-image",
        ),
        ("mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022", 15, "args -shell-image-win"),
        ("docker.io/library/alpine:3.21", 23, "command --sidecar-image"),
        ("envoyproxy/envoy:v1.33.0", 25, "command --proxy_image"),
    ]
