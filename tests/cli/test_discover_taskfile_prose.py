"""`ecr-mirror discover` does not read a Taskfile task's `summary:` and `desc:` as commands: they are the text
`task --summary` and `task --list` print (https://taskfile.dev/docs/reference/schema#task), not what the task runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TASKFILE = """\
version: '3'

tasks:
  upload-artifacts:
    desc: docker run of the uploader, see summary
    summary: |
      CI steps are wrapped in a script that executes
      docker run of a build container, as root; the agent
      cannot read what it wrote, so this task uploads it.
    cmds:
      - docker run --rm -v $PWD:/work alpine:3.20 chown -R 1000 /work
"""


def test_a_tasks_summary_and_description_are_not_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Taskfile.yml": TASKFILE}, tmp_path, monkeypatch, capsys)
    assert [(row[1], row[4], row[5]) for row in rows] == [(11, "alpine:3.20", "public")]
