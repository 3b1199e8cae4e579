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


def test_a_1es_template_chosen_in_an_if_branch_still_declares_containers() -> None:
    """`extends` may choose its template in `${{ if }}` / `${{ else }}` branches; one naming a 1ES Pipeline Template
    makes `extends.parameters.containers` the jobs' containers."""
    from ecr_mirror.choose.discovery.azure_pipelines import azure_pipelines_images

    pipeline = (
        "extends:\n"
        "  ${{ if eq(variables.official, true) }}:\n"
        "    template: v1/1ES.Official.PipelineTemplate.yml@1esPipelines\n"
        "  ${{ else }}:\n"
        "    template: v1/1ES.Unofficial.PipelineTemplate.yml@1esPipelines\n"
        "  parameters:\n"
        "    containers:\n"
        "      linux_x64:\n"
        "        image: mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net10.0-cross-amd64\n"
    )
    found = azure_pipelines_images(pipeline, "azure-pipelines.yml")
    assert [(item.line, item.text) for item in found] == [
        (9, "mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net10.0-cross-amd64")
    ]
