"""A build that reads its Dockerfile on standard input from a file of the tree (`cat ./Dockerfile | docker build
--build-arg ARCH=$(ARCH) . --file -`, `docker build -f - . < build/Dockerfile`): the Dockerfile is that file, read
again with the build's arguments; a `-f -` fed by anything else (`echo`, `curl`, a command's output) builds no file of
the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
ARCH ?= arm64
GO_IMAGE ?= docker.io/library/golang:1.26.6

docker-build-core:
\tcat ./Dockerfile | DOCKER_BUILDKIT=1 docker build --build-arg builder_image=$(GO_IMAGE) \\
\t  --build-arg ARCH=$(ARCH) . -t acme/core-$(ARCH):dev --file -

docker-build-capd:
\tDOCKER_BUILDKIT=1 docker build --build-arg ARCH=$(ARCH) -f - . < test/infra/Dockerfile

docker-build-generated:
\tsed -e 's/x/y/' ./Dockerfile.tmpl | docker build --build-arg ARCH=$(ARCH) -f - .
"""
DOCKERFILE = """\
ARG builder_image
ARG ARCH
FROM ${builder_image} AS builder
FROM gcr.io/distroless/static:nonroot-${ARCH}
"""
TREE = {
    "Makefile": MAKEFILE,
    "Dockerfile": DOCKERFILE,
    "test/infra/Dockerfile": "ARG ARCH\nFROM gcr.io/distroless/static:latest-${ARCH}\n",
    "Dockerfile.tmpl": "ARG ARCH\nFROM example.org/never/read:${ARCH}\n",
}


def test_a_dockerfile_piped_or_redirected_into_a_build_is_built_with_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records if r["reference"])
    assert ("Dockerfile", 3, "golang:1.26.6", "public") in rows
    assert ("Dockerfile", 4, "gcr.io/distroless/static:nonroot-arm64", "public") in rows
    assert ("test/infra/Dockerfile", 2, "gcr.io/distroless/static:latest-arm64", "public") in rows


def test_a_dockerfile_generated_by_another_command_is_not_taken_for_a_file_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert not [r for r in records if "never/read:arm64" in (r["reference"] or "")]


# the piped file's path written with a make variable (`cat $(CAPD_DIR)/Dockerfile |`)
VARIABLE_PATH_MAKEFILE = """\
ARCH ?= arm64
INFRA_DIR := test/infra

docker-build-infra:
\tcat $(INFRA_DIR)/Dockerfile | DOCKER_BUILDKIT=1 docker build --build-arg ARCH=$(ARCH) . --file -

docker-build-unknown:
\tcat $(UNSET_DIR)/Dockerfile | docker build --build-arg ARCH=$(ARCH) . --file -
"""


def test_a_piped_dockerfile_named_with_a_variable_is_built_with_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {**TREE, "Makefile": VARIABLE_PATH_MAKEFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["use"], r["reference"]) for r in records if r["status"] == "public")
    assert rows == [
        ("test/infra/Dockerfile", 2, "FROM (built by Makefile:5)", "gcr.io/distroless/static:latest-arm64"),
    ]
