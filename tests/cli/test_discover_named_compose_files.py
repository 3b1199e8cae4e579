"""A compose file of no compose name (`docker-compose.postgres`) is read when a command of the tree runs compose
with it (`docker compose -f docker-compose.postgres pull db`): the command says it is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: tests
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          docker compose -f docker-compose.pg pull db
          docker compose -f docker-compose.cache down
"""

TREE = {
    ".github/workflows/tests.yml": WORKFLOW,
    "docker-compose.pg": "services:\n  db:\n    image: postgres:16.4\n  web:\n    image: example/web:2\n",
    # compose only stops these: nothing is pulled
    "docker-compose.cache": "services:\n  cache:\n    image: redis:7.4\n",
    # no command names it: an example for users, not read
    "docker-compose.example": "services:\n  db:\n    image: mariadb:11.4\n",
    "tests/run.sh": "#!/bin/sh\nset -e\ndocker compose -f ../deploy/compose.mysql up -d\n",
    "deploy/compose.mysql": "services:\n  db:\n    image: mysql:8.4\n",
    # named, but not shaped like a compose file
    "tools/up.sh": "docker-compose --file settings.conf up\n",
    "tools/settings.conf": "services = 3\n",
}


def test_files_a_compose_command_names_are_read_as_compose_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["kind"]) for r in records) == [
        ("example/web:2", "docker-compose.pg", 5, "compose file"),
        ("mysql:8.4", "deploy/compose.mysql", 3, "compose file"),
        ("postgres:16.4", "docker-compose.pg", 3, "compose file"),
    ]


def test_a_compose_file_a_makefile_runs_through_its_compose_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = (
        "DOCKER ?= docker\nDOCKER_COMPOSE ?= $(DOCKER) compose\n\n"
        "local-dev-up:\n\t$(DOCKER_COMPOSE) -f docker-compose.static up -d redis db\n"
    )
    static = "services:\n  db:\n    image: docker.io/library/postgres:12.1\n  redis:\n    image: redis:7.4\n"
    write_tree(tmp_path, {"Makefile": makefile, "docker-compose.static": static, "docker-compose.other": static})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"]) for r in records) == [
        ("postgres:12.1", "docker-compose.static", 3),
        ("redis:7.4", "docker-compose.static", 5),
    ]
