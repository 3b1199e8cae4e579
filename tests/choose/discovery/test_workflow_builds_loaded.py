"""docker/build-push-action: its tags are built here only when the image lands in the runner's image store. With a
Buildx builder that `docker/setup-buildx-action` creates (the `docker-container` driver by default), the image stays
in the builder unless the step says `load: true` (or `outputs: type=docker`): a step that only pushes publishes the
image, which other files then pull. Without such a builder, or with `driver: docker`, the build is loaded."""

from __future__ import annotations

from ecr_mirror.choose.discovery.workflow_steps import pushed_tags

PUSH_ONLY = """\
name: testing-env-image
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: testing
          platforms: linux/arm64,linux/amd64
          push: true
          tags: |
            ghcr.io/acme/testing-env:latest
      - uses: docker/build-push-action@v6
        with:
          context: web
          load: true
          tags: ghcr.io/acme/web:ci
      - uses: docker/build-push-action@v6
        with:
          context: api
          outputs: type=docker,dest=-
          tags: ghcr.io/acme/api:ci
      - uses: docker/build-push-action@v6
        with:
          context: probe
          load: ${{ github.event_name == 'pull_request' }}
          tags: ghcr.io/acme/probe:ci
  other:
    runs-on: ubuntu-24.04
    steps:
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/acme/default-builder:ci
  docker-driver:
    runs-on: ubuntu-24.04
    steps:
      - uses: docker/setup-buildx-action@v3
        with:
          driver: docker
      - uses: docker/build-push-action@v6
        with:
          tags: ghcr.io/acme/docker-driver:ci
"""


def test_only_loaded_builds_are_built_here() -> None:
    assert [(b.name, b.line) for b in pushed_tags(PUSH_ONLY, ".github/workflows/testing-env-image.yml")] == [
        ("ghcr.io/acme/web:ci", 20),  # load: true
        ("ghcr.io/acme/api:ci", 25),  # outputs: type=docker
        ("ghcr.io/acme/probe:ci", 30),  # an expression: it may load, taken as loaded
        ("ghcr.io/acme/default-builder:ci", 37),  # no Buildx builder set up in its job: the default builder loads
        ("ghcr.io/acme/docker-driver:ci", 46),  # the docker driver loads
    ]


MATRIX_TAGS = """\
name: E2E
on: pull_request
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - image: agent
            tags: agent:local
            output: agent.tar
          - image: reloader
            tags: reloader:local
            output: reloader.tar
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: images/${{ matrix.image }}
          tags: ${{ matrix.tags }}
          outputs: type=docker,dest=/tmp/${{ matrix.output }}
  publish:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        image: [agent, reloader]
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/acme/${{ matrix.image }}:latest
  unknown:
    runs-on: ubuntu-latest
    strategy:
      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}
    steps:
      - uses: docker/build-push-action@v6
        with:
          tags: ${{ matrix.tags }}
"""


def test_tags_from_the_jobs_literal_matrix_are_built_once_per_combination() -> None:
    assert [(b.name, b.line) for b in pushed_tags(MATRIX_TAGS, ".github/workflows/e2e.yaml")] == [
        ("agent:local", 20),  # `outputs: type=docker`: written to a tarball the next job `docker load`s
        ("reloader:local", 20),
    ]
