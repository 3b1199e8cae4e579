"""`ecr-mirror discover` reads a Taskfile task that loops over a list (https://taskfile.dev/docs/guide/loops): a
command's `for:` (a literal list, or `{var: NAME}`, a list or a string split on whitespace) with `{{.ITEM}}`, and a
Go template `{{range .NAME}} ... {{.}} ... {{end}}` over a list var, once per item; and a var's
`{{ .NAME | default .OTHER }}` (slim-sprig's `default`, as Task renders it) takes OTHER when NAME is not given."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TASKFILE = """\
version: '3'

vars:
  KIND_VERSION: v1.31.0

tasks:
  test:pull-images:
    vars:
      DEFAULT_PG_VERSION: '16'
      PG_VERSION: '{{ .PG_VERSION | default .DEFAULT_PG_VERSION }}'
      IMAGES:
        - kindest/node:{{.KIND_VERSION}}
        - postgres:{{.PG_VERSION}}-alpine
        - redis:7.4
    cmds:
      - |
        {{range .IMAGES}}
        docker pull -q "{{.}}" &
        {{end}}
        wait

  warm:
    vars:
      TOOLS: [busybox:1.36, 'alpine:3.20']
      DATABASES: mysql:8.4 mariadb:11.4
    cmds:
      - for: { var: TOOLS }
        cmd: docker pull {{.ITEM}}
      - for: ['nginx:1.27']
        cmd: docker pull {{.ITEM}}
      - for:
          var: DATABASES
        cmd: docker pull {{.ITEM}}
"""


def test_a_task_loop_pulls_each_item_of_its_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Taskfile.yml": TASKFILE}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[4], row[5]) for row in rows) == [
        (18, "kindest/node:v1.31.0", "public"),
        (18, "postgres:16-alpine", "public"),
        (18, "redis:7.4", "public"),
        (28, "alpine:3.20", "public"),
        (28, "busybox:1.36", "public"),
        (30, "nginx:1.27", "public"),
        (33, "mariadb:11.4", "public"),
        (33, "mysql:8.4", "public"),
    ]


def test_a_loop_over_a_list_no_var_gives_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taskfile = """\
version: '3'

tasks:
  pull:
    cmds:
      - for: { var: IMAGES }
        cmd: docker pull {{.ITEM}}
"""
    rows = tree_rows({"Taskfile.yml": taskfile}, tmp_path, monkeypatch, capsys)
    assert [(row[1], row[5]) for row in rows] == [(7, "unresolved")]


def test_a_command_in_a_template_conditional_is_read_in_each_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Task renders the command with Go's text/template: one branch runs, which one depends on the machine
    taskfile = """\
version: '3'

vars:
  QEMU_IMAGE: tonistiigi/binfmt:qemu-v8.1.5

tasks:
  setup-builder:
    cmds:
      - docker buildx create --name multi --use
      - '{{if eq ARCH "amd64"}} docker run --rm --privileged {{.QEMU_IMAGE}} --install all {{else}} echo skip {{end}}'
      - '{{if eq OS "linux"}}docker pull alpine:3.20{{else}}docker pull busybox:1.36{{end}}'
"""
    rows = tree_rows({"Taskfile.yml": taskfile}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[4], row[5]) for row in rows) == [
        (10, "tonistiigi/binfmt:qemu-v8.1.5", "public"),
        (11, "alpine:3.20", "public"),
        (11, "busybox:1.36", "public"),
    ]
