"""The image inputs of well-known actions: kind's node image, QEMU's binfmt image, BuildKit's driver image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images

WORKFLOW = """\
name: e2e
on: [pull_request]
env:
  NODE_IMAGE: "kindest/node:v1.35.0"
  OLDEST_NODE_IMAGE: kindest/node:v1.31.14
jobs:
  charts:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.34.0, v1.33.4]
    steps:
      - uses: actions/checkout@v4
      - name: Create kind cluster
        uses: helm/kind-action@v1.12.0
        with:
          version: v0.30.0
          node_image: kindest/node:${{ matrix.k8s }}
          cluster_name: kind-${{ matrix.k8s }}
  system:
    runs-on: ubuntu-latest
    steps:
      - uses: helm/kind-action@v1
        with:
          node_image: ${{ env.NODE_IMAGE }}
      - uses: helm/kind-action@v1
        with:
          node_image: ${{ env.OLDEST_NODE_IMAGE }}
      - uses: helm/kind-action@v1
        with:
          cluster_name: default-node
      - uses: docker/setup-qemu-action@v3
        with:
          image: tonistiigi/binfmt:qemu-v9.2.2
      - uses: docker/setup-buildx-action@v3
        with:
          driver-opts: |
            network=host
            image=moby/buildkit:v0.20.1
      - uses: some-org/other-action@v1
        with:
          image: not/pulled:1
"""


def test_image_inputs_of_known_actions_are_pulls_with_matrix_and_env_values() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/e2e.yaml")
    assert [(item.text, item.use) for item in found if item.problem is None] == [
        ("kindest/node:v1.34.0", "with: node_image (helm/kind-action)"),
        ("kindest/node:v1.33.4", "with: node_image (helm/kind-action)"),
        ("kindest/node:v1.35.0", "with: node_image (helm/kind-action)"),
        ("kindest/node:v1.31.14", "with: node_image (helm/kind-action)"),
        ("tonistiigi/binfmt:qemu-v9.2.2", "with: image (docker/setup-qemu-action)"),
        ("moby/buildkit:v0.20.1", "with: driver-opts image (docker/setup-buildx-action)"),
    ]
    assert [item.line for item in found][:3] == [18, 18, 25]


def test_an_env_value_the_file_does_not_set_is_unresolved() -> None:
    text = WORKFLOW.replace("${{ env.NODE_IMAGE }}", "${{ env.FROM_ELSEWHERE }}")
    unresolved = [item for item in workflow_images(text, "ci.yaml") if item.problem is not None]
    assert [(item.text, item.line) for item in unresolved] == [("${{ env.FROM_ELSEWHERE }}", 25)]


EXTRACT = """\
name: ci
on: [pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: Setup CI tooling
        uses: shrink/actions-docker-extract@04c17c51a5b9fd93b7aed2e05e86c8fe2d90ee52  # v3
        with:
          image: acme/ci-tools@sha256:1796c0938247f42c580c501f7cd04e1144a59a62c6d8ba743572ff40371e1306
          path: /usr/local/bin/.
          destination: /usr/local/bin
"""


def test_the_image_shrink_actions_docker_extract_extracts_files_from_is_pulled() -> None:
    found = workflow_images(EXTRACT, ".github/workflows/ci.yml")
    assert [(item.text, item.line, item.use) for item in found] == [
        (
            "acme/ci-tools@sha256:1796c0938247f42c580c501f7cd04e1144a59a62c6d8ba743572ff40371e1306",
            10,
            "with: image (shrink/actions-docker-extract)",
        )
    ]
