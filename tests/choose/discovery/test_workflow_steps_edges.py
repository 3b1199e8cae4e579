"""The `run:` steps and loaded build tags of a workflow at their edges: each step's first command line for `|-`, `>`
and a value on the line after `run:`, after a step without `run:`, with the workflow's, job's and step's env; the
tags of build-push steps after a builder that keeps its images, loaded by `load: "True"` or `outputs` as a list, not
by `load: "false"`, tags as a list (no line of their own); a workflow that is no YAML refused naming the file."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.workflow_steps import pushed_tags, step_commands
from ecr_mirror.errors import ConfigError

RUNS = """\
env:
  TOP: t
jobs:
  a:
    runs-on: ubuntu-latest
    env:
      JOB: j
    steps:
      - uses: actions/checkout@v4
      - run: |-
          docker run a:1
      - name: folded
        run: >
          docker run b:2
      - name: next line
        run:
          docker run c:3
        env:
          STEP: s
"""


def test_run_steps_at_their_first_command_line_with_their_env() -> None:
    job = {"TOP": "t", "JOB": "j"}
    assert step_commands(RUNS, ".github/workflows/w.yaml") == [
        (11, "docker run a:1", job),
        (14, "docker run b:2\n", job),
        (17, "docker run c:3", {**job, "STEP": "s"}),
    ]


BUILDS = """\
jobs:
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          load: "True"
          tags: [one:1, two:2]
      - uses: docker/build-push-action@v6
        with:
          load: "false"
          tags: skipped:1
      - uses: docker/build-push-action@v6
        with:
          outputs: [type=docker]
          tags: three:3
"""


def test_loaded_tags_after_a_builder_that_keeps_its_images() -> None:
    origin, how = ".github/workflows/b.yaml", "docker/build-push-action tags"
    assert pushed_tags(BUILDS, origin) == [
        LocalBuild("one:1", origin, 0, how),
        LocalBuild("two:2", origin, 0, how),
        LocalBuild("three:3", origin, 17, how),
    ]


@pytest.mark.parametrize("read", [step_commands, pushed_tags])
def test_a_workflow_that_is_no_yaml_is_refused_naming_it(read: Callable[[str, str], object]) -> None:
    with pytest.raises(ConfigError, match=r"^\.github/workflows/bad\.yaml: "):
        read("jobs: [a\n", ".github/workflows/bad.yaml")
