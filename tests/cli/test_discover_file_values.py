"""`ecr-mirror discover` on values a Makefile, a script or a CI step reads from a one-line file of the tree: a
Makefile's `GO_VERSION ?= $(shell cat GO_VERSION)` passed to a build with `--build-arg`, a script's `BASE=$(cat
"$(dirname "$0")/../BASE_IMAGE")`, a workflow step's `export TAG=$(cat images/base/TAG)` on make's command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

DOCKERFILE = """\
ARG BASE_IMAGE
ARG GO_VERSION
FROM golang:${GO_VERSION}-alpine3.22 AS build
RUN go build -o /bin/acme ./cmd/acme
FROM ${BASE_IMAGE}
COPY --from=build /bin/acme /usr/local/bin/acme
"""

MAKEFILE = """\
GO_VERSION ?= $(shell cat GO_VERSION)
BASE_IMAGE ?= $(shell cat BASE_IMAGE)
REGISTRY ?= ghcr.io/acme

image:
\tdocker build \\
\t\t--build-arg BASE_IMAGE="$(BASE_IMAGE)" \\
\t\t--build-arg GO_VERSION="$(GO_VERSION)" \\
\t\t-t $(REGISTRY)/server:dev rootfs
"""

# a tool's own Makefile reading the files of the repository's top through its own directory
TOOL_MAKEFILE = """\
DIR = $(shell dirname $(realpath $(lastword $(MAKEFILE_LIST))))
GO_VERSION ?= $(shell cat $(DIR)/../../GO_VERSION)

build:
\tdocker buildx build --build-arg GO_VERSION=$(GO_VERSION) rootfs --tag ghcr.io/acme/runner:dev
"""

TOOL_DOCKERFILE = """\
ARG GO_VERSION
FROM golang:${GO_VERSION}
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
BASEDIR=$(dirname "$0")
ECHO_IMAGE=$(cat "$BASEDIR/ECHO_IMAGE")
docker run --rm -d --name echo "${ECHO_IMAGE}"
"""

WORKFLOW = """\
name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build images
        run: |
          export BASE_TAG=$(cat images/base/TAG)
          make BASE_IMAGE=ghcr.io/acme/base:${BASE_TAG} image
"""


def _rows(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records}


def test_a_makefile_s_value_read_from_a_file_of_its_directory_is_passed_to_its_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Makefile": MAKEFILE,
            "GO_VERSION": "1.26.1\n",
            "BASE_IMAGE": "ghcr.io/acme/base:v2.2.8\n",
            "rootfs/Dockerfile": DOCKERFILE,
        },
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert ("rootfs/Dockerfile", 3, "golang:1.26.1-alpine3.22", "public") in rows
    assert ("rootfs/Dockerfile", 5, "ghcr.io/acme/base:v2.2.8", "public") in rows
    assert not any(row[3] == "unresolved" for row in rows if row[0] == "rootfs/Dockerfile")


def test_a_path_from_the_makefile_s_own_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "GO_VERSION": "1.26.1\n",
            "images/runner/Makefile": TOOL_MAKEFILE,
            "images/runner/rootfs/Dockerfile": TOOL_DOCKERFILE,
        },
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert ("images/runner/rootfs/Dockerfile", 2, "golang:1.26.1", "public") in rows


def test_a_script_s_value_read_from_a_file_beside_it_is_the_image_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "test/e2e/run.sh": SCRIPT,
            "test/e2e/ECHO_IMAGE": "registry.k8s.io/e2e-test-images/agnhost:2.53\n",
        },
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert rows == {("test/e2e/run.sh", 5, "registry.k8s.io/e2e-test-images/agnhost:2.53", "public")}


def test_a_workflow_step_s_value_read_from_a_file_reaches_make_s_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".github/workflows/ci.yaml": WORKFLOW,
            "images/base/TAG": "v2.2.9\n",
            "Makefile": MAKEFILE,
            "GO_VERSION": "1.26.1\n",
            "BASE_IMAGE": "ghcr.io/acme/base:v2.2.8\n",
            "rootfs/Dockerfile": DOCKERFILE,
        },
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert ("rootfs/Dockerfile", 5, "ghcr.io/acme/base:v2.2.9", "public") in rows
    assert ("rootfs/Dockerfile", 5, "ghcr.io/acme/base:v2.2.8", "public") in rows


def test_a_file_of_several_lines_or_words_or_outside_the_tree_gives_no_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = MAKEFILE.replace("$(shell cat BASE_IMAGE)", "$(shell cat BASES)").replace(
        "$(shell cat GO_VERSION)", "$(shell cat /etc/go-version)"
    )
    write_tree(
        tmp_path,
        {
            "Makefile": makefile,
            "BASES": "ghcr.io/acme/base:v2.2.8\nghcr.io/acme/base:v2.2.7\n",
            "rootfs/Dockerfile": DOCKERFILE,
        },
    )
    rows = _rows(discover_records(tmp_path, monkeypatch, capsys))
    assert {row[3] for row in rows if row[0] == "rootfs/Dockerfile"} == {"unresolved"}


def test_a_value_file_linked_from_outside_the_tree_gives_no_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a symbolic link in the tree to a file of the machine (here beside the tree) is not the repository's value
    (tmp_path / "outside").write_text("registry.k8s.io/e2e-test-images/agnhost:2.53\n")
    write_tree(tmp_path / "repo", {"test/e2e/run.sh": SCRIPT})
    (tmp_path / "repo/test/e2e/ECHO_IMAGE").symlink_to(tmp_path / "outside")
    rows = _rows(discover_records(tmp_path / "repo", monkeypatch, capsys))
    assert not [row for row in rows if row[2] and "agnhost" in row[2]]
    assert {row[3] for row in rows} == {"unresolved"}
