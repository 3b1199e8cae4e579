"""What a workflow's steps build (docker/build-push-action `tags:`), and the variables its `env:` gives the compose
files a step runs (a CI value over a compose default)."""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.workflow_steps import ComposeRun, compose_runs, pushed_tags

WORKFLOW = """\
name: ci
env:
  REDIS_TAG: "7.4"
  API_TOKEN: ${{ secrets.TOKEN }}
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: .
          tags: |
            acme/api:ci
            ghcr.io/acme/api:${{ github.sha }}
      - uses: docker/build-push-action@v6
        with:
          tags: acme/worker:ci,acme/worker:edge
          load: true
      - uses: docker/login-action@v3
        with:
          tags: not/a-build:1
  integration:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        postgres: [15, 16]
        mode: ["", "-cluster"]
    env:
      COMPOSE_FILE_NAME: deploy/compose${{ matrix.mode }}.yml
    steps:
      - name: services
        run: |
          docker compose -f "$COMPOSE_FILE_NAME" up -d --wait
          docker compose ps
        env:
          POSTGRES_VERSION: ${{ matrix.postgres }}
      - run: echo "docker compose up is next"
  e2e:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: e2e
    steps:
      - run: docker-compose up -d
        env:
          POSTGRES_VERSION: 14
"""


def test_build_push_action_tags_are_built_here() -> None:
    assert [(b.name, b.how) for b in pushed_tags(WORKFLOW, ".github/workflows/ci.yml")] == [
        ("acme/api:ci", "docker/build-push-action tags"),
        ("acme/worker:ci", "docker/build-push-action tags"),
        ("acme/worker:edge", "docker/build-push-action tags"),
    ]


def test_the_env_a_compose_step_runs_with_per_matrix_combination() -> None:
    runs = compose_runs(WORKFLOW, ".github/workflows/ci.yml")
    common = ("REDIS_TAG", "7.4")
    assert [(run.files, run.directory, run.env) for run in runs] == [
        (
            ("deploy/compose.yml",),
            "",
            (("COMPOSE_FILE_NAME", "deploy/compose.yml"), ("POSTGRES_VERSION", "15"), common),
        ),
        (
            ("deploy/compose-cluster.yml",),
            "",
            (("COMPOSE_FILE_NAME", "deploy/compose-cluster.yml"), ("POSTGRES_VERSION", "15"), common),
        ),
        (
            ("deploy/compose.yml",),
            "",
            (("COMPOSE_FILE_NAME", "deploy/compose.yml"), ("POSTGRES_VERSION", "16"), common),
        ),
        (
            ("deploy/compose-cluster.yml",),
            "",
            (("COMPOSE_FILE_NAME", "deploy/compose-cluster.yml"), ("POSTGRES_VERSION", "16"), common),
        ),
        (None, "e2e", (("POSTGRES_VERSION", "14"), common)),
    ]
    unknown = frozenset({"API_TOKEN"})  # set to `${{ secrets.TOKEN }}`: known only when the job runs
    expected = ComposeRun(runs[0].files, "", runs[0].env, ".github/workflows/ci.yml", 32, unknown=unknown)
    assert runs[0] == dataclasses.replace(expected, pulls_first=True)  # `up -d --wait`: tries built images first


def test_a_workflow_without_jobs_or_with_bad_shapes_gives_nothing() -> None:
    assert compose_runs("on: push\n", "w.yml") == []
    assert pushed_tags("jobs:\n  a:\n    steps: 3\n", "w.yml") == []
    assert compose_runs("jobs:\n  a:\n    steps:\n      - run: [1]\n", "w.yml") == []
