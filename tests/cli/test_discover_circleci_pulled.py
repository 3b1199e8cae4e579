"""`ecr-mirror discover`: the images of a CircleCI job's `docker:` executor are pulled by CircleCI before the job's
first step, so an image a workflow of the tree builds and publishes under that name is still listed there, while
a script that runs the name after building it uses what it built."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    ".github/workflows/ci-image.yml": (
        "on: push\n"
        "jobs:\n"
        "  publish:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: |\n"
        "          docker build . -f Dockerfile.ci --tag ghcr.io/acme/app-ci:latest\n"
        "          docker push ghcr.io/acme/app-ci:latest\n"
    ),
    ".circleci/config.yml": (
        "version: 2.1\n"
        "jobs:\n"
        "  test:\n"
        "    docker:\n"
        "      - image: ghcr.io/acme/app-ci:latest\n"
        "      - image: postgres:14\n"
        "    steps:\n"
        "      - checkout\n"
    ),
    # a Makefile target that builds the image first runs what it built (the flow of its own build)
    "Makefile": (
        "smoke:\n\tdocker build -f Dockerfile.ci -t ghcr.io/acme/app-ci:latest .\n"
        "\tdocker run --rm ghcr.io/acme/app-ci:latest cargo --version\n"
    ),
}


def test_a_circleci_executor_image_is_pulled_whatever_the_tree_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    uses = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert (".circleci/config.yml", 5, "ghcr.io/acme/app-ci:latest", "public") in uses
    assert (".circleci/config.yml", 6, "postgres:14", "public") in uses
    assert ("Makefile", 3, "ghcr.io/acme/app-ci:latest", "built-here") in uses
