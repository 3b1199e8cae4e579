"""A workflow step's build command whose Dockerfile is named through the job's matrix (`docker buildx build -f
"./mod/Dockerfile.${{ matrix.arch }}" --build-arg REGISTRY=docker.io`): each combination builds its own file, with
the arguments the command passes (https://docs.github.com/en/actions/using-jobs/using-a-matrix-for-your-jobs), so
the bases the `ARG REGISTRY` placeholder default stands for are the public ones the release pulls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: release
on: workflow_dispatch
jobs:
  images:
    strategy:
      matrix:
        arch: [amd64, arm64v8]
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build and push
        run: |
          docker buildx build -f "./mod/Dockerfile.${{ matrix.arch }}" -t acme/mod:1-${{ matrix.arch }} \\
            --build-arg REGISTRY=docker.io --push .
"""

TREE = {
    ".github/workflows/release.yaml": WORKFLOW,
    "mod/Dockerfile.amd64": (
        "ARG REGISTRY=your-registry.azurecr.io\n"
        "FROM $REGISTRY/amd64/debian:bookworm AS build\n"
        "FROM $REGISTRY/amd64/debian:bookworm-slim\n"
    ),
    "mod/Dockerfile.arm64v8": (
        "ARG REGISTRY=your-registry.azurecr.io\n"
        "FROM $REGISTRY/amd64/debian:bookworm AS build\n"
        "FROM $REGISTRY/arm64v8/debian:bookworm-slim\n"
    ),
    "mod/Dockerfile.arm32v7": "ARG REGISTRY=your-registry.azurecr.io\nFROM $REGISTRY/arm32v7/debian:bookworm-slim\n",
}


def test_each_combination_builds_its_dockerfile_with_the_commands_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    listed = {(r["reference"], r["file"], r["line"]) for r in records if r["reference"] and r["status"] != "unresolved"}
    assert ("amd64/debian:bookworm", "mod/Dockerfile.amd64", 2) in listed
    assert ("amd64/debian:bookworm-slim", "mod/Dockerfile.amd64", 3) in listed
    assert ("amd64/debian:bookworm", "mod/Dockerfile.arm64v8", 2) in listed
    assert ("arm64v8/debian:bookworm-slim", "mod/Dockerfile.arm64v8", 3) in listed
    # a Dockerfile no combination builds keeps its placeholder, unresolved
    assert not any(file == "mod/Dockerfile.arm32v7" for _, file, _ in listed)
    assert not any(ref.startswith("docker.io/") or ref.startswith("your-registry") for ref, _, _ in listed)
