"""A workflow step's build command runs in the step's `working-directory` (or the job's
`defaults.run.working-directory`,
https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#defaultsrun): its `-f` path
and context are from there, so `docker buildx build --build-arg UBUNTU_VERSION=24 -f base/Dockerfile .` under `defaults:
run: working-directory: docker` builds `docker/base/Dockerfile` with that argument."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: images
on: workflow_dispatch
jobs:
  base:
    defaults:
      run:
        working-directory: docker
    runs-on: ubuntu-latest
    strategy:
      matrix:
        flavor: [base, devel]
        ubuntu_version: ["24"]
    steps:
      - uses: actions/checkout@v4
      - name: Build
        run: |
          docker buildx build \\
            --target ${{ matrix.flavor }} \\
            --build-arg UBUNTU_VERSION=${{ matrix.ubuntu_version }} \\
            -f base/Dockerfile .
  smi:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build
        working-directory: docker/smi
        run: |
          docker buildx build . --build-arg UBUNTU_VERSION=noble --tag acme/smi:latest
"""

TREE = {
    ".github/workflows/images.yml": WORKFLOW,
    "docker/base/Dockerfile": "ARG UBUNTU_VERSION\nFROM nvidia/cuda:13.0.3-base-ubuntu${UBUNTU_VERSION}.04 AS base\n",
    "docker/smi/Dockerfile": "ARG UBUNTU_VERSION\nFROM ubuntu:${UBUNTU_VERSION}\n",
    # a Dockerfile of the same name at the top is not the one the step builds
    "base/Dockerfile": "ARG UBUNTU_VERSION=22\nFROM debian:${UBUNTU_VERSION}\n",
}


def test_a_steps_build_paths_are_from_its_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    listed = {(r["reference"], r["file"]) for r in records if r["reference"] and r["status"] != "unresolved"}
    assert ("nvidia/cuda:13.0.3-base-ubuntu24.04", "docker/base/Dockerfile") in listed
    assert ("ubuntu:noble", "docker/smi/Dockerfile") in listed
    assert ("debian:24", "base/Dockerfile") not in listed
    assert ("debian:22", "base/Dockerfile") in listed
