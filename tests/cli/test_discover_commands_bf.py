"""`ecr-mirror discover` on commands, as held-out set BF showed missed: a cluster tool run by its path in a workflow
`run:` step (`./bin/kind create cluster --image kindest/node:${{ matrix.k8s }}`, the binary a make target
downloaded), and a script's loop over the indices of a bash array (`for i in ${!IMAGES[@]}`, then
`image=${IMAGES[$i]}` or `docker pull ${IMAGES[$i]}`), and loop bodies that join quoted and bare parts into one word
(`PACKAGE=acme/"$service"`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, tree_records, write_tree


def _found(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}


KIND_BY_PATH_WORKFLOW = """\
name: system tests
on: pull_request
jobs:
  system:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.30.13, v1.31.9]
    steps:
      - uses: actions/checkout@v4
      - name: Install kind
        run: make kind
      - name: Create the cluster
        run: ./bin/kind create cluster --name operator-testing --image kindest/node:${{ matrix.k8s }}
  smoke:
    runs-on: ubuntu-latest
    steps:
      - name: Create the cluster
        run: |
          ${GITHUB_WORKSPACE}/bin/kind create cluster --image kindest/node:v1.33.1
          echo ./bin/kind create cluster --image acme/echoed:1
"""


def test_a_cluster_tool_run_by_its_path_in_a_workflow_step_is_that_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = ".github/workflows/system.yml"
    got = _found(tree_records({shown: KIND_BY_PATH_WORKFLOW}, tmp_path, capsys))
    assert got == {
        (shown, 14, "kindest/node:v1.30.13", "public"),
        (shown, 14, "kindest/node:v1.31.9", "public"),
        (shown, 20, "kindest/node:v1.33.1", "public"),
    }


INDEX_LOOP_SCRIPT = """\
#!/usr/bin/env bash
set -e
RPM_IMAGES=( centos:centos7 fedora:39 )
RPM_SUFFIX=( el7 fc39 )
ZYPPER_IMAGES=( opensuse/leap:15.6 )

for i in ${!RPM_IMAGES[@]}; do
    image=${RPM_IMAGES[$i]}
    suffix=${RPM_SUFFIX[$i]}
    docker pull ${image}
    docker run --rm -v "$PWD:/mnt" ${image} /bin/bash -c "rpm -i /mnt/pkg.${suffix}.rpm"
done

for i in "${!ZYPPER_IMAGES[@]}"; do
    image=${ZYPPER_IMAGES[$i]}
    docker pull ${image}
done
"""

DEB_INDEX_LOOP_SCRIPT = """\
#!/usr/bin/env bash
DISTROS=( bookworm noble )
BASE_IMAGES=( debian:bookworm ubuntu:noble )

for i in ${!DISTROS[@]}; do
    echo "testing on ${DISTROS[$i]}"
    docker pull ${BASE_IMAGES[$i]}
    docker run --rm ${BASE_IMAGES[${i}]} dpkg -i /mnt/pkg.deb
done
"""


def test_a_loop_over_the_indices_of_an_array_reads_each_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"release/rpm/test.sh": INDEX_LOOP_SCRIPT, "release/deb/test.sh": DEB_INDEX_LOOP_SCRIPT}
    got = _found(tree_records(tree, tmp_path, capsys))
    rpm, deb = "release/rpm/test.sh", "release/deb/test.sh"
    assert got == {
        (rpm, 10, "centos:centos7", "public"),
        (rpm, 10, "fedora:39", "public"),
        (rpm, 11, "centos:centos7", "public"),
        (rpm, 11, "fedora:39", "public"),
        (rpm, 16, "opensuse/leap:15.6", "public"),
        (deb, 7, "debian:bookworm", "public"),
        (deb, 7, "ubuntu:noble", "public"),
        (deb, 8, "debian:bookworm", "public"),
        (deb, 8, "ubuntu:noble", "public"),
    }


DIGEST_SCRIPT = """\
#!/bin/sh

VERSION=$1
IMAGE=""

if [ -z "${VERSION}" ]; then
    echo "no version given, using latest"
    VERSION="latest"
fi

for service in web api; do
  PACKAGE=acme/"$service"
  IMAGE="$PACKAGE":"$VERSION"
  HASH=`docker pull $IMAGE > /dev/null && docker inspect $IMAGE | grep -o '[0-9a-f]\\{64\\}'`
  echo "$IMAGE"@sha256:"$HASH"
done
"""


def test_a_loop_body_assignment_joining_quoted_and_bare_parts_is_one_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = "docker/scripts/get_digest.sh"
    got = _found(tree_records({shown: DIGEST_SCRIPT}, tmp_path, capsys))
    assert got == {(shown, 14, "acme/web:latest", "public"), (shown, 14, "acme/api:latest", "public")}


BACKEND_DOCKERFILE = """\
FROM rust:1.84-bookworm AS builder
WORKDIR /build
COPY --from=backend . .
COPY --from=rustgbt . ../rust/
RUN --mount=type=bind,from=proto,target=/proto cargo build --release
FROM debian:bookworm-slim
COPY --from=builder /build/target/release/server /usr/local/bin/
"""

CONTEXTS_WORKFLOW = """\
name: images
on: push
jobs:
  backend:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build the backend image
        working-directory: docker
        run: |
          docker buildx build \\
            --tag test-backend:ci \\
            --build-context rustgbt=./rust \\
            --build-context backend=./backend \\
            --build-context=proto=../proto \\
            --load \\
            ./backend/
"""

OTHER_DOCKERFILE = """\
FROM backend
COPY --from=proto:1.2 /proto /proto
"""


def test_a_name_a_build_gives_as_a_named_context_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "docker/backend/Dockerfile": BACKEND_DOCKERFILE,
        ".github/workflows/images.yml": CONTEXTS_WORKFLOW,
        "tools/Dockerfile": OTHER_DOCKERFILE,
    }
    write_tree(tmp_path, tree)
    # the names of named contexts are bare, and a bare name no official image has is left out (docker_official.py):
    # Docker Hub's library is named public, so that a named context taken for an image would show as one
    records = discover_records(tmp_path, monkeypatch, capsys, "--public-registry", "docker.io/library")
    got = {(f, line, ref) for f, line, ref, status in _found(records) if status == "public"}
    assert got == {
        ("docker/backend/Dockerfile", 1, "rust:1.84-bookworm"),
        ("docker/backend/Dockerfile", 6, "debian:bookworm-slim"),
        ("tools/Dockerfile", 2, "proto:1.2"),
    }


OPERATOR_MAKEFILE = """\
IMG ?= controller:latest

docker-build: fmt vet ## Build the manager image.
\tDOCKER_BUILDKIT=1 docker build -t ${IMG} .

fmt:
\tgo fmt ./...

vet:
\tgo vet ./...
"""

SCAN_WORKFLOW = """\
name: scan
on: push
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build image for scanning
        run: |
          cd operator
          make docker-build IMG=acme-operator:scan
      - name: Run Trivy vulnerability scanner
        uses: aquasecurity/trivy-action@v0.33.1
        with:
          image-ref: 'acme-operator:scan'
          format: table
"""


def test_an_image_a_make_run_builds_with_a_command_line_value_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "operator/Makefile": OPERATOR_MAKEFILE,
        "operator/Dockerfile": "FROM golang:1.25 AS builder\nFROM gcr.io/distroless/static:nonroot\n",
        ".github/workflows/scan.yml": SCAN_WORKFLOW,
    }
    records = tree_records(tree, tmp_path, capsys)
    assert {r["reference"] for r in records if r["status"] == "public"} == {
        "golang:1.25",
        "gcr.io/distroless/static:nonroot",
    }
    assert {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "built-here"} >= {
        (".github/workflows/scan.yml", 15, "acme-operator:scan")
    }


INSTALL_BATCH = """\
@echo off
:: Downloads the server's container image and creates a container.
REM By default the 'latest' version; set another, e.g. '24.10'
set VERSION=latest
set IMAGE=ghcr.io/acme/server:%VERSION%
set "HELPER=docker.io/library/busybox:1.37"
set PORTS=5222 5269
if "%wversion%" == "10.0" (
  set VOL=-v C:\\acme\\conf:/opt/acme/conf
) else (
  set VOL=-v "/c/acme/conf:/opt/acme/conf"
)

echo === Downloading the '%IMAGE%' container image, please wait...
docker pull %IMAGE%
docker run --rm %VOL% ^
  !HELPER! true
docker pull %IMAGE_OVERRIDE%
set PS=
for %%a in (%PORTS%) do (
  set PS=!PS! -p %%a:%%a
)
docker create --name acme %PS% %IMAGE%
docker pull !HELPER!
"""


def test_a_windows_batch_script_is_read_as_a_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = "install/acme-install.bat"
    got = _found(tree_records({shown: INSTALL_BATCH.replace("\\n", "\\r\\n")}, tmp_path, capsys))
    assert got == {
        (shown, 15, "ghcr.io/acme/server:latest", "public"),
        (shown, 16, "busybox:1.37", "public"),  # %VOL% is options in each branch (`-v ...`), !HELPER! the image
        (shown, 24, "busybox:1.37", "public"),
        (shown, 18, "${IMAGE_OVERRIDE}", "unresolved"),
        (shown, 23, "${PS}", "unresolved"),
    }


CATALOG = """\
---
defaultChannel: stable
name: acme-operator
schema: olm.package
icon:
  base64data: iVBORw0KGgo=
  mediatype: image/png
---
schema: olm.channel
package: acme-operator
name: stable
entries:
  - name: acme-operator.v1.4.0
---
image: quay.io/acme/acme-operator-bundle:v1.4.0
name: acme-operator.v1.4.0
package: acme-operator
properties:
  - type: olm.package
    value:
      packageName: acme-operator
      version: 1.4.0
relatedImages:
  - image: quay.io/acme/acme-operator:v1.4.0
    name: manager
  - image: docker.io/library/postgres:16.4
    name: postgres
schema: olm.bundle
"""


def test_the_bundles_of_an_olm_file_based_catalog_name_their_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = "olm/catalog/acme-operator/catalog.yaml"
    got = _found(tree_records({shown: CATALOG}, tmp_path, capsys))
    assert got == {
        (shown, 15, "quay.io/acme/acme-operator-bundle:v1.4.0", "public"),
        (shown, 24, "quay.io/acme/acme-operator:v1.4.0", "public"),
        (shown, 26, "postgres:16.4", "public"),
    }
