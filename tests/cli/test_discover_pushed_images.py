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
