"""The build arguments a `docker/build-push-action` step passes to the Dockerfile it builds (`build-args:`), once
per combination of the job's matrix: `PYTHON_VER=${{ matrix.python }}` for `FROM python:${PYTHON_VER}-slim`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.build_push_args import build_push_builds
from ecr_mirror.choose.discovery.command_builds import CommandBuild

WORKFLOW = """\
name: images
on: push
env:
  DEBIAN: bookworm
jobs:
  deps:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.12", "3.13"]
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - name: build
        uses: docker/build-push-action@v6
        with:
          context: .
          file: docker/Dockerfile
          push: true
          tags: ghcr.io/acme/deps:py${{ matrix.python }}
          build-args: |
            PYTHON_VER=${{ matrix.python }}
            VARIANT=${{ env.DEBIAN }}
            BRANCH=${{ github.ref_name }}
      - name: no arguments
        uses: docker/build-push-action@v6
        with:
          context: web
  tool:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: ./tools/lint
          build-args:
            - GO_VERSION=1.24
      - uses: docker/build-push-action@v6
        with:
          build-args: NODE_MAJOR=22
"""


def test_each_combination_of_the_matrix_passes_its_values_and_the_literal_env() -> None:
    builds = build_push_builds(WORKFLOW, ".github/workflows/images.yml")
    origin = ".github/workflows/images.yml"
    assert builds == [
        CommandBuild("docker/Dockerfile", (("PYTHON_VER", "3.12"), ("VARIANT", "bookworm")), origin, 21),
        CommandBuild("docker/Dockerfile", (("PYTHON_VER", "3.13"), ("VARIANT", "bookworm")), origin, 21),
        CommandBuild("tools/lint/Dockerfile", (("GO_VERSION", "1.24"),), origin, 36),
        CommandBuild("Dockerfile", (("NODE_MAJOR", "22"),), origin, 39),
    ]


def test_not_read_in_other_steps_or_files() -> None:
    assert build_push_builds(WORKFLOW.replace("docker/build-push-action@v6", "acme/build@v1"), "w.yml") == []
    assert build_push_builds("jobs: [1, 2]\n", "w.yml") == []
