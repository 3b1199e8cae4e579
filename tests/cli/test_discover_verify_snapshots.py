"""Verify's snapshot files (https://github.com/VerifyTests/Verify: a test's output is kept as
`Class.Method.verified.EXT`, and a failing run writes `Class.Method.received.EXT` beside it) are what a .NET test
compares its output with, never applied: not read, and counted with the tests' expected outputs; a file whose name
only holds the word elsewhere (`verified-images.yaml`) is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_COMPOSE = "services:\n  api:\n    image: {image}\n"


def test_verify_snapshots_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/Publish.Tests/Snapshots/ComposeTests.PublishesApi.verified.yaml": _COMPOSE.format(
                image="my-api:latest"
            ),
            "tests/Publish.Tests/Snapshots/ComposeTests.PublishesWorker.received.yaml": _COMPOSE.format(
                image="my-worker:latest"
            ),
            "deploy/verified-images/docker-compose.yaml": _COMPOSE.format(image="ghcr.io/acme/api:1.4.0"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [(line.split()[0], line.split()[-1]) for line in out.splitlines()] == [
        ("ghcr.io/acme/api:1.4.0", "deploy/verified-images/docker-compose.yaml"),
    ]
    assert "2 tests' expected outputs and their inputs (" in err
