"""A Jenkinsfile's command string handed to a shared library's helper (`OsTools.runSafe(this, "docker ...")`) is read
as an `sh` step's, with Groovy's `\\"` read as the shell's quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

JENKINSFILE = """\
@Library(['ci-library']) _
import com.example.jenkins.OsTools

node('linux') {
  stage('Publish') {
    OsTools.runSafe(this, "docker buildx create --driver-opt=\\"image=moby/buildkit:v0.23.2\\" --use")
    OsTools.runSafe(this, "docker pull ghcr.io/example/scanner:2")
  }
}
"""


def test_a_helper_s_command_strings_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Jenkinsfile-Release": JENKINSFILE}, tmp_path, monkeypatch, capsys)
    assert sorted((str(row[1]), str(row[4]), str(row[5])) for row in rows) == [
        ("6", "moby/buildkit:v0.23.2", "public"),
        ("7", "ghcr.io/example/scanner:2", "public"),
    ]
