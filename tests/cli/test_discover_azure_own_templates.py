"""A pipeline may extend a template of its own repository that hands its `containers` parameter on to a 1ES Pipeline
Template (`containers: ${{ parameters.containers }}`) or turns it into container resources (`${{ each c in
parameters.containers }}`): dotnet-monitor's `eng/pipelines/templates/pipeline-template.yml`, extending
`pipeline-template-1es.yml` or `pipeline-template-legacy.yml` as a parameter chooses (set ZZZO, 6 misses). The
caller's `extends.parameters.containers.ALIAS.image` are then the jobs' containers, read at each image's line; a
template of the tree that does neither with them, and one the tree lacks, leave them unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_CALLER = """\
parameters:
- name: is1ESPipeline
  type: boolean
  default: true

extends:
  ${{ if eq(parameters.is1ESPipeline, true) }}:
    template: /eng/pipelines/templates/pipeline-template-1es.yml@self
  ${{ else }}:
    template: /eng/pipelines/templates/pipeline-template-legacy.yml@self
  parameters:
    containers:
      build_linux_amd64_cross:
        image: mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net8.0-cross-amd64
      helix_linux_amd64:
        image: mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-26.04
    stages: []
"""

_ONE_ES = """\
parameters:
- name: containers
  type: object
  default: {}
- name: stages
  type: stageList
  default: []

extends:
  template: v1/1ES.Official.PipelineTemplate.yml@1ESPipelineTemplates
  parameters:
    containers: ${{ parameters.containers }}
    stages: ${{ parameters.stages }}
"""

_LEGACY = """\
parameters:
- name: containers
  type: object
  default: {}

resources:
  containers:
  - ${{ each container in parameters.containers }}:
    - container: ${{ container.key }}
      image: ${{ container.value.image }}
"""

_OWN_USE = """\
extends:
  template: matrix.yml
  parameters:
    containers:
      lint:
        image: acme/lint-runner:3
"""

_MATRIX = """\
parameters:
- name: containers
  type: object
stages:
- ${{ each entry in parameters.containers }}:
  - stage: ${{ entry.key }}
"""


def test_a_template_of_the_tree_passing_containers_to_1es_makes_them_containers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "eng/pipelines/templates/pipeline-template.yml": _CALLER,
            "eng/pipelines/templates/pipeline-template-1es.yml": _ONE_ES,
            "eng/pipelines/templates/pipeline-template-legacy.yml": _LEGACY,
            "eng/pipelines/ci/own.yml": _OWN_USE,
            "eng/pipelines/ci/matrix.yml": _MATRIX,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["kind"]) for r in records)
    caller = "eng/pipelines/templates/pipeline-template.yml"
    assert got == [
        (
            caller,
            14,
            "mcr.microsoft.com/dotnet-buildtools/prereqs:azurelinux-3.0-net8.0-cross-amd64",
            "Azure Pipelines file",
        ),
        (caller, 16, "mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-26.04", "Azure Pipelines file"),
    ]


def test_a_template_the_tree_lacks_leaves_them_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"eng/pipelines/templates/pipeline-template.yml": _CALLER})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
