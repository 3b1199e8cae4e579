"""A matrix key whose list is a conditional over `fromJSON` literals (`pg: ${{ github.event_name == 'schedule' &&
fromJSON('["15", "16"]') || fromJSON('["15"]') }}`, a nightly run testing more versions than a push): the condition
is known only when the workflow runs, but each list it may give is written in the file
(https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#fromjson), so the images of every
value of every list are read. A list one operand computes at run time (`fromJSON(needs.x.outputs.m)`) stays
unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: tests
on: [push, schedule]
jobs:
  db:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        py: ['3.12', '3.13']
        pg: ${{ github.event_name == 'schedule' && fromJSON('["14", "16"]') || fromJSON('["16"]') }}
    services:
      postgres:
        image: postgres:${{ matrix.pg }}
    steps:
    - run: pytest
"""

COMPUTED = """\
name: tests
on: [push]
jobs:
  db:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        pg: ${{ github.event_name == 'schedule' && fromJSON(needs.plan.outputs.all) || fromJSON('["16"]') }}
    services:
      postgres:
        image: postgres:${{ matrix.pg }}
    steps:
    - run: pytest
"""


def test_each_list_of_a_conditional_matrix_key_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({".github/workflows/ci.yml": WORKFLOW}, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, reference, status) for file, line, _, _, reference, status in rows) == [
        (".github/workflows/ci.yml", 12, "postgres:14", "public"),
        (".github/workflows/ci.yml", 12, "postgres:16", "public"),
    ]


def test_a_list_computed_at_run_time_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({".github/workflows/ci.yml": COMPUTED}, tmp_path, monkeypatch, capsys)
    assert [(file, line, reference, status) for file, line, _, _, reference, status in rows] == [
        (".github/workflows/ci.yml", 11, None, "unresolved"),
    ]
