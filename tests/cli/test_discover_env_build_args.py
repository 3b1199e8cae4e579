"""A workflow step's `docker build --build-arg NAME` with no value passes the variable from the step's environment
(https://docs.docker.com/reference/cli/docker/buildx/build/#build-arg: "If you specify a build argument without a
value, the build uses the value of the variable in the environment"), and GitHub Actions puts the workflow's, job's
and step's `env:` there (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables):
a job env `BASE_IMAGE: ${{ matrix.with }}` over a matrix of distributions builds the Dockerfile once per base."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: builds
on: pull_request
env:
  TOOLS: ci/Dockerfile.tools
jobs:
  build:
    strategy:
      matrix:
        distro: [debian, rocky]
        include:
          - distro: debian
            base: deb
            with: debian:trixie-slim
          - distro: rocky
            base: rpm
            with: rockylinux/rockylinux:9.6
    runs-on: ubuntu-latest
    env:
      BASE_IMAGE: ${{ matrix.with }}
      JOBS: 4
    steps:
      - uses: actions/checkout@v4
      - name: Build the build image
        run: docker build . --file ci/Dockerfile.${{ matrix.base }}
                            --build-arg JOBS
                            --build-arg BASE_IMAGE
  tools:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build the tools image
        env:
          TOOLS_BASE: alpine:3.22
        run: |
          docker build --build-arg TOOLS_BASE -f "$TOOLS" .
  unset:
    runs-on: ubuntu-latest
    steps:
      - run: docker build --build-arg UNSET_BASE -f ci/Dockerfile.unset .
"""

TREE = {
    ".github/workflows/builds.yml": WORKFLOW,
    "ci/Dockerfile.deb": "ARG BASE_IMAGE=debian:bookworm\nFROM $BASE_IMAGE\nARG JOBS\nRUN make -j$JOBS\n",
    "ci/Dockerfile.rpm": "ARG BASE_IMAGE=rockylinux/rockylinux:9\nFROM $BASE_IMAGE\n",
    "ci/Dockerfile.tools": "ARG TOOLS_BASE\nFROM ${TOOLS_BASE}\n",
    "ci/Dockerfile.unset": "ARG UNSET_BASE=busybox:1.37\nFROM ${UNSET_BASE}\n",
}


def test_a_build_arg_without_a_value_takes_the_steps_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    listed = {(r["reference"], r["file"]) for r in records if r["reference"] and r["status"] != "unresolved"}
    assert ("debian:trixie-slim", "ci/Dockerfile.deb") in listed
    assert ("rockylinux/rockylinux:9.6", "ci/Dockerfile.rpm") in listed
    assert ("alpine:3.22", "ci/Dockerfile.tools") in listed
    # the defaults stay listed: a build without the workflow (a developer's `docker build`) pulls them
    assert ("debian:bookworm", "ci/Dockerfile.deb") in listed
    # no combination builds a Dockerfile with the other's base
    assert ("rockylinux/rockylinux:9.6", "ci/Dockerfile.deb") not in listed
    # a variable the environment does not set passes nothing: the default applies
    assert ("busybox:1.37", "ci/Dockerfile.unset") in listed
    # read alone, `ARG TOOLS_BASE` has no default: the build is what names its base
    assert not [r for r in records if r["status"] == "unresolved" and r["file"] == "ci/Dockerfile.tools"]


SCRIPT_TREE = {
    "build.sh": (
        "#!/bin/sh\n"
        "export RUNTIME_BASE=eclipse-temurin:21-jre\n"
        "LOCAL_ONLY=amazoncorretto:21\n"
        "docker build --build-arg RUNTIME_BASE --build-arg LOCAL_ONLY -t acme/app -f app/Dockerfile .\n"
    ),
    "app/Dockerfile": "ARG RUNTIME_BASE\nARG LOCAL_ONLY=busybox:1.37\nFROM ${RUNTIME_BASE}\nFROM ${LOCAL_ONLY}\n",
}


def test_a_scripts_build_arg_without_a_value_takes_what_it_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(SCRIPT_TREE, tmp_path, capsys)
    listed = {r["reference"] for r in records if r["reference"] and r["status"] != "unresolved"}
    assert "eclipse-temurin:21-jre" in listed
    # a shell variable that is not exported is not in docker's environment: the Dockerfile's default applies
    assert "busybox:1.37" in listed
    assert "amazoncorretto:21" not in listed
