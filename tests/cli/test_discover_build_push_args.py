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


REUSABLE = """\
name: Build Container - Reusable
on:
  workflow_call:
    inputs:
      base-variant:
        required: true
        type: string
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: .
          load: true
          tags: acme-server
          build-args: |
            BASE_VARIANT=${{ inputs.base-variant }}
"""

CALLER = """\
name: Build {variant}
on: push
jobs:
  build:
    uses: ./.github/workflows/build-reusable.yml
    with:
      base-variant: {variant}
"""

VARIANT_DOCKERFILE = """\
ARG BASE_VARIANT=jammy
FROM mcr.microsoft.com/dotnet/sdk:8.0-${BASE_VARIANT} AS build
RUN dotnet publish
"""


def test_a_build_arg_from_a_reusable_workflow_s_input_takes_each_caller_s_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/build-reusable.yml").write_text(REUSABLE)
    for variant in ("alpine", "bookworm-slim"):
        (tmp_path / f".github/workflows/build-{variant}.yml").write_text(CALLER.format(variant=variant))
    (tmp_path / "Dockerfile").write_text(VARIANT_DOCKERFILE)
    records = [
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert sorted(set(records)) == [
        ("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-alpine", "public"),
        ("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim", "public"),
        ("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-jammy", "public"),
    ]


def test_an_input_no_job_of_the_tree_gives_passes_no_build_arg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/build-reusable.yml").write_text(REUSABLE)
    (tmp_path / "Dockerfile").write_text(VARIANT_DOCKERFILE)
    records = [
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert sorted(set(records)) == [("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-jammy", "public")]


RELEASE = """\
name: Release
on:
  workflow_call:
    inputs:
      variant:
        required: true
        type: string
jobs:
  image:
    uses: ./.github/workflows/build-reusable.yml
    with:
      base-variant: ${{ inputs.variant }}
"""

NIGHTLY = """\
name: Nightly
on:
  schedule:
    - cron: "0 3 * * *"
jobs:
  release:
    uses: ./.github/workflows/release.yml
    with:
      variant: noble
"""


def test_a_build_arg_takes_the_value_a_caller_passes_on_through_a_reusable_workflow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/build-reusable.yml").write_text(REUSABLE)
    (tmp_path / ".github/workflows/release.yml").write_text(RELEASE)
    (tmp_path / ".github/workflows/nightly.yml").write_text(NIGHTLY)
    (tmp_path / "Dockerfile").write_text(VARIANT_DOCKERFILE)
    records = [
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert sorted(set(records)) == [
        ("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-jammy", "public"),
        ("Dockerfile", 2, "mcr.microsoft.com/dotnet/sdk:8.0-noble", "public"),
    ]
