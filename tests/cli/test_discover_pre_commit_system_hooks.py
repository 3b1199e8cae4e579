"""`ecr-mirror discover` reads the `docker run` of a pre-commit hook of `language: system` (or `script`): pre-commit
runs such a hook's `entry` as a command (https://pre-commit.com/#system), so an entry that is `docker run IMAGE ...`,
or a shell's `bash -c '... docker run IMAGE ...'`, pulls IMAGE as a script's line does; at the entry's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: lint-go-client
        name: lint the Go client in a container
        language: system
        entry:
          bash -c 'docker run --rm -v "$(pwd):/src" -w /src/client/go acme/go-linter:v2.1.0 lint run
          --config /src/client/go/.lint.yml ./...'
        files: ^client/go/.*\\.go$
        pass_filenames: false
      - id: format-sql
        language: system
        entry: docker run --rm -v "$(pwd):/w" acme/sql-format:1.4 --in-place
      - id: echo-docker
        language: system
        entry: echo "docker run acme/not-pulled:1 is in the docs"
      - id: python-hook
        language: python
        entry: docker run acme/python-hook:3
"""


def test_a_system_hooks_docker_run_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shapes: a `docker run` echoed as text runs nothing; a `language: python` hook's entry is a console
    # script of the hook's package, not a shell command
    monkeypatch.chdir(tmp_path)
    records = tree_records({".pre-commit-config.yaml": CONFIG}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (".pre-commit-config.yaml", 8, "acme/go-linter:v2.1.0", "public"),
        (".pre-commit-config.yaml", 14, "acme/sql-format:1.4", "public"),
    }
