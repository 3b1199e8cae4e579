"""A CI step's make run whose recipe builds through a canned recipe (`$(call build_image_dev,"./src")` of a `define`
running `$(ENV_DOCKER) build -t $(ENV_IMAGE_TAG_NAME)-debian-dev ...`), with the version the step's env gives,
builds that name for the job: the compose file the job brings up next uses it (apisix-docker's
`build-on-debian-local-dev` with `APISIX_VERSION: local`, then `example/docker-compose.yml` with
`apache/apisix:${APISIX_IMAGE_TAG}`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
VERSION ?= 2.9.0
IMAGE_NAME = acme/gateway
ENV_IMAGE_TAG_NAME ?= $(IMAGE_NAME):$(VERSION)
ENV_DOCKER ?= docker

define build_image_dev
\t$(ENV_DOCKER) build -t $(ENV_IMAGE_TAG_NAME)-debian-dev \\
\t\t--build-arg CODE_PATH=$(1) \\
\t\t-f ./debian-dev/Dockerfile.local .
endef

build-local-dev:
\t$(call build_image_dev,"./src")
"""

WORKFLOW = """\
name: local source
on: [pull_request]
env:
  GATEWAY_TAG: local-debian-dev
  VERSION: local
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make build-local-dev
      - run: docker compose -f example/docker-compose.yml up -d
"""

COMPOSE = """\
services:
  gateway:
    image: acme/gateway:${GATEWAY_TAG:-2.9.0-debian}
"""


def test_a_canned_recipe_s_build_with_the_step_s_env_is_built_for_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile": MAKEFILE,
        "debian-dev/Dockerfile.local": "FROM debian:bookworm-slim\n",
        ".github/workflows/local.yaml": WORKFLOW,
        "example/docker-compose.yml": COMPOSE,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    gateway = sorted((row[0], row[4], row[5]) for row in rows if "gateway" in str(row[4]))
    assert gateway == [
        ("example/docker-compose.yml", "acme/gateway:2.9.0-debian", "public"),
        ("example/docker-compose.yml", "acme/gateway:local-debian-dev", "built-here"),
    ]
