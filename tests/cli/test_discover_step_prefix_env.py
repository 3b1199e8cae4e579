"""`ecr-mirror discover` reads the variables a workflow step's command line assigns before the script it runs
(`NAME=value ./script.sh`): the shell puts them in that script's environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: Integration tests
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Integration tests
        run: |
          ./tests/integration-tests.sh
      - name: Backward compatibility
        run: |
          SERVER_VERSION='v1.16.2' ./tests/integration-tests.sh
      - name: Not passed
        run: |
          SERVER_VERSION=v0.9.0; ./tests/integration-tests.sh
"""

SCRIPT = """\
#!/bin/bash
set -ex

SERVER_LATEST="v1.17.0"
SERVER_VERSION=${SERVER_VERSION:-"$SERVER_LATEST"}

docker run -d --rm -p 6333:6333 --name server_test acme/server:${SERVER_VERSION}
"""


def test_a_variable_assigned_before_the_script_on_its_command_line_reaches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    (tmp_path / ".github/workflows/integration-tests.yml").write_text(WORKFLOW)
    (tmp_path / "tests/integration-tests.sh").write_text(SCRIPT)
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert sorted(records) == [
        ("tests/integration-tests.sh", 7, "acme/server:v1.16.2", "public"),
        ("tests/integration-tests.sh", 7, "acme/server:v1.17.0", "public"),
    ]  # not v0.9.0: a shell variable set by its own command is not in the script's environment
