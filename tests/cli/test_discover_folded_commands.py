"""`ecr-mirror discover` reads a CI step's command written as a YAML folded block (`run: >`, a GitLab script item
`- >`) as the one line YAML makes of it: the image on the block's last line is the command's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
on: push
jobs:
  integration:
    runs-on: ubuntu-latest
    env:
      NOTE: >
        docker pull
        alpine:3.21
    steps:
      - name: Start the database
        run: >
          docker run -d
          -p "5432:5432"
          --health-cmd "pg_isready -U app"
          --health-interval 10s
          postgres:13
      - run: make test
"""

GITLAB = """\
lint:
  image: python:3.13-slim
  script:
    - >
      docker run --rm
      -v "$PWD:/src"
      ghcr.io/acme/linter:2.4
    - make lint
"""


def test_a_folded_command_block_is_read_as_one_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/integration.yml": WORKFLOW, ".gitlab-ci.yml": GITLAB})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        (".github/workflows/integration.yml", 12, "postgres:13", "public"),
        (".gitlab-ci.yml", 2, "python:3.13-slim", "public"),
        (".gitlab-ci.yml", 5, "ghcr.io/acme/linter:2.4", "public"),
    ]
