"""`ecr-mirror discover` reads the values a PowerShell step writes to `$env:GITHUB_ENV` (split from a matrix value)
where a later step of the job names an image with `${{ env.NAME }}`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: Test
on: push
jobs:
  test:
    strategy:
      matrix:
        server:
          - 16.4-postgres
          - 11.4-mariadb
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Variables
        shell: pwsh
        run: |
          $serverParts = '${{ matrix.server }}'.Split('-')
          $serverType = $serverParts[1]
          echo "serverType=$serverType" >> $env:GITHUB_ENV
          $serverVersion = $serverParts[0]
          "serverVersion=$serverVersion" | Out-File -FilePath $env:GITHUB_ENV -Append
          if ($serverType -eq 'mariadb') {
            $shadow = 'other:1'
            echo "shadow=$shadow" >> $env:GITHUB_ENV
          }
      - name: Start
        shell: pwsh
        run: |
          docker pull '${{ env.serverType }}:${{ env.serverVersion }}'
          docker run -d '${{ env.shadow }}'
"""


def test_a_pwsh_split_of_the_matrix_value_written_to_github_env_names_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/test.yml").write_text(WORKFLOW)
    records = [
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert sorted(records) == [
        (".github/workflows/test.yml", 28, "mariadb:11.4", "public"),
        (".github/workflows/test.yml", 28, "postgres:16.4", "public"),
        (".github/workflows/test.yml", 29, None, "unresolved"),  # written inside an `if`: known when it runs
    ]


BASH_STEP = WORKFLOW.replace("shell: pwsh\n        run: |\n          $serverParts", "run: |\n          $serverParts", 1)


def test_the_same_lines_in_a_bash_step_are_not_read_as_powershell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/test.yml").write_text(BASH_STEP)
    records = [(r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)]
    assert sorted(records, key=str) == [(27, None, "unresolved"), (28, None, "unresolved")]
