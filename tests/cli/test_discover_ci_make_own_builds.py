"""A CI job that runs a make target building the Makefile's own published name (`make build-on-${{
matrix.platform }}`, whose recipe runs `$(ENV_DOCKER) build -t $(IMAGE_NAME):$(VERSION)-ubuntu`) then brings up a
compose file using that name uses the image it just built: the job runs the Makefile's defaults. Only the uses of
that job's flow are built so: an example compose file no job runs still pulls the released image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
VERSION ?= 2.9.0
IMAGE_NAME = acme/gateway
ENV_DOCKER ?= docker

build-on-%:
\t$(ENV_DOCKER) build -t $(IMAGE_NAME):$(VERSION)-$* -f ./$*/Dockerfile $*

push-multiarch-on-%:
\t$(ENV_DOCKER) buildx build --push --platform linux/amd64,linux/arm64 \\
\t\t-t $(IMAGE_NAME):$(VERSION)-$* -f ./$*/Dockerfile $*
"""

WORKFLOW = """\
name: image
on: [pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        platform: [ubuntu, redhat]
    env:
      GATEWAY_TAG: 2.9.0-${{ matrix.platform }}
    steps:
      - uses: actions/checkout@v4
      - run: |
          make build-on-${{ matrix.platform }}
          docker compose -f ./compose/docker-compose-release.yaml up -d
"""

PUSHED = WORKFLOW.replace("make build-on-", "make push-multiarch-on-")

RELEASE = """\
services:
  gateway:
    image: acme/gateway:${GATEWAY_TAG}
"""

EXAMPLE = """\
services:
  gateway:
    image: acme/gateway:2.9.0-ubuntu
"""


def _tree(workflow: str) -> dict[str, str]:
    return {
        "Makefile": MAKEFILE,
        "ubuntu/Dockerfile": "FROM ubuntu:24.04\n",
        "redhat/Dockerfile": "FROM registry.access.redhat.com/ubi9/ubi:9.6\n",
        ".github/workflows/image.yaml": workflow,
        "compose/docker-compose-release.yaml": RELEASE,
        "example/docker-compose.yml": EXAMPLE,
    }


def test_a_ci_job_s_make_build_of_the_makefile_s_own_name_is_built_for_its_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree(WORKFLOW), tmp_path, monkeypatch, capsys)
    gateway = sorted((row[0], row[4], row[5]) for row in rows if "gateway" in str(row[4]))
    assert gateway == [
        ("compose/docker-compose-release.yaml", "acme/gateway:2.9.0-redhat", "built-here"),
        ("compose/docker-compose-release.yaml", "acme/gateway:2.9.0-ubuntu", "built-here"),
        ("example/docker-compose.yml", "acme/gateway:2.9.0-ubuntu", "public"),  # no job of the tree runs it
    ]


def test_a_build_that_only_pushes_keeps_nothing_for_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(_tree(PUSHED), tmp_path, monkeypatch, capsys)
    statuses = {row[5] for row in rows if "gateway" in str(row[4])}
    assert statuses == {"public"}
