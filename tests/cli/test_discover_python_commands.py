"""`discover` on a tree whose Python test setup runs docker through subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def test_a_conftest_that_runs_docker_is_read_and_a_python_file_without_docker_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "tests/conftest.py": 'import subprocess\nsubprocess.check_call(["docker", "run", "valkey/valkey:8.0"])\n',
            "app/images.py": 'DEFAULT = ["redis", "run", "alpine:3.20"]\n',
        },
    )
    assert main(["discover", "."]) == 0
    assert capsys.readouterr().out == "valkey/valkey:8.0  # tests/conftest.py\n"
