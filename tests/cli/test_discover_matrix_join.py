"""A service image joined from a matrix item that is a list (`db: [[mysql, '8.0'], [mariadb, '10.11']]`, `image:
"${{ join(matrix.db, ':') }}"`): GitHub's `join(array, separator)` writes each item's parts with the separator
between them (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#join), one image per
item."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: CI
on: [push]
jobs:
  test:
    strategy:
      matrix:
        py: ['3.12', '3.13']
        db:
        - [mysql, '8.0']
        - [mysql, '9.4']
        - [mariadb, '10.11']
    runs-on: ubuntu-latest
    services:
      mysql:
        image: "${{ join(matrix.db, ':') }}"
        ports:
        - 3306:3306
    steps:
    - run: echo "${{ join(matrix.db, '-') }}"
"""


def test_a_service_image_joined_from_a_matrix_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({".github/workflows/ci.yml": WORKFLOW}, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, reference, status) for file, line, _, _, reference, status in rows) == [
        (".github/workflows/ci.yml", 15, "mariadb:10.11", "public"),
        (".github/workflows/ci.yml", 15, "mysql:8.0", "public"),
        (".github/workflows/ci.yml", 15, "mysql:9.4", "public"),
    ]
