"""A script, a source file or an ECS task definition named on the command line is read as the walk of its directory
would read it, not skipped as "not a Dockerfile"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TASK = {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx:1.27-alpine"}]}


@pytest.mark.parametrize(
    ("name", "text", "image"),
    [
        ("ci.sh", "#!/bin/sh\ndocker run --rm postgres:16.4 pg_isready\n", "postgres:16.4"),
        ("Makefile", "test:\n\tdocker run --rm redis:7.4 redis-cli ping\n", "redis:7.4"),
        (
            "run.ps1",
            "docker run --rm mcr.microsoft.com/powershell:7.4-ubuntu-22.04 pwsh\n",
            "mcr.microsoft.com/powershell:7.4-ubuntu-22.04",
        ),
        (
            "DbTest.java",
            "import org.testcontainers.containers.PostgreSQLContainer;\n"
            'class DbTest { PostgreSQLContainer<?> db = new PostgreSQLContainer<>("postgres:15.8"); }\n',
            "postgres:15.8",
        ),
        ("task.json", json.dumps(TASK), "nginx:1.27-alpine"),
    ],
)
def test_a_file_named_explicitly_is_read_by_its_kind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    image: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {name: text})
    assert main(["discover", "--public-registry", "mcr.microsoft.com", name]) == 0
    out, err = capsys.readouterr()
    assert out == f"{image}  # {name}\n"
    assert "is not a Dockerfile" not in err


def test_the_explicit_file_and_the_walk_of_its_directory_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"scripts/e2e.sh": 'IMG="${IMG:-busybox:1.36}"\ndocker pull "$IMG"\n'})
    assert main(["discover", "scripts"]) == 0
    walked = capsys.readouterr().out
    assert main(["discover", "scripts/e2e.sh"]) == 0
    named = capsys.readouterr().out
    assert walked == named == "busybox:1.36  # scripts/e2e.sh\n"


def test_a_json_file_of_no_known_shape_named_explicitly_is_still_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"package-lock.json": '{"name": "x"}', "Dockerfile": "FROM alpine:3.20\n"})
    assert main(["discover", "package-lock.json", "Dockerfile"]) == 0
    out, err = capsys.readouterr()
    assert out == "alpine:3.20  # Dockerfile\n"
    assert "'package-lock.json' is not a Dockerfile" in err
