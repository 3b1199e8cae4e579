"""Woodpecker workflows read whole: matrices with repeated values and axes that are no list, steps of the wrong
type, blank and numeric images, variables known when the pipeline runs (woodpecker.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.woodpecker import combinations, woodpecker_images
from ecr_mirror.errors import ConfigError

WORKFLOW = """\
- a list document first
---
matrix:
  GO: ["1.22", "1.22"]
  NAME: single-string
steps:
  - just-a-string
  - name: blank
    image: " "
  - name: number
    image: 5
  - name: build
    image: golang:${GO}
  - name: release
    image: plugins/docker:${CI_COMMIT_TAG}
services:
  db:
    image: postgres:16
"""


def test_every_step_form_in_order_each_image_once() -> None:
    # (the matrix of a file of several documents is not read: one combination) steps that are no mapping, blank
    # or numeric images are passed over
    unknown = "${GO} is a Woodpecker variable, known when the pipeline runs"
    tag = "${CI_COMMIT_TAG} is a Woodpecker variable, known when the pipeline runs"
    assert woodpecker_images(WORKFLOW, ".woodpecker/ci.yaml") == [
        Found("golang:${GO}", ".woodpecker/ci.yaml", 13, unknown, "steps"),
        Found("plugins/docker:${CI_COMMIT_TAG}", ".woodpecker/ci.yaml", 15, tag, "steps"),
        Found("postgres:16", ".woodpecker/ci.yaml", 18, None, "services"),
    ]
    single = WORKFLOW.split("---\n", 1)[1]
    assert woodpecker_images(single, ".woodpecker/ci.yaml") == [
        Found("golang:1.22", ".woodpecker/ci.yaml", 11, None, "steps"),  # two equal combinations: listed once
        Found("plugins/docker:${CI_COMMIT_TAG}", ".woodpecker/ci.yaml", 13, tag, "steps"),
        Found("postgres:16", ".woodpecker/ci.yaml", 16, None, "services"),
    ]


def test_matrix_combinations_of_lists_only() -> None:
    assert combinations('matrix:\n  GO: ["1.22", "1.23"]\n  NAME: single-string\n') == [{"GO": "1.22"}, {"GO": "1.23"}]
    assert combinations("- a list\n") == [{}]


def test_a_workflow_that_is_not_yaml_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^\.woodpecker/ci\.yaml: not valid YAML"):
        woodpecker_images("steps: [a\n", ".woodpecker/ci.yaml")
