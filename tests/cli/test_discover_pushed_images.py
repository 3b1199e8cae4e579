"""`ecr-mirror discover`: an image a workflow only builds and pushes (a Buildx builder, no `load: true`) is the
published image a Makefile's `docker run` pulls; one the workflow loads is built here, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "testing/Dockerfile": "FROM golang:1.26\n",
    "Makefile": (
        "test-all:\n"
        "\tdocker run -it -v $(PWD):/src ghcr.io/acme/testing-env:latest sh -c 'make test'\n"
        "e2e:\n"
        "\tdocker run --rm ghcr.io/acme/e2e:ci\n"
    ),
    ".github/workflows/testing-env-image.yml": """\
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: testing
          platforms: linux/arm64,linux/amd64
          push: true
          tags: ghcr.io/acme/testing-env:latest
      - uses: docker/build-push-action@v6
        with:
          context: testing
          load: true
          tags: ghcr.io/acme/e2e:ci
""",
}


def test_a_push_only_build_does_not_make_the_makefile_use_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    statuses = {(r["file"], r["reference"]): r["status"] for r in records}
    assert statuses == {
        ("testing/Dockerfile", "golang:1.26"): "public",
        ("Makefile", "ghcr.io/acme/testing-env:latest"): "public",
        ("Makefile", "ghcr.io/acme/e2e:ci"): "built-here",
    }


SCRIPTED_TREE = {
    "package.json": """\
{
  "name": "acme-monitor",
  "scripts": {
    "build-base": "docker buildx build -f docker/base.dockerfile --platform linux/amd64,linux/arm64 \
-t acme/monitor:base3 --target base3 . --push",
    "build-nightly": "npm run build && docker build -f docker/app.dockerfile -t acme/monitor:nightly3 .",
    "build-single": "docker buildx build --platform linux/amd64 -t acme/monitor:single --push .",
    "build-loaded": "docker buildx build --platform linux/amd64,linux/arm64 -t acme/monitor:loaded --push --load .",
    "quick-run-nightly": "docker run --rm -p 3001:3001 acme/monitor:nightly3"
  }
}
""",
    "docker/base.dockerfile": "FROM node:22-bookworm-slim AS base3\n",
    "docker/app.dockerfile": (
        "FROM acme/monitor:base3 AS release\n"
        "FROM acme/monitor:single AS single\n"
        "FROM acme/monitor:loaded AS loaded\n"
        "FROM release AS nightly\n"
    ),
}


def test_a_multi_platform_build_that_pushes_publishes_its_image_for_other_builds_to_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`docker buildx build --platform a,b --push` keeps nothing in the local image store (a multi-platform build
    runs on a Buildx builder): the Dockerfile built `FROM acme/monitor:base3` pulls the published image. A plain
    `docker build -t`, a single-platform build and one that also `--load`s stay built here."""
    write_tree(tmp_path, SCRIPTED_TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    statuses = {(r["file"], r["line"], r["reference"]): r["status"] for r in records}
    assert statuses == {
        ("docker/base.dockerfile", 1, "node:22-bookworm-slim"): "public",
        ("docker/app.dockerfile", 1, "acme/monitor:base3"): "public",
        ("docker/app.dockerfile", 2, "acme/monitor:single"): "built-here",
        ("docker/app.dockerfile", 3, "acme/monitor:loaded"): "built-here",
        ("package.json", 8, "acme/monitor:nightly3"): "built-here",
    }
