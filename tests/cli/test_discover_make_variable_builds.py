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
