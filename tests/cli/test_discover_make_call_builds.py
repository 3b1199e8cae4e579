"""`ecr-mirror discover` on a script that builds an image through make with the tag on make's command line (`make
PGVERSION=16 TAG=acme-db:ci-pg16 image`, whose recipe runs `docker build -t ${TAG}`) and then uses it: the image is
built here, where the script uses it, and the Dockerfile's base is pulled with the call's values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DOCKERFILE = """\
ARG PGVERSION
FROM golang:1.23-bookworm AS build
RUN go build -o /bin/acme ./cmd/acme
FROM postgres:$PGVERSION
COPY --from=build /bin/acme /usr/local/bin/acme
"""

MAKEFILE = """\
.PHONY: build image
build:
\tgo build ./...

image:
\tif [ -z $${PGVERSION} ]; then echo 'PGVERSION is undefined'; exit 1; fi; \\
\tif [ -z $${TAG} ]; then echo 'TAG is undefined'; exit 1; fi; \\
\tdocker build --build-arg PGVERSION=${PGVERSION} -t ${TAG} -f deploy/image/Dockerfile .
"""

SCRIPT = """\
#!/usr/bin/env bash
set -e
cd /src
make PGVERSION=16 TAG=acme-db:ci-pg16 image
kubectl apply -f deploy/k8s/
kubectl run --quiet -i -t acmectl --image=acme-db:ci-pg16 --restart=Never --rm -- acmectl status
docker run --rm acme-db:ci-pg16 acmectl version
"""


def test_a_tag_given_on_make_s_command_line_is_built_where_the_script_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"Makefile": MAKEFILE, "deploy/image/Dockerfile": DOCKERFILE, "scripts/ci-k8s.sh": SCRIPT},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    uses = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert ("scripts/ci-k8s.sh", 6, "acme-db:ci-pg16", "built-here") in uses
    assert ("scripts/ci-k8s.sh", 7, "acme-db:ci-pg16", "built-here") in uses
    assert not any(r["reference"] == "acme-db:ci-pg16" and r["status"] != "built-here" for r in records)
    assert ("deploy/image/Dockerfile", 4, "postgres:16", "public") in uses


OPERATOR_MAKEFILE = """\
IMG ?= controller:latest
ENGINE ?= docker

build:
\tgo build -o bin/manager main.go

docker-image:
\t${ENGINE} build -t ${IMG} .

docker-build: build docker-image
"""
OPERATOR_DOCKERFILE = """\
FROM golang:1.24 AS builder
RUN go build -o manager main.go
FROM gcr.io/distroless/static:nonroot
COPY --from=builder /workspace/manager .
"""
LOCAL_DEPLOY = """\
#!/bin/bash
set -euxo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="${SCRIPT_DIR}/../.."
OPERATOR_PATH="${PROJECT_ROOT}/operator"
IMAGE_TAG="${IMAGE_TAG:=dev}"
kind create cluster --name dev --image=kindest/node:v1.30.0
FULL_IMAGE_NAME="acme-operator:${IMAGE_TAG}"
make -C "${OPERATOR_PATH}" docker-build IMG="${FULL_IMAGE_NAME}"
kind load docker-image "${FULL_IMAGE_NAME}" --name dev
kubectl run operator --image="${FULL_IMAGE_NAME}"
"""


def test_a_make_run_in_a_directory_from_the_script_s_own_place_builds_the_name_it_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the script runs make in `${PROJECT_ROOT}/operator`, a path from its own directory, with the name it then loads
    # into kind and runs: the Makefile there builds it (`docker build -t ${IMG}`), so it is built here, no pull
    write_tree(
        tmp_path,
        {
            "operator/Makefile": OPERATOR_MAKEFILE,
            "operator/Dockerfile": OPERATOR_DOCKERFILE,
            "operator/hack/local_deploy.sh": LOCAL_DEPLOY,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    uses = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert ("operator/hack/local_deploy.sh", 11, "acme-operator:dev", "built-here") in uses
    assert not any(r["reference"] == "acme-operator:dev" and r["status"] != "built-here" for r in records)
    assert ("operator/hack/local_deploy.sh", 7, "kindest/node:v1.30.0", "public") in uses
