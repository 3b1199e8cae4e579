"""`ecr-mirror discover` reads Task's taskfiles (`Taskfile.yml`, `taskfile.yaml`, `Taskfile.dist.yml`, ...: the
names `task` looks for) for the commands of their tasks: the `docker run` / `docker pull` images of `cmds`, and the
images a task builds (`docker build -t`), which are then not pulled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TASKFILE = """\
version: '3'

tasks:
  check-binary:
    cmds:
      - >
        docker run --rm --platform=linux/{{.ARCH}} -v ./bin:/bins debian
        /bins/app --version
  rpm-check:
    cmds:
      - cmd: docker pull fedora:41
  image:
    cmds:
      - docker build -t acme/app:dev .
      - docker run --rm acme/app:dev --help
"""


def _records(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str, str]]:
    return [(r["file"], r["line"], r["kind"], r["reference"], r["status"]) for r in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize("name", ["Taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml", "tools/Taskfile.yaml"])
def test_the_commands_of_a_taskfile_are_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {name: TASKFILE})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    assert sorted(_records(capsys)) == [
        (name, 7, "Taskfile", "debian:latest", "public"),
        (name, 11, "Taskfile", "fedora:41", "public"),
        (name, 15, "Taskfile", "acme/app:dev", "built-here"),
    ]


def test_a_yaml_file_of_another_name_is_not_read_for_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tasks.yml": TASKFILE})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    assert _records(capsys) == []
