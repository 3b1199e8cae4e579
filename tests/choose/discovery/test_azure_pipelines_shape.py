"""An Azure Pipelines file kept where no name says it is one (dotnet's `eng/pipelines/*.yml`), known by its container
resources (ci_shapes.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

PIPELINE = """\
trigger: none
pr:
  branches:
    include:
    - main

resources:
  containers:
  - container: LinuxContainer
    image: mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net10.0-cross-amd64

stages:
- stage: build
  jobs:
  - job: Linux
    container: LinuxContainer
    services:
      cache: redis:7.4
"""


def test_container_resources_make_a_yaml_file_an_azure_pipeline() -> None:
    found = yaml_images(PIPELINE, "eng/pipelines/packages-pr.yml")
    assert [(item.line, item.text, item.kind) for item in found] == [
        (10, "mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net10.0-cross-amd64", "Azure Pipelines file"),
        (18, "redis:7.4", "Azure Pipelines file"),
    ]


def test_a_containers_list_of_another_shape_is_not_one() -> None:
    other = "resources:\n  containers:\n  - name: app\n    image: acme/app:1.0\n"
    assert all(item.kind != "Azure Pipelines file" for item in yaml_images(other, "deploy/app.yml"))
