"""`ecr-mirror discover` on the commands of a Gitpod workspace's tasks (`.gitpod.yml` `tasks[].before`, `init`,
`command`): shell run when the workspace starts, read as a CI file's steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    ".gitpod.yml": """\
image: gitpod/workspace-full:2024-06-03-17-43-12
tasks:
  - name: Run the stack
    init: |
      docker compose build
      docker pull composer:2.7
    command: |
      docker run --rm --interactive --tty \\
      --volume $PWD:/app \\
      composer:2.7 install \\
      --prefer-dist
  - name: cache
    before: docker run -d --name cache -p 6379:6379 redis:7.2-alpine
ports:
  - port: 9520
""",
}


def test_the_commands_of_gitpod_tasks_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["line"]) for r in records if r["status"] == "public") == [
        ("composer:2.7", 6),
        ("composer:2.7", 8),
        ("gitpod/workspace-full:2024-06-03-17-43-12", 1),
        ("redis:7.2-alpine", 13),
    ]
