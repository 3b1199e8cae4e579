"""Arcade's Helix SDK runs a test work item in a Docker container when its target queue is written
`[(ALIAS)]QUEUE@IMAGE` (dotnet-monitor's `eng/helix/Helix.proj`, `<HelixAvailableTargetQueue
Include="azurelinux.3.amd64$(QueueSuffix)@mcr.microsoft.com/dotnet-buildtools/prereqs:debian-12-helix-amd64">`: 8
misses of set ZZZO): each such image of an MSBuild file (`*.proj`, `*.props`, `*.targets`) that names Helix is pulled
on the test machine, read at its line. A queue without an image, an image with an MSBuild property in it, and the
same shape in a file that does not name Helix are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_P = "mcr.microsoft.com/dotnet-buildtools/prereqs"
_PROJ = f"""\
<Project Sdk="Microsoft.DotNet.Helix.Sdk">
  <ItemGroup Condition="'$(HelixArchitecture)' == 'x64'">
    <HelixAvailableTargetQueue Include="windows.11.amd64.client$(QueueSuffix)" />
    <HelixAvailableTargetQueue Include="azurelinux.3.amd64$(QueueSuffix)@{_P}:debian-12-helix-amd64"
                               Condition="'$(HelixArchitecture)' == 'x64'">
      <TestRunName>Debian 12</TestRunName>
    </HelixAvailableTargetQueue>
    <HelixTargetQueue Include="(Alpine.321.Amd64.Open)AzureLinux.3.Amd64.Open@{_P}:alpine-3.21-helix-amd64" />
    <HelixTargetQueue Include="ubuntu.2204.amd64.open@{_P}:$(PrereqsTag)" />
  </ItemGroup>
</Project>
"""

_PROPS = f"""\
<Project>
  <PropertyGroup>
    <HelixTargetQueues>Ubuntu.2204.Amd64.Open@{_P}:ubuntu-22.04-helix-amd64;Windows.10.Amd64.Open</HelixTargetQueues>
  </PropertyGroup>
</Project>
"""

_OTHER = """\
<Project>
  <PropertyGroup>
    <Owner>builds@registry.example.com/team:x</Owner>
  </PropertyGroup>
</Project>
"""


def test_helix_docker_queues_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"eng/helix/Helix.proj": _PROJ, "eng/Helix.props": _PROPS, "Directory.Build.props": _OTHER})
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["kind"]) for r in records)
    assert got == [
        ("eng/Helix.props", 3, "mcr.microsoft.com/dotnet-buildtools/prereqs:ubuntu-22.04-helix-amd64", "Helix queue"),
        ("eng/helix/Helix.proj", 4, "mcr.microsoft.com/dotnet-buildtools/prereqs:debian-12-helix-amd64", "Helix queue"),
        (
            "eng/helix/Helix.proj",
            8,
            "mcr.microsoft.com/dotnet-buildtools/prereqs:alpine-3.21-helix-amd64",
            "Helix queue",
        ),
    ]
