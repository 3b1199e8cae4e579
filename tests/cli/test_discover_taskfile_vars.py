"""`ecr-mirror discover` reads a Taskfile task's `{{.NAME}}` with the variables Task gives it
(https://taskfile.dev/docs/guide#variables): those of each call of the task by another task of the file (`- task:
test:pkg` with `vars: {Image: ...}`), the task's own literal `vars:` and the file's global `vars:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TASKFILE = """\
version: '3'

vars:
  REGISTRY_IMAGE: registry:2.8
  BUILDER: '{{.REGISTRY_IMAGE}}'

tasks:
  test:pkg:
    desc: install a package in a distribution's image
    cmds:
      - docker pull --platform linux/{{.Platform}} {{.Image}}
      - docker run --rm --platform linux/{{.Platform}} {{.Image}} sh -c '{{.Cmd}}'

  test:rpm:
    cmds:
      - task: test:pkg
        vars:
          Platform: amd64
          Image: rockylinux:9
          Cmd: rpm -ivh dist/*.rpm
      - task: test:pkg
        vars:
          Platform: arm64
          Image: fedora

  registry:
    cmds:
      - docker run -d -p 5000:5000 {{ .BUILDER }}

  smoke:
    vars:
      SMOKE_IMAGE: busybox:1.36
    cmds:
      - docker run --rm {{.SMOKE_IMAGE}} true
"""


def test_a_tasks_template_takes_the_vars_of_each_call_its_own_and_the_global_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Taskfile.yml": TASKFILE}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[4], row[5]) for row in rows) == [
        (11, "fedora:latest", "public"),
        (11, "rockylinux:9", "public"),
        (12, "fedora:latest", "public"),
        (12, "rockylinux:9", "public"),
        (28, "registry:2.8", "public"),
        (34, "busybox:1.36", "public"),
    ]
    assert {row[0] for row in rows} == {"Taskfile.yml"}


def test_a_task_no_call_gives_its_name_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the call gives `Image` to another task; `IMG` of the computed var is known only when task runs
    taskfile = """\
version: '3'

vars:
  IMG:
    sh: cat .image

tasks:
  lint:
    cmds:
      - docker run --rm {{.Image}} lint
      - docker run --rm {{.IMG}} lint

  all:
    cmds:
      - task: other
        vars:
          Image: golang:1.22
"""
    rows = tree_rows({"Taskfile.yml": taskfile}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[5]) for row in rows) == [(10, "unresolved"), (11, "unresolved")]
