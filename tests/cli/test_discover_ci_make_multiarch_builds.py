"""A CI job's make run whose recipe builds the Makefile's own name for several platforms, the platforms given by a
Makefile variable (`--platform $(PLATFORMS)`), without loading it (a release target's build, before its push
target) keeps nothing in the runner's image store: a compose file naming that image pulls the published one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
IMAGE := acme/limiter
VERSION ?= $(shell git rev-parse --short HEAD)
PLATFORMS := linux/amd64,linux/arm64

multiarch_image:
\tdocker buildx build -t $(IMAGE):$(VERSION) --platform $(PLATFORMS) .

multiarch_push: multiarch_image
\tdocker buildx build -t $(IMAGE):$(VERSION) --platform $(PLATFORMS) --push .
"""

WORKFLOW = """\
name: main
on:
  push:
    branches: [main]
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - run: VERSION=main make multiarch_push
"""

EXAMPLE = """\
services:
  limiter:
    image: acme/limiter:main
"""


def _rows(
    makefile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, str]]:
    tree = {
        "Makefile": makefile,
        "Dockerfile": "FROM alpine:3.22\n",
        ".github/workflows/main.yaml": WORKFLOW,
        "docker-compose-example.yml": EXAMPLE,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    return {(str(row[4]), str(row[5])) for row in rows if "limiter" in str(row[4])}


def test_a_multi_platform_build_of_a_variable_s_platforms_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _rows(MAKEFILE, tmp_path, monkeypatch, capsys) == {("acme/limiter:main", "public")}


def test_a_build_for_one_platform_of_a_variable_is_in_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    one = MAKEFILE.replace("linux/amd64,linux/arm64", "linux/amd64")
    assert _rows(one, tmp_path, monkeypatch, capsys) == {("acme/limiter:main", "built-here")}
