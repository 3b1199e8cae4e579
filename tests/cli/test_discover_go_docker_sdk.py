"""`ecr-mirror discover` reads the images a Go test fixture package pulls and starts through the Docker SDK for
Go, and not the configs of unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

FIXTURE = """\
package storage

import (
\t"github.com/moby/moby/api/types/container"
)

const postgresImage = "postgres:17-alpine"

func config() *container.Config {
\treturn &container.Config{Image: postgresImage}
}
"""

UNIT_TEST = """\
package storage

import "github.com/moby/moby/api/types/container"

var expected = container.Config{Image: "acme/expected:1"}
"""


def test_a_fixture_package_s_container_config_is_listed_and_a_unit_test_s_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pkg/storage").mkdir(parents=True)
    (tmp_path / "pkg/storage/postgres.go").write_text(FIXTURE)
    (tmp_path / "pkg/storage/postgres_test.go").write_text(UNIT_TEST)
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("pkg/storage/postgres.go", 7, "Go source", "docker SDK container.Config", "postgres:17-alpine"),
    ]
