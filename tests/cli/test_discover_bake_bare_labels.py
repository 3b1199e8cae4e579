"""Bake files whose block labels are bare identifiers (`target deps {`, as HCL allows and bake reads), of another
name than docker-bake.hcl (`docker buildx bake --file=docker/arm/arm.hcl arm`): recognised by those blocks as well,
so that a Dockerfile's `FROM deps` naming a `target:` context is not read as an image `deps:latest`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "docker/main/Dockerfile": (
        "ARG BASE=debian:12\nFROM ${BASE} AS deps\nRUN apt-get update\n"
        "FROM deps AS wheels\nRUN pip wheel .\nFROM scratch AS rootfs\nCOPY rootfs/ /\n"
    ),
    "docker/arm/arm.hcl": (
        'target wheels {\n  dockerfile = "docker/main/Dockerfile"\n  target = "wheels"\n}\n\n'
        'target deps {\n  dockerfile = "docker/main/Dockerfile"\n  target = "deps"\n}\n\n'
        'target rootfs {\n  dockerfile = "docker/main/Dockerfile"\n  target = "rootfs"\n}\n\n'
        'target arm {\n  dockerfile = "docker/arm/Dockerfile"\n  contexts = {\n'
        '    wheels = "target:wheels",\n    deps = "target:deps",\n    rootfs = "target:rootfs"\n  }\n}\n'
    ),
    "docker/arm/arm.mk": "arm:\n\tdocker buildx bake --file=docker/arm/arm.hcl arm\n",
    "docker/arm/Dockerfile": (
        "FROM wheels AS arm-wheels\nRUN ls /wheels\n"
        "FROM deps\nCOPY --from=arm-wheels /wheels /wheels\nCOPY --from=rootfs / /\n"
    ),
}


def _discover_json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return records


def test_bare_labelled_targets_make_their_contexts_no_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    records = _discover_json(capsys)
    public = sorted({r["reference"] for r in records if r["status"] == "public"})
    assert public == ["debian:12"]
    assert not [r for r in records if r["file"] == "docker/arm/Dockerfile"]


# `docker buildx bake --file=docker/gpu/gpu.hcl gpu` with `ARCH=arm64` from make's command line: bake takes a variable
# from the environment, so the target builds docker/gpu/Dockerfile.amd64 or docker/gpu/Dockerfile.arm64
VARIANTS = {
    "docker/main/Dockerfile": TREE["docker/main/Dockerfile"],
    "docker/gpu/gpu.hcl": (
        'variable "ARCH" {\n  default = "amd64"\n}\n'
        'target deps {\n  dockerfile = "docker/main/Dockerfile"\n  target = "deps"\n}\n'
        'target wheels {\n  dockerfile = "docker/main/Dockerfile"\n  target = "wheels"\n}\n'
        'target "gpu" {\n  dockerfile = "docker/gpu/Dockerfile.${ARCH}"\n  context = "."\n'
        '  contexts = {\n    deps = "target:deps",\n    wheels = "target:wheels"\n  }\n}\n'
    ),
    "docker/gpu/gpu.mk": "gpu-arm:\n\tARCH=arm64 docker buildx bake --file=docker/gpu/gpu.hcl gpu\n",
    "docker/gpu/Dockerfile.amd64": "FROM wheels AS w\nFROM deps\nCOPY --from=w /wheels /wheels\n",
    "docker/gpu/Dockerfile.arm64": (
        "ARG TRT_BASE=nvcr.io/nvidia/tensorrt:23.12-py3\nFROM ${TRT_BASE} AS trt\nFROM wheels AS w\n"
        "FROM deps\nCOPY --from=w /wheels /wheels\nCOPY --from=trt /usr/lib /usr/lib\n"
    ),
}


def test_the_dockerfiles_a_variable_of_the_target_may_name_see_its_contexts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, VARIANTS)
    monkeypatch.chdir(tmp_path)
    records = _discover_json(capsys)
    assert sorted({r["reference"] for r in records if r["status"] != "unresolved"}) == [
        "debian:12",
        "nvcr.io/nvidia/tensorrt:23.12-py3",
    ]
