"""`ecr-mirror discover` lists the image of a compose service with both `build:` and `image:` when the tree's CI
pulls the project with `docker compose pull`, which pulls the images of services that build too unless told
`--ignore-buildable` (https://docs.docker.com/reference/cli/docker/compose/pull/): the published image is used,
not the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

COMPOSE = """\
services:
  dev:
    image: acme/devtools:${DEVTOOLS_TAG:-latest}
    build:
      context: tools/devtools/
    volumes: [".:/src"]
  db:
    image: postgres:17.2
  app:
    image: acme/app:edge
    build: .
"""

WORKFLOW = """\
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-24.04
    env:
      DEVTOOLS_TAG: go1.24_2026-01-02
    steps:
      - uses: actions/checkout@v4
      - name: pre-pull
        run: {pull}
      - run: docker compose run --rm dev ./test.sh
"""


def _listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pull: str
) -> list[str]:
    write_tree(
        tmp_path,
        {
            "docker-compose.yml": COMPOSE,
            ".github/workflows/ci.yml": WORKFLOW.format(pull=pull),
            "tools/devtools/Dockerfile": "FROM golang:1.24.4-bookworm\n",
            "Dockerfile": "FROM alpine:3.21\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_compose_pull_in_ci_pulls_the_image_of_a_service_that_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, "docker compose pull") == [
        "acme/app:edge",
        "acme/devtools:go1.24_2026-01-02",
        "acme/devtools:latest",
        "alpine:3.21",
        "golang:1.24.4-bookworm",
        "postgres:17.2",
    ]


def test_ignore_buildable_leaves_the_services_that_build_to_their_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, "docker compose pull --ignore-buildable") == [
        "alpine:3.21",
        "golang:1.24.4-bookworm",
        "postgres:17.2",
    ]


def test_a_pull_of_named_services_pulls_only_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, "docker compose pull db dev") == [
        "acme/devtools:go1.24_2026-01-02",
        "acme/devtools:latest",
        "alpine:3.21",
        "golang:1.24.4-bookworm",
        "postgres:17.2",
    ]


def _listed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pull: str
) -> list[str]:
    write_tree(
        tmp_path,
        {
            "deploy/docker-compose.yml": COMPOSE,
            ".github/workflows/ci.yml": WORKFLOW.format(pull=pull),
            "deploy/tools/devtools/Dockerfile": "FROM golang:1.24.4-bookworm\n",
            "deploy/Dockerfile": "FROM alpine:3.21\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


BUILT_ONLY = ["alpine:3.21", "golang:1.24.4-bookworm", "postgres:17.2"]


@pytest.mark.parametrize(
    "pull", ["|\n          cd deploy\n          docker compose pull dev", "cd deploy && docker compose pull dev"]
)
def test_a_pull_after_cd_pulls_the_compose_file_of_that_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pull: str
) -> None:
    assert _listed_in(tmp_path, monkeypatch, capsys, pull) == sorted(
        [*BUILT_ONLY, "acme/devtools:latest", "acme/devtools:go1.24_2026-01-02"]
    )


@pytest.mark.parametrize(
    "pull", ["docker compose pull dev", '|\n          cd "$DIR"\n          docker compose pull dev']
)
def test_a_pull_elsewhere_or_after_a_cd_not_known_pulls_nothing_of_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pull: str
) -> None:
    assert _listed_in(tmp_path, monkeypatch, capsys, pull) == BUILT_ONLY
