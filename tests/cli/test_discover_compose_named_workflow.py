"""A workflow whose file name starts like a compose file's (`.github/workflows/compose-migrate.yml`,
`docker-compose-tests.yml`) is a workflow: GitHub runs every YAML file of `.github/workflows`
(https://docs.github.com/en/actions/writing-workflows/about-workflows#about-workflows), so its jobs' containers,
services and steps are read, not its `services:` as a compose file's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from tests.support.trees import tree_records

WORKFLOW = """\
name: Compose migrations
on: pull_request
jobs:
  migrate:
    runs-on: ubuntu-latest
    container: golang:1.23
    services:
      db:
        image: postgres:17-alpine
    steps:
      - uses: actions/checkout@v4
      - run: docker run --rm ghcr.io/acme/migrator-check:2.1 --dry-run
"""


def test_a_compose_named_workflow_is_read_as_a_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/compose-migrate.yml": WORKFLOW}, tmp_path, capsys)
    public = sorted((r["reference"], r["kind"]) for r in records if r["status"] == "public")
    assert [reference for reference, _ in public] == [
        "ghcr.io/acme/migrator-check:2.1",
        "golang:1.23",
        "postgres:17-alpine",
    ]
    assert {kind for _, kind in public} == {"GitHub Actions workflow"}


@pytest.mark.parametrize(
    "path", [".github/workflows/compose-migrate.yml", ".github/workflows/docker-compose-tests.yaml"]
)
def test_compose_named_files_of_the_workflows_folder_are_workflows(path: str) -> None:
    assert kind_of(path) is Kind.WORKFLOW
    assert kind_of(path.replace(".github/workflows/", "deploy/")) is Kind.COMPOSE
