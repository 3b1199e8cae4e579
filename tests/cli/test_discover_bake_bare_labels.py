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
