"""`ecr-mirror discover` follows a taskfile's `includes:` (https://taskfile.dev/docs/guide#including-other-taskfiles):
an included file of any name is a taskfile too, its tasks' commands read as the including one's are; a directory
included is its own `Taskfile.yml`, which the walk reads already; a path with a template (`{{.OS}}`) is known only
when task runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

ROOT = """\
version: '3'

includes:
  backend: taskfiles/backend.yaml
  connect:
    taskfile: ./taskfiles/connect.yaml
    dir: ./connect
  docs: ./documentation
  os: ./Taskfile_{{OS}}.yml
  missing:
    taskfile: taskfiles/absent.yaml
    optional: true
"""

BACKEND = """\
version: '3'

includes:
  db: ../db/tasks.yml

tasks:
  lint:
    cmds:
      - docker run --rm -v $PWD:/app golangci/golangci-lint:v2.5.0 golangci-lint run
"""

CONNECT = """\
version: '3'

tasks:
  run:
    cmds:
      - docker run --rm -p 4195:4195 redpandadata/connect:4.80.1-ai run ./config.yaml
"""

DB = """\
version: '3'

tasks:
  up:
    cmds:
      - docker pull postgres:17.2
"""

DOCS = """\
version: '3'

tasks:
  serve:
    cmds:
      - docker run --rm squidfunk/mkdocs-material:9.5.49 serve
"""


def test_included_taskfiles_of_any_name_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Taskfile.yml": ROOT,
            "taskfiles/backend.yaml": BACKEND,
            "taskfiles/connect.yaml": CONNECT,
            "db/tasks.yml": DB,
            "documentation/Taskfile.yml": DOCS,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("db/tasks.yml", 6, "postgres:17.2", "public"),
        ("documentation/Taskfile.yml", 6, "squidfunk/mkdocs-material:9.5.49", "public"),
        ("taskfiles/backend.yaml", 9, "golangci/golangci-lint:v2.5.0", "public"),
        ("taskfiles/connect.yaml", 6, "redpandadata/connect:4.80.1-ai", "public"),
    ]


def test_a_yaml_file_no_taskfile_includes_is_not_read_for_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Taskfile.yml": "version: '3'\ntasks: {}\n", "taskfiles/connect.yaml": CONNECT})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
