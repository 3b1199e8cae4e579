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
