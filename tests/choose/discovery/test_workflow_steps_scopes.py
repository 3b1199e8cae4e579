"""Workflow steps: the jobs of every document, the env scopes, the working directory a compose step runs in (the
step's, the job's or the workflow's `defaults`), a run over the matrix, and where a step's commands start."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.compose_commands import ALL_SERVICES
from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.workflow_steps import (
    ComposeRun,
    compose_runs,
    matrix_runs,
    step_commands,
    workflow_jobs,
)
from ecr_mirror.errors import ConfigError

COMPOSE = """defaults:
  run:
    working-directory: dev
jobs:
  a:
    runs-on: x
    strategy:
      matrix:
        f: [one.yml, two.yml]
    steps:
      - run: docker compose -f ${{ matrix.f }} pull
      - working-directory: svc
        run: |
          docker compose up
"""


def test_compose_steps_in_the_workflow_default_directory_and_their_own() -> None:
    assert compose_runs(COMPOSE, "w.yml") == [
        ComposeRun(("one.yml",), "dev", (), "w.yml", 11, ALL_SERVICES),
        ComposeRun(("two.yml",), "dev", (), "w.yml", 11, ALL_SERVICES),
        ComposeRun(None, "svc", (), "w.yml", 13, pulls_first=True),
    ]


def test_a_workflow_that_is_no_yaml_is_named() -> None:
    with pytest.raises(ConfigError, match=r"^w\.yml: not valid YAML"):
        compose_runs("jobs: [\n", "w.yml")


def test_the_jobs_of_every_document_and_none_of_a_list() -> None:
    assert workflow_jobs("- a\n", "w.yml") == []
    jobs = workflow_jobs("jobs:\n  a: {x: 1}\n---\njobs:\n  b: {x: 2}\n", "w.yml")
    assert [job for _, job in jobs] == [{"x": 1}, {"x": 2}]


def test_env_values_that_are_no_text_are_left_out() -> None:
    assert scoped_env([{"A": None, "B": {"x": 1}, "C": "c", "D": "${{ unclosed"}], {}) == {"C": "c"}


def test_a_run_value_naming_run_is_read_from_its_key() -> None:
    assert step_commands("jobs:\n  a:\n    steps:\n      - run: 'echo run: >x'\n", "w.yml") == [(4, "echo run: >x", {})]


def test_runs_over_the_matrix_once_per_combination() -> None:
    text = (
        "jobs:\n  a:\n    strategy:\n      matrix:\n        v: ['1', '2']\n    steps:\n"
        "      - run: docker pull a:${{ matrix.v }}\n      - run: |\n          docker pull b:${{ matrix.v }}\n"
        "      - run: echo no\n"
    )
    assert matrix_runs(text, "w.yml") == [
        (7, "docker pull a:1"),
        (7, "docker pull a:2"),
        (9, "docker pull b:1\n"),
        (9, "docker pull b:2\n"),
    ]


def test_runs_over_the_matrix_in_each_spelling_of_run() -> None:
    text = """jobs:
  a:
    strategy:
      matrix:
        v: ['1', '2']
        w: [x, y]
    steps:
      - run: echo no
      - run: 'echo run: >x; docker pull c:${{ matrix.v }}'
      - run:
          docker pull d:${{ matrix.v }}
      - run: |-
          docker pull e:${{ matrix.v }}
      - run: >
          docker pull f:${{ matrix.v }}
      - run: docker pull g:${{ matrix.nope.deeper }}
"""
    assert matrix_runs(text, "w.yml") == [
        (9, "echo run: >x; docker pull c:1"),
        (9, "echo run: >x; docker pull c:2"),
        (11, "docker pull d:1"),
        (11, "docker pull d:2"),
        (13, "docker pull e:1"),
        (13, "docker pull e:2"),
        (15, "docker pull f:1\n"),
        (15, "docker pull f:2\n"),
    ]
    with pytest.raises(ConfigError, match=r"^w\.yml: not valid YAML"):
        matrix_runs("jobs: [\n", "w.yml")
