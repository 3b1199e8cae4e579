"""`discover` reads a build's named context given an image, `--build-context NAME=docker-image://IMAGE`: BuildKit
takes IMAGE where the Dockerfile names NAME (https://docs.docker.com/reference/cli/docker/buildx/build/#build-context),
so IMAGE is pulled, at the option's line, and NAME, written so in a Dockerfile of the tree, is no image of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BUILD = """\
#!/bin/sh
set -e
docker buildx build \\
  -t "localrepo:v1" -o "type=oci,dest=v1.tar" \\
  --build-context localrepo:base=docker-image://busybox:1.37 \\
  -f "Dockerfile.v1" .
"""

DOCKERFILE = "# syntax=docker/dockerfile:1.4\nFROM localrepo:base\nRUN echo hi\n"


def _rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str | None, str]]:
    return {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }


def test_an_image_given_as_a_named_context_is_pulled_in_place_of_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"testdata/build.sh": BUILD, "testdata/Dockerfile.v1": DOCKERFILE})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert ("testdata/build.sh", 5, "busybox:1.37", "public") in rows
    assert ("testdata/Dockerfile.v1", 1, "docker/dockerfile:1.4", "public") in rows
    assert all(reference != "localrepo:base" for _, _, reference, _ in rows)


def test_a_context_given_a_directory_pulls_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build = BUILD.replace("docker-image://busybox:1.37", "./base")
    write_tree(tmp_path, {"testdata/build.sh": build, "testdata/Dockerfile.v1": DOCKERFILE})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert {reference for _, _, reference, _ in rows} == {"docker/dockerfile:1.4"}
