"""A JSON file nested deeper than the interpreter's stack (a generated or hostile `package.json`, dev container
definition or ECS task definition) is a file discover cannot read: reported for that file, never the end of the run;
the files beside it are still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

DEEP = "[" * 100_000 + "]" * 100_000
DEVCONTAINER = '{"image": "mcr.microsoft.com/devcontainers/base:jammy", "x": ' + DEEP + "}"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("package.json", '{"scripts": {"db": "docker run -d redis:7.4"}, "x": ' + DEEP + "}"),
        (".devcontainer/devcontainer.json", DEVCONTAINER),
        ("task-definition.json", '{"containerDefinitions": [{"image": "nginx:1.27"}], "x": ' + DEEP + "}"),
    ],
    ids=["package.json", "devcontainer", "task-definition"],
)
def test_a_json_file_nested_too_deep_is_one_file_not_read(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {name: text, "Dockerfile": "FROM python:3.13-slim\n"})
    monkeypatch.chdir(tmp_path)
    code = main(["discover", "."])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "python:3.13-slim" in out.split()  # the Dockerfile beside it is read
    assert "RecursionError" not in err
