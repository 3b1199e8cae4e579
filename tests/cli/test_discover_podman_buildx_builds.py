"""`podman buildx build` is Podman's alias of `podman build` (https://docs.podman.io/en/latest/markdown/
podman-build.1.html: `podman [buildx] build [options] [context]`): an image a Makefile builds with either names
the project's own image where the tree runs it, as `docker build` and `docker buildx build` do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records


def _makefile(build: str) -> str:
    head = "IMAGE_BUILDER ?= podman\nIMG ?= controller:latest\n\n"
    return head + f"image-build:\n\t{build} -t $(IMG) .\n\nrun:\n\tdocker run --rm $(IMG) --help\n"


@pytest.mark.parametrize(
    "build",
    [
        "podman buildx build",
        "$(IMAGE_BUILDER) buildx build",  # the engine a variable of the Makefile names (`IMAGE_BUILDER ?= podman`)
        "podman build",
        "docker buildx build",
        "docker build",
    ],
)
def test_an_image_podman_builds_is_the_project_s_own(
    build: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": _makefile(build), "Dockerfile": "FROM alpine:3.20\n"}, tmp_path, capsys)
    assert [(r["reference"], r["status"]) for r in records if r["status"] == "public"] == [("alpine:3.20", "public")]


def test_podman_buildx_build_passes_its_build_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    makefile = "image-build:\n\tpodman buildx build --build-arg BASE=alpine:3.21 -t controller:dev .\n"
    dockerfile = "ARG BASE=alpine:3.20\nFROM ${BASE}\n"
    records = tree_records({"Makefile": makefile, "Dockerfile": dockerfile}, tmp_path, capsys)
    assert "alpine:3.21" in {r["reference"] for r in records}
