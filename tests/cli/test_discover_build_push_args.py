"""`ecr-mirror discover` reads the Dockerfile a `docker/build-push-action` step builds with the step's `build-args`,
once per combination of the job's matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: dependencies
on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python-version: ["3.12", "3.13"]
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          file: docker/Dockerfile
          target: dependencies
          push: true
          tags: ghcr.io/acme/deps:py${{ matrix.python-version }}
          build-args: |
            PYTHON_VER=${{ matrix.python-version }}
            BRANCH=${{ github.ref_name }}
"""

DOCKERFILE = """\
ARG PYTHON_VER
FROM python:${PYTHON_VER}-slim AS dependencies
RUN pip install poetry
"""


def test_a_build_arg_from_the_matrix_names_the_base_image_of_each_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / "docker").mkdir()
    (tmp_path / ".github/workflows/dependencies.yml").write_text(WORKFLOW)
    (tmp_path / "docker/Dockerfile").write_text(DOCKERFILE)
    records = [
        (r["file"], r["line"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    built_by = "FROM (built by .github/workflows/dependencies.yml:17)"
    assert sorted(records) == [
        ("docker/Dockerfile", 2, built_by, "python:3.12-slim", "public"),
        ("docker/Dockerfile", 2, built_by, "python:3.13-slim", "public"),
    ]
