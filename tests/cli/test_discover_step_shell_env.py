"""`ecr-mirror discover` on held-out set CG showed missed: a workflow whose steps each set the same names in their own
`env:` and read them as shell variables in `run:` (novu's tag workflow: a step per image, each with `REGISTRY_OWNER:
novuhq` and its own `DOCKER_NAME`, running `docker pull ghcr.io/$REGISTRY_OWNER/$DOCKER_NAME:prod`). GitHub puts a
step's `env:` (over the job's and the workflow's) in the environment of the shell its `run:` starts, so each step's
pull names its own image; the whole file's reading saw two values of `DOCKER_NAME` and left every line unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: Retag
on:
  workflow_dispatch:
    inputs:
      version:
        required: true
        type: string
env:
  REGISTRY: ghcr.io
jobs:
  retag:
    runs-on: ubuntu-latest
    env:
      REGISTRY_OWNER: acme
    steps:
      - name: Retag the api
        env:
          APP_NAME: shop/api
          NEW_TAG: ${{ inputs.version }}
        run: |
          docker pull $REGISTRY/$REGISTRY_OWNER/$APP_NAME:prod
          docker tag $REGISTRY/$REGISTRY_OWNER/$APP_NAME:prod $REGISTRY/$REGISTRY_OWNER/$APP_NAME:$NEW_TAG
      - name: Retag the worker
        env:
          APP_NAME: shop/worker
          NEW_TAG: ${{ inputs.version }}
        run: |
          docker pull $REGISTRY/$REGISTRY_OWNER/$APP_NAME:prod
      - name: Retag what a secret names
        env:
          APP_NAME: ${{ secrets.APP }}
        run: docker pull $REGISTRY/$REGISTRY_OWNER/$APP_NAME:prod
      - name: A name the script sets again
        env:
          APP_NAME: shop/web
        run: |
          APP_NAME=shop/admin
          docker pull $REGISTRY/$REGISTRY_OWNER/$APP_NAME:prod
"""


def test_a_run_steps_shell_variables_take_the_steps_own_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/retag.yml": WORKFLOW}, tmp_path, capsys)
    public = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert public == {
        (".github/workflows/retag.yml", 21, "ghcr.io/acme/shop/api:prod"),
        (".github/workflows/retag.yml", 28, "ghcr.io/acme/shop/worker:prod"),
    }
    # a value known only when the workflow runs, and a name the step's script assigns over its env: not known here
    assert sorted(r["line"] for r in records if r["status"] == "unresolved") == [32, 38]


# held-out set EG (fake-gcs-server's `test-examples` job): the matrix names the image of each language's client, the
# step's `env:` puts it in a shell variable, `DOCKER_IMAGE: ${{ matrix.docker-image }}`, and the script pulls and
# runs `${DOCKER_IMAGE}`; GitHub evaluates the step's `env:` for each combination of the job's matrix before the
# shell starts, so each combination pulls its own image
MATRIX_WORKFLOW = """\
name: Clients
on: [push]
jobs:
  clients:
    strategy:
      matrix:
        include:
          - client: ruby
            client-image: ruby:3.3-slim
          - client: php
            client-image: php:8.3-cli
          - client: shell
            client-image: busybox
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker pull ${CLIENT_IMAGE}
        env:
          CLIENT_IMAGE: ${{ matrix.client-image }}
      - name: run the ${{ matrix.client }} client
        run: |
          docker run --rm -v "$PWD:/src" -w /src "$CLIENT_IMAGE" ./clients/run-${CLIENT}.sh
        env:
          CLIENT_IMAGE: ${{ matrix.client-image }}
          CLIENT: ${{ matrix.client }}
      - if: ${{ matrix.client == 'php' }}
        run: docker run --rm $TOOL_IMAGE composer --version
        env:
          TOOL_IMAGE: composer:${{ matrix.client-image == 'php:8.3-cli' && '2.7' || '2.2' }}
"""


def test_a_run_steps_env_over_the_jobs_matrix_is_read_per_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/clients.yml": MATRIX_WORKFLOW}, tmp_path, capsys)
    public = {(r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert public == {
        (17, "ruby:3.3-slim"),
        (17, "php:8.3-cli"),
        (17, "busybox:latest"),
        (22, "ruby:3.3-slim"),
        (22, "php:8.3-cli"),
        (22, "busybox:latest"),
        (27, "composer:2.7"),  # the step's `if:` holds for the php combination only
    }
    assert [r for r in records if r["status"] == "unresolved"] == []
