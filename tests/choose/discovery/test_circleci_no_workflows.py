"""A CircleCI configuration whose `workflows` is empty runs no job (https://circleci.com/docs/configuration-reference/#workflows):
its executors' images are pulled by nothing (hmpps-electronic-monitoring-create-an-order's `workflows: {}`, its jobs
kept for reference). A configuration without `workflows` (CircleCI 2.0 runs its `build` job) is read as before."""

from __future__ import annotations

from ecr_mirror.choose.discovery.circleci import circleci_images

JOBS = """\
version: 2.1
jobs:
  build:
    docker:
      - image: cimg/node:20.19.0-browsers
      - image: postgres:14
    steps:
      - checkout
"""


def test_a_configuration_whose_workflows_are_empty_pulls_nothing() -> None:
    for empty in ("workflows: {}\n", "workflows:\n"):
        assert circleci_images(JOBS + empty, ".circleci/config.yml") == []


def test_a_configuration_with_workflows_or_without_the_key_is_read() -> None:
    with_workflows = JOBS + "workflows:\n  ci:\n    jobs: [build]\n"
    assert [item.text for item in circleci_images(with_workflows, ".circleci/config.yml")] == [
        "cimg/node:20.19.0-browsers",
        "postgres:14",
    ]
    assert [item.text for item in circleci_images(JOBS, ".circleci/config.yml")] == [
        "cimg/node:20.19.0-browsers",
        "postgres:14",
    ]
