"""`ecr-mirror discover` lists the image a Makefile's `docker compose up` names for a service with both `build:` and
`image:` when the recipe's environment moves that image to another repository (`IMAGE_REGISTRY=ghcr.io/acme/`):
without `pull_policy`, compose pulls such an image first and builds only when the registry has none
(https://docs.docker.com/reference/compose-file/build/#using-build-and-image), and a recipe that points the images
at the project's registry runs the published ones. A recipe that changes only the tag, or builds (`up --build`,
`build`), or a service with `pull_policy: build`, still builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

COMPOSE = """\
services:
  api:
    build:
      context: .
      dockerfile: docker/api.Dockerfile
    image: ${{IMAGE_REGISTRY:-}}acme-api:${{IMAGE_TAG:-latest}}
  worker:
    build: worker/
    image: ${{IMAGE_REGISTRY:-}}acme-worker:${{IMAGE_TAG:-latest}}
{policy}  db:
    image: postgres:17.2
"""

MAKEFILE = """\
.PHONY: run-published
run-published: ## run the published images
\tIMAGE_REGISTRY=ghcr.io/acme/ IMAGE_TAG=$(IMAGE_TAG) \\
\t\tdocker compose -f compose.yaml {command}
"""


def _listed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    policy: str = "",
) -> list[str]:
    write_tree(
        tmp_path,
        {
            "compose.yaml": COMPOSE.format(policy=policy),
            "Makefile": MAKEFILE.format(command=command),
            "docker/api.Dockerfile": "FROM python:3.13-slim\n",
            "worker/Dockerfile": "FROM python:3.13-slim\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_up_with_the_images_moved_to_a_registry_pulls_them_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, "up -d") == [
        "ghcr.io/acme/acme-api:latest",
        "ghcr.io/acme/acme-worker:latest",
        "postgres:17.2",
        "python:3.13-slim",
    ]


@pytest.mark.parametrize("command", ["up -d --build", "build", "up --pull build -d"])
def test_a_command_that_builds_leaves_them_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert _listed(tmp_path, monkeypatch, capsys, command) == ["postgres:17.2", "python:3.13-slim"]


def test_a_service_that_always_builds_is_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = _listed(tmp_path, monkeypatch, capsys, "up -d", policy="    pull_policy: build\n")
    assert listed == ["ghcr.io/acme/acme-api:latest", "postgres:17.2", "python:3.13-slim"]


def test_only_the_tag_changed_is_the_job_s_own_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {})
    makefile = "run:\n\tIMAGE_TAG=ci docker compose -f compose.yaml up -d\n"
    write_tree(
        tmp_path,
        {
            "compose.yaml": COMPOSE.format(policy=""),
            "Makefile": makefile,
            "docker/api.Dockerfile": "FROM python:3.13-slim\n",
            "worker/Dockerfile": "FROM python:3.13-slim\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["postgres:17.2", "python:3.13-slim"]
