"""The image inputs of known actions at their edges: a step without `with:`, Trivy's `image-ref` with an env value,
buildx's `driver-opts` as a list and as a block (each image at its line), `driver-opts` given to another action, and
cibuildwheel's image options beside other variables, in a job without `env:`, with an expression or a registry port."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images

WORKFLOW = """\
name: edges
on: [push]
env:
  SCANNED: ghcr.io/acme/app:7
  BUILDKIT: moby/buildkit:v0.13.2
jobs:
  plain:
    runs-on: ubuntu-latest
    steps:
      - uses: engineerd/setup-kind@v0.5.0
      - uses: aquasecurity/trivy-action@0.28.0
        with:
          image-ref: ${{ env.SCANNED }}
      - uses: docker/setup-buildx-action@v3
        with:
          driver-opts:
            - network=host
            - image=${{ env.BUILDKIT }}
      - uses: docker/setup-buildx-action@v3
        with:
          driver-opts: |
            network=host
            image=moby/buildkit:v0.12.5
      - uses: acme/other-action@v1
        with:
          driver-opts: image=not/read:1
      - uses: pypa/cibuildwheel@v3.1.0
        env:
          CIBW_MANYLINUX_X86_64_IMAGE: registry.example.com:5000/manylinux:2025
          CIBW_MUSLLINUX_X86_64_IMAGE: ghcr.io/acme/musl:${{ github.sha }}
          OTHER_IMAGE: ghcr.io/acme/not-an-option:1
          CIBW_ENVIRONMENT: PATH=/opt/bin
"""


def test_image_inputs_at_their_edges() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/edges.yaml")
    assert [(item.text, item.line, item.problem, item.use) for item in found] == [
        ("ghcr.io/acme/app:7", 13, None, "with: image-ref (aquasecurity/trivy-action)"),
        ("moby/buildkit:v0.13.2", 18, None, "with: driver-opts image (docker/setup-buildx-action)"),
        ("moby/buildkit:v0.12.5", 21, None, "with: driver-opts image (docker/setup-buildx-action)"),
        ("registry.example.com:5000/manylinux:2025", 29, None, "env: CIBW_MANYLINUX_X86_64_IMAGE (pypa/cibuildwheel)"),
    ]


def test_a_cibuildwheel_image_on_a_registry_with_a_port_is_read() -> None:
    text = """\
jobs:
  wheels:
    runs-on: ubuntu-latest
    steps:
      - uses: pypa/cibuildwheel@v3.1.0
        env:
          CIBW_MANYLINUX_X86_64_IMAGE: registry.example.com:5000/manylinux:2025
          CIBW_MANYLINUX_I686_IMAGE: localhost:5000/manylinux
"""
    found = workflow_images(text, ".github/workflows/wheels.yaml")
    assert [(item.text, item.line, item.problem, item.use) for item in found] == [
        ("registry.example.com:5000/manylinux:2025", 7, None, "env: CIBW_MANYLINUX_X86_64_IMAGE (pypa/cibuildwheel)"),
        ("localhost:5000/manylinux", 8, None, "env: CIBW_MANYLINUX_I686_IMAGE (pypa/cibuildwheel)"),
    ]
