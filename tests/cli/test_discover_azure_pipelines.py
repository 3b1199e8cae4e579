"""`discover` reads Azure Pipelines files: container resources, a job's container and services, and the
`docker run` lines of its `script:` / `bash:` steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

PIPELINE = """\
trigger: [main]
resources:
  containers:
    - container: pg
      image: postgres:16.4
    - container: builder
      image: mcr.microsoft.com/dotnet/sdk:8.0
jobs:
  - job: unit
    container: builder
    services:
      db: pg
      cache: redis:7.4-alpine
    steps:
      - script: |
          docker run --name cypress --ipc=host --shm-size 1G -w /e2e cypress/included:13.6.0 --headless
        displayName: e2e
  - job: lint
    container:
      image: node:22-bookworm
    steps:
      - bash: docker pull hadolint/hadolint:v2.12.0
"""


def test_azure_pipelines_files_are_known_by_name() -> None:
    names = ["azure-pipelines.yml", "azure-pipelines-release.yaml", ".azure-pipelines/ci.yml", "ci/azure-pipelines.yml"]
    assert [kind_of(name) for name in names] == [Kind.AZURE] * 4
    assert kind_of("docs/azure.yml") is Kind.YAML


def test_resources_job_containers_services_and_step_commands_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"azure-pipelines.yml": PIPELINE})
    assert main(["discover", "--public-registry", "mcr.microsoft.com", "."]) == 0
    listed = [line.split("#") for line in capsys.readouterr().out.splitlines()]
    assert [(image.strip(), origin.strip()) for image, origin in listed] == [
        (image, "azure-pipelines.yml")
        for image in (
            "cypress/included:13.6.0",
            "hadolint/hadolint:v2.12.0",
            "mcr.microsoft.com/dotnet/sdk:8.0",
            "node:22-bookworm",
            "postgres:16.4",
            "redis:7.4-alpine",
        )
    ]


BUILDS = """\
steps:
  - task: Docker@2
    displayName: Build
    inputs:
      containerRegistry: Docker Hub
      repository: acme/wiki
      Dockerfile: build/Dockerfile
      tags: |
        canary
        canary-$(Build.BuildNumber)
  - task: Docker@2
    inputs:
      command: push
      repository: acme/other
      tags: latest
  - script: |
      docker create --name wiki acme/wiki:canary
      docker run --rm acme/other:latest
"""


def test_an_image_a_docker_task_builds_is_made_here_and_a_push_task_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"azure-pipelines.yml": BUILDS})
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert out == "acme/other:latest  # azure-pipelines.yml\n"
    assert "acme/wiki:canary (azure-pipelines.yml:" in err
