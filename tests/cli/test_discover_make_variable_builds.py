"""A Makefile's build tag written with the file's variables (`-t "acme/agent:${DOCKER_IMAGE_TAG}"` with
`DOCKER_IMAGE_TAG ?= latest`) names the image the build makes when make's own value is used: a Dockerfile of the
tree `FROM acme/agent:latest` uses what the tree builds, not a pull. A tag whose variable has no value in the
Makefile (`$(VERSION)` from `git describe`) names nothing known, and neither does a repository written with a
variable (`$(REGISTRY)/base:dev` with `REGISTRY ?= quay.io/acme`: where a user publishes; its default is the
upstream's image, which other builds pull)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
DOCKER_IMAGE_TAG ?= latest
CONTAINER_ENGINE ?= docker
VERSION = $(shell git describe --tags)
REGISTRY ?= quay.io/acme

image:
\t$(CONTAINER_ENGINE) build -t "acme/agent:${DOCKER_IMAGE_TAG}" --target release .

image-versioned:
\t$(CONTAINER_ENGINE) build -t "acme/operator:$(VERSION)" -f Dockerfile.operator .

base-ci:
\t$(CONTAINER_ENGINE) build -t $(REGISTRY)/base:dev -f Dockerfile.base .

tarball: image
\t$(CONTAINER_ENGINE) build -f Dockerfile.tarball -t "acme/agent-tarball:${DOCKER_IMAGE_TAG}" .
"""

DOCKERFILE = """\
FROM golang:1.23 AS build
FROM alpine:3.20 AS release
"""

TARBALL = """\
FROM acme/agent:latest AS agent
FROM acme/operator:v1.2.0 AS operator
FROM quay.io/acme/base:dev AS base
FROM scratch
COPY --from=agent /usr/bin/agent /agent
"""


def test_a_make_build_tag_with_the_makefile_s_own_value_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"Makefile": MAKEFILE, "Dockerfile": DOCKERFILE, "Dockerfile.tarball": TARBALL}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    tarball = sorted((row[1], row[4], row[5]) for row in rows if row[0] == "Dockerfile.tarball")
    assert tarball == [
        (1, "acme/agent:latest", "built-here"),
        (2, "acme/operator:v1.2.0", "public"),
        (3, "quay.io/acme/base:dev", "public"),
    ]


GENERATOR_MAKEFILE = """\
IMAGE_TAG=api-generator
REMOTE_IMAGE=ghcr.io/acme/api-generator
PUBLISHED ?= acme/api-generator
CONTAINER_ENGINE ?= docker

image: .image-built

.image-built: Dockerfile
\tDOCKER_BUILDKIT=1 ${CONTAINER_ENGINE} build ../.. -t $(IMAGE_TAG) -f Dockerfile \\
\t\t--cache-from $(IMAGE_TAG):latest
\ttouch .image-built

publish:
\t${CONTAINER_ENGINE} build -t $(PUBLISHED) .
"""

CALLER_MAKEFILE = """\
IMAGE_TAG=api-generator

golang-from-source: ensure-api-generator-image
\tdocker run --rm --user $$(id -u):$$(id -g) \\
\t\t$(IMAGE_TAG) sh -c 'cd /src/api && make generate'

lint:
\tdocker run --rm acme/api-generator lint

ensure-api-generator-image:
\t$(MAKE) -C ../backend/api image
"""


def test_a_make_build_of_a_variable_naming_no_namespace_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "backend/api/Makefile": GENERATOR_MAKEFILE,
        "backend/api/Dockerfile": "FROM golang:1.26\n",
        "api/Makefile": CALLER_MAKEFILE,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    runs = sorted((row[1], row[4], row[5]) for row in rows if row[0] == "api/Makefile")
    assert runs == [
        (4, "api-generator:latest", "built-here"),  # no namespace nor registry: no one's published image
        (8, "acme/api-generator:latest", "public"),  # a variable's namespaced default still names where it publishes
    ]
