"""`ecr-mirror discover` on trees for issue 20's held-out sets F and G: a workflow's env over a compose default,
images a workflow builds, kubectl in CI steps, Jib base images, Helm appVersion defaults through named templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _discover(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    monkeypatch.chdir(root)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    records: list[dict[str, Any]] = json.loads(out)
    return records


def _public(records: list[dict[str, Any]]) -> set[str]:
    return {record["reference"] for record in records if record["status"] == "public"}


CI_COMPOSE_TREE = {
    "docker-compose.dev.yml": (
        "services:\n  db:\n    image: docker.io/postgres:${POSTGRES_VERSION:-17}\n"
        "  cache:\n    image: redis:${REDIS_TAG:-7}\n  api:\n    build: .\n    image: acme/api:${API_TAG:-dev}\n"
        "  worker:\n    image: acme/api:${API_TAG:-dev}\n"
    ),
    "Dockerfile": "FROM python:3.13-slim\n",
    ".github/workflows/ci.yml": """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        pg: [15]
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          tags: acme/web:ci
          load: true
      - run: docker compose -f docker-compose.dev.yml up -d --wait
        env:
          POSTGRES_VERSION: ${{ matrix.pg }}
          API_TAG: ci
      - run: docker run --rm acme/web:ci pytest
      - name: smoke
        run: |
          OUT=$(kubectl run probe --rm -i --restart=Never --image=curlimages/curl:8.11.0 -- -s http://web)
""",
}


def test_a_workflow_env_over_a_compose_default_lists_both_and_build_push_tags_are_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, CI_COMPOSE_TREE)
    records = _discover(tmp_path, monkeypatch, capsys)
    assert _public(records) == {"postgres:17", "postgres:15", "redis:7", "python:3.13-slim", "curlimages/curl:8.11.0"}
    (ci,) = [r for r in records if r["reference"] == "postgres:15"]
    assert (ci["file"], ci["line"]) == ("docker-compose.dev.yml", 3)
    assert "with the env of .github/workflows/ci.yml:14" in ci["use"]
    (built,) = [r for r in records if r["written"] == "acme/web:ci"]
    assert built["status"] == "built-here"
    assert "docker/build-push-action tags at .github/workflows/ci.yml:12" in built["reason"]


def test_a_dockerfile_built_with_args_is_also_read_alone_so_both_arg_defaults_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The decision for issue 20's set G: the compose/bake build pulls the argument's image, and `docker build .`
    (a developer, Dependabot or Renovate reading the Dockerfile, a CI job that builds it alone) pulls the default:
    both are pulled somewhere, and a mirror that lacks one breaks that build. This pins today's behaviour."""
    write_tree(
        tmp_path,
        {
            "api/Dockerfile": "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\n",
            "compose.yaml": (
                "services:\n  api:\n    build:\n      context: api\n      args:\n        PYTHON_VERSION: '3.13'\n"
            ),
            "web/Dockerfile": "ARG NODE=20\nFROM node:${NODE}-alpine\n",
            "docker-bake.hcl": 'target "web" {\n  context = "web"\n  args = { NODE = "22" }\n}\n',
        },
    )
    records = _discover(tmp_path, monkeypatch, capsys)
    uses = sorted((r["reference"], r["use"]) for r in records if r["status"] == "public")
    assert uses == [
        ("node:20-alpine", "FROM"),
        ("node:22-alpine", "FROM (built by docker-bake.hcl)"),
        ("python:3.12-slim", "FROM"),
        ("python:3.13-slim", "FROM (built by compose.yaml)"),
    ]


def test_jib_base_image_is_listed_and_its_target_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "ledger/build.gradle": (
                "plugins { id 'com.google.cloud.tools.jib' version '3.4.4' }\n"
                "jib {\n    from {\n        image = 'eclipse-temurin:21-jre-alpine'\n    }\n"
                "    to {\n        image = 'ledger'\n        tags = ['latest', 'dev']\n    }\n}\n"
            ),
            "docker-compose.yml": "services:\n  ledger:\n    image: ledger:latest\n  db:\n    image: mariadb:11.4\n",
        },
    )
    records = _discover(tmp_path, monkeypatch, capsys)
    assert _public(records) == {"eclipse-temurin:21-jre-alpine", "mariadb:11.4"}
    (jib,) = [r for r in records if r["reference"] == "eclipse-temurin:21-jre-alpine"]
    assert (jib["file"], jib["line"], jib["kind"], jib["use"]) == (
        "ledger/build.gradle",
        4,
        "Jib build file",
        "jib from.image",
    )
    (built,) = [r for r in records if r["written"] == "ledger:latest"]
    assert built["status"] == "built-here" and "jib to.image at ledger/build.gradle:7" in built["reason"]
