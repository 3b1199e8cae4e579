"""`ecr-mirror discover` on a workflow that builds one image per platform with docker/build-push-action, pushes
each under its own tag, then joins them into one multi-platform index with `docker buildx imagetools create`: the
sources of the index are the images the workflow has just pushed, not images it pulls from elsewhere. Shaped after
a proxy's release workflow (`latest-amd64`, `latest-arm64` joined as `latest`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """on:
  push:
    tags: ['v*']
env:
  REPO: acme/proxy
jobs:
  amd64:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          push: true
          platforms: linux/amd64
          tags: |
            ${{ env.REPO }}:latest-amd64
  arm64:
    runs-on: ubuntu-24.04-arm
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          push: true
          platforms: linux/arm64
          tags: ${{ env.REPO }}:latest-arm64
  manifest:
    needs: [amd64, arm64]
    runs-on: ubuntu-latest
    steps:
      - run: |
          docker buildx imagetools create \\
            --tag "${REPO}:latest" \\
            "${REPO}:latest-amd64" \\
            "${REPO}:latest-arm64"
      - run: docker buildx imagetools create --tag acme/tools:1 alpine:3.20
"""


def test_the_sources_of_an_index_the_workflow_pushed_itself_are_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/docker-image.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    statuses = {(r["reference"], r["status"]) for r in records if r["use"].startswith("docker buildx imagetools")}
    assert ("alpine:3.20", "public") in statuses
    assert not {status for reference, status in statuses if str(reference).startswith("acme/proxy:")} & {"public"}
    assert {reference for reference, _ in statuses} >= {"acme/proxy:latest-amd64", "acme/proxy:latest-arm64"}
