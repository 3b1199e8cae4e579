"""`discover` on a tree whose magefile runs linters in containers through mage's sh package."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def test_a_magefile_that_runs_docker_is_read_and_a_go_file_naming_docker_otherwise_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "magefiles/lint.go": (
                'package main\n\nimport "github.com/magefile/mage/sh"\n\n'
                'func Yaml() error {\n\treturn sh.RunV("docker", "run", "--rm", "cytopia/yamllint:1", "/src")\n}\n'
            ),
            "internal/runtime/names.go": 'package runtime\n\nvar Runtimes = []string{"docker", "run", "alpine:3.20"}\n',
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "cytopia/yamllint:1  # magefiles/lint.go\n"
