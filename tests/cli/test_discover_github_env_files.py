"""`ecr-mirror discover` on the env a workflow's or a composite action's step writes to `$GITHUB_ENV` for the steps
after it: literal `echo "NAME=value" >> "$GITHUB_ENV"` lines, and `cat FILE >> "$GITHUB_ENV"` with a file of the tree
of `NAME=value` lines, read by a later step's `${{ env.NAME }}` (`helm/kind-action`'s `node_image`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

ENV_FILE = """\
go-version=1.26
kind-version=v0.31.0
kind-image=kindest/node:v1.35.2
"""

ACTION = """\
name: Cluster setup
description: Shared setup of the e2e jobs
runs:
  using: composite
  steps:
    - name: Import the pinned versions
      shell: bash
      run: |
        cat ".github/versions.env" >> "$GITHUB_ENV"
        echo "RUN_DIR=$(mktemp -d)" >> "$GITHUB_ENV"
    - name: Start a cluster
      uses: helm/kind-action@v1.12.0
      with:
        version: ${{ env.kind-version }}
        node_image: ${{ env.kind-image }}
"""

WORKFLOW = """\
name: upgrade
on: [workflow_dispatch]
jobs:
  upgrade:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          cat .github/versions.env >> $GITHUB_ENV
          echo "REGISTRY_IMAGE=registry:2.8.3" >> "$GITHUB_ENV"
      - uses: helm/kind-action@v1.12.0
        with:
          node_image: ${{ env.kind-image }}
      - uses: container-tools/kind-action@v2
        with:
          node_image: ${{ env.REGISTRY_IMAGE }}
"""


def _rows(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records}


def test_a_composite_action_s_env_file_reaches_the_kind_node_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/versions.env": ENV_FILE, ".github/actions/e2e/action.yaml": ACTION})
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert rows == {(".github/actions/e2e/action.yaml", 15, "kindest/node:v1.35.2", "public")}


def test_a_workflow_s_env_file_and_echo_reach_later_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/versions.env": ENV_FILE, ".github/workflows/upgrade.yaml": WORKFLOW})
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert rows == {
        (".github/workflows/upgrade.yaml", 13, "kindest/node:v1.35.2", "public"),
        (".github/workflows/upgrade.yaml", 16, "registry:2.8.3", "public"),
    }


def test_a_file_not_of_name_value_lines_or_a_later_write_gives_no_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a file of other lines is not an env file; a write after the step reading it is not seen by it
    workflow = WORKFLOW.replace('echo "REGISTRY_IMAGE=registry:2.8.3" >> "$GITHUB_ENV"', "true")
    workflow += '      - run: echo "REGISTRY_IMAGE=registry:2.8.3" >> "$GITHUB_ENV"\n'
    env_file = "# pinned\nkind-image: kindest/node:v1.35.2\n"
    write_tree(tmp_path, {".github/versions.env": env_file, ".github/workflows/upgrade.yaml": workflow})
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert {row[3] for row in rows} == {"unresolved"}
