"""`ecr-mirror discover` reads the images C# tests start with Testcontainers for .NET."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

FIXTURE = """\
using Testcontainers.K3s;

public sealed class KubeFixture
{
    public K3sContainer Container { get; } = new K3sBuilder("rancher/k3s:v1.32.1-k3s1").Build();
}
"""


def test_csharp_testcontainers_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tests/App.Tests/Fixtures").mkdir(parents=True)
    (tmp_path / "tests/App.Tests/Fixtures/KubeFixture.cs").write_text(FIXTURE)
    (tmp_path / "src/App/Program.cs").parent.mkdir(parents=True)
    (tmp_path / "src/App/Program.cs").write_text('var b = new ContainerBuilder("alpine:3.20");\n')
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["kind"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [("tests/App.Tests/Fixtures/KubeFixture.cs", 5, "C# source", "rancher/k3s:v1.32.1-k3s1")]
