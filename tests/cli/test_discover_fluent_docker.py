"""`ecr-mirror discover` reads the images C# test fixtures start with FluentDocker (`UseImage("...")`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

FIXTURE = """\
using Ductus.FluentDocker.Builders;

public class IdpFixture {
	public IdpFixture() {
		var idp = new Builder()
			.UseContainer()
			.UseImage("ghcr.io/acme/idsrv4/idsrv4")
			.Build();
	}
}
"""


def test_a_fluent_docker_fixture_s_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src/Auth.Tests").mkdir(parents=True)
    (tmp_path / "src/Auth.Tests/IdpFixture.cs").write_text(FIXTURE)
    records = [
        (r["file"], r["line"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("src/Auth.Tests/IdpFixture.cs", 7, "fluentdocker", "ghcr.io/acme/idsrv4/idsrv4:latest", "public")
    ]


DEFINED = """\
using Ductus.FluentDocker.Builders;

public class ServerFixture {
	private async Task Start() {
		var imageName = "acme-server-for-plugin-tests";
		using var image = new Builder()
			.DefineImage(imageName)
			.From("acme/server:24.10")
			.Run("rm -rf /opt/acme/plugins")
			.Build();
		var server = new Builder()
			.UseContainer()
			.UseImage(imageName)
			.Build();
		var sidecar = new Builder()
			.UseContainer()
			.UseImage("acme/sidecar:2")
			.Build();
	}
}
"""


def test_an_image_the_fixture_defines_itself_is_built_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src/Plugin.Tests").mkdir(parents=True)
    (tmp_path / "src/Plugin.Tests/Fixture.cs").write_text(DEFINED)
    records = [
        (r["file"], r["line"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert ("src/Plugin.Tests/Fixture.cs", 17, "fluentdocker", "acme/sidecar:2", "public") in records
    assert not [record for record in records if "acme-server-for-plugin-tests" in str(record[3])]
