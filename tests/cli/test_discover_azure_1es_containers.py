"""A pipeline that extends a 1ES Pipeline Template declares its jobs' containers under the template's `containers`
parameter (`extends.parameters.containers.ALIAS.image`), the template's counterpart of `resources.containers`; read at
the image's line. The same mapping under a template that is not 1ES's is that template's own parameter, not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_OFFICIAL = """\
trigger:
  branches:
    include: [main]

resources:
  repositories:
  - repository: 1ESPipelineTemplates
    type: git
    name: 1ESPipelineTemplates/1ESPipelineTemplates
    ref: refs/tags/release

extends:
  template: v1/1ES.Official.PipelineTemplate.yml@1ESPipelineTemplates
  parameters:
    sdl:
      sourceAnalysisPool:
        name: Build1ESPool
        image: windows.2022.amd64
        os: windows
    containers:
      linux_x64:
        image: mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-22.04-cross-amd64
        env:
          ROOTFS_DIR: /crossrootfs/x64
      linux_arm64:
        image: mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-22.04-cross-arm64
    stages:
    - stage: build
      jobs:
      - template: /eng/pipelines/templates/native.yml
"""

_OWN_TEMPLATE = """\
extends:
  template: templates/matrix.yml
  parameters:
    containers:
      lint:
        image: acme/lint-runner:3
"""


def test_1es_template_containers_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"eng/pipelines/azure-pipelines.yml": _OFFICIAL, "eng/pipelines/ci.yml": _OWN_TEMPLATE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert got == [
        (
            "eng/pipelines/azure-pipelines.yml",
            22,
            "mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-22.04-cross-amd64",
            "public",
        ),
        (
            "eng/pipelines/azure-pipelines.yml",
            26,
            "mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-22.04-cross-arm64",
            "public",
        ),
    ]
