"""`ecr-mirror discover` on commands held-out sets I and J showed missed: a workflow `run:` step over the job's
matrix, `kind create cluster --image`, commands after `xargs`, a bash array holding a docker command."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main


def _write_tree(root: Path, tree: dict[str, str]) -> None:
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _discover(tree: dict[str, str], root: Path, capsys: pytest.CaptureFixture[str]) -> set[tuple[Any, ...]]:
    _write_tree(root, tree)
    os.chdir(root)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in json.loads(out)}


E2E_WORKFLOW = """\
name: e2e
on: pull_request
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        include:
          - k8s: v1.31.4
            app: "12.0.0"
          - k8s: v1.32.1
            app: ""
    steps:
      - name: Warm the node image
        run: |
          docker pull kindest/node:${{ matrix.k8s }} > /dev/null 2>&1 &
      - run: docker pull example/tool:${{ matrix.app || 'latest' }}
      - uses: actions/checkout@v4
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: docker run --rm example/linter:${{ matrix.nothing }}
"""


def test_a_run_step_over_the_jobs_matrix_is_read_once_per_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover({".github/workflows/e2e.yml": E2E_WORKFLOW}, tmp_path, capsys)
    shown = ".github/workflows/e2e.yml"
    assert {(f, line, ref) for f, line, ref, status in got if status == "public"} == {
        (shown, 17, "kindest/node:v1.31.4"),
        (shown, 17, "kindest/node:v1.32.1"),
        (shown, 18, "example/tool:12.0.0"),
        (shown, 18, "example/tool:latest"),
    }
    (unresolved,) = [item for item in got if item[3] != "public"]
    assert unresolved[:2] == (shown, 23)
