"""`docker/build-push-action` steps after a builder that keeps what it builds: `outputs: type = docker` written with
blanks loads the image (its tags are built here), and a step without `tags` builds no name (after either builder)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.workflow_steps import pushed_tags

WORKFLOW = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          push: false
      - uses: docker/build-push-action@v6
        with:
          outputs: type = docker
          tags: app:test
      - uses: docker/build-push-action@v6
        with:
          tags: pushed:1
  plain:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          push: false
      - uses: docker/build-push-action@v6
        with:
          tags: local:2
"""


def test_tags_loaded_with_blanks_in_outputs_and_a_step_without_tags() -> None:
    builds = pushed_tags(WORKFLOW, ".github/workflows/build.yaml")
    assert [(build.name, build.line, build.how) for build in builds] == [
        ("app:test", 13, "docker/build-push-action tags"),
        ("local:2", 25, "docker/build-push-action tags"),
    ]
