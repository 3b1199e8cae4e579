"""A workflow step that runs in PowerShell (`shell: pwsh`, `powershell`, a `defaults.run.shell`, or a Windows runner
without one) continues a command with a backtick at a line's end: its `run:` is read as a PowerShell script is
(powershell.py), with the job's matrix too. Devolutions/devolutions-gateway's install tests, `docker run --rm `` ...
"${{ matrix.container-image }}" `` over a matrix of seven distributions (set ZZZW, 7 misses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
on: push
jobs:
  install-test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - container-image: "ubuntu:20.04"
          - container-image: "rockylinux/rockylinux:9"
    steps:
      - name: Run the install test
        shell: pwsh
        run: |
          $packageInContainer = "/artifacts/gateway.deb"
          docker run --rm `
            -v "${{ github.workspace }}:/workspace:ro" `
            -e "PACKAGE_FILE=$packageInContainer" `
            "${{ matrix.container-image }}" `
            /workspace/test.sh
      - name: A literal image
        shell: pwsh
        run: |
          docker pull `
            mcr.microsoft.com/powershell:7.4-ubuntu-22.04
"""


def test_a_powershell_steps_continued_docker_run_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/install.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["line"], r["reference"]) for r in records) == [
        (15, "rockylinux/rockylinux:9"),
        (15, "ubuntu:20.04"),
        (23, "mcr.microsoft.com/powershell:7.4-ubuntu-22.04"),
    ]
