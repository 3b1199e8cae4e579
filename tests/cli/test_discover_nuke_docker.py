"""`ecr-mirror discover` reads the images a NUKE build's Docker tasks pull and run (`DockerTasks.DockerPull(x =>
x.SetName(...))`, `DockerRun(x => x.SetImage(...))`): the image of a pull is its name, of a run its image (a run's
`SetName` is the container's); a file that does not import the tasks, a comment and an interpolated name add nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.nuke_docker import nuke_docker_images
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

BUILD = """\
using System;
using Nuke.Common;
using Nuke.Common.Tools.Docker;

partial class Build
{
    const string Validator = "cyclonedx/cyclonedx-cli:0.27.2";

    void EnsureDockerImagesExistLocally()
    {
        DockerTasks.DockerPull(x => x
            .SetName("cyclonedx/cyclonedx-cli:latest")
            .SetPlatform("linux/amd64"));
        // DockerTasks.DockerPull(x => x.SetName("acme/commented:1"));
    }

    void Merge(string containerName, string version)
    {
        DockerTasks.DockerRun(x => x
            .SetName(containerName)
            .SetRm(true)
            .SetVolume($"{ArtifactsDirectory}:/sboms")
            .SetImage("cyclonedx/cyclonedx-cli")
            .SetCommand("merge")
            .SetArgs(string.Join(" ", Args())));
        DockerTasks.DockerRun(x => x.SetName("tentacle-sbom-validator").SetImage(Validator).SetCommand("validate"));
        DockerTasks.DockerRun(x => x.SetImage($"acme/tools:{version}"));
    }
}
"""

OTHER = """\
using Acme.Docker;

class Deploy
{
    void Run() => DockerRun(x => x.SetImage("acme/not-nuke:1.0"));
}
"""


def test_a_nuke_builds_docker_task_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"build/Build.Sbom.cs": BUILD, "build/Deploy.cs": OTHER}, tmp_path, monkeypatch, capsys)
    assert [(file, line, kind, use, reference) for file, line, kind, use, reference, _ in rows] == [
        ("build/Build.Sbom.cs", 7, "C# source", "NUKE DockerTasks", "cyclonedx/cyclonedx-cli:0.27.2"),
        ("build/Build.Sbom.cs", 12, "C# source", "NUKE DockerTasks", "cyclonedx/cyclonedx-cli:latest"),
        ("build/Build.Sbom.cs", 23, "C# source", "NUKE DockerTasks", "cyclonedx/cyclonedx-cli:latest"),
    ]


def test_nuke_docker_images_stay_linear_on_hostile_input() -> None:
    hostile = "using Nuke.Common.Tools.Docker;\n" + "DockerRun(x => x.SetImage(" * 50_000 + ")" * 10
    assert finishes(nuke_docker_images, hostile, "build/Build.cs") == []
