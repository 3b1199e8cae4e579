"""Bake files of other names (given to `docker buildx bake -f FILE`), recognised by their `target` blocks: each read
alone, its targets' contexts relative to the directory bake runs in (the file's, or one above it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

# Run from the repository's top as `docker buildx bake -f ci/images.hcl`: contexts are relative to the top.
TREE = {
    "ci/images.hcl": (
        "# docker buildx bake -f ci/images.hcl\n"
        'variable "ORG" {\n  default = "acme"\n}\nvariable "VERSION" {\n  default = "dev"\n}\n'
        'function "tags" {\n  params = [name]\n'
        '  result = [notequal("release", VERSION) ? "${ORG}/${name}:${VERSION}" : "", "${ORG}/${name}:latest"]\n}\n'
        'group "default" {\n  targets = ["api", "web"]\n}\n'
        'target "base" {\n  context = "images/base/"\n}\n'
        'target "api" {\n  context = "images/api/"\n  contexts = {\n    base = "target:base"\n  }\n'
        '  tags = tags("api")\n}\n'
        'target "web" {\n  context = "images/web/"\n  contexts = {\n    base = "target:base"\n  }\n'
        '  tags = tags("web")\n}\n'
    ),
    # another file of the same directory, for CI: not merged with the first (bake reads only the files given)
    "ci/images-ci.hcl": (
        'variable "ORG" {\n  default = "ghcr.io/acme"\n}\n'
        'target "api" {\n  context = "images/api/"\n'
        '  contexts = {\n    base = "docker-image://${ORG}/base:edge"\n  }\n  tags = ["${ORG}/api:edge"]\n}\n'
    ),
    "images/base/Dockerfile": "FROM alpine:3.21\n",
    "images/api/Dockerfile": "FROM base\nCOPY --from=base /etc/os-release /\n",
    "images/web/Dockerfile": "FROM base\n",
    "tests/compose.yaml": (
        "services:\n  api:\n    image: ${ORG:-acme}/api:${VERSION:-dev}\n  web:\n    image: acme/web:dev\n"
        "  db:\n    image: postgres:17\n"
    ),
    # not bake: a Packer template (read as one: its docker builder's base image) and a plain HCL settings file
    "packer/build.pkr.hcl": 'source "docker" "x" {\n  image = "ubuntu:24.04"\n}\n',
    "settings.hcl": 'target = "production"\n',
}


def _discover_json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return records


def test_a_bake_file_of_another_name_is_read_with_contexts_from_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    records = _discover_json(capsys)
    public = sorted({(r["reference"], r["file"]) for r in records if r["status"] == "public"})
    assert public == [
        ("alpine:3.21", "images/base/Dockerfile"),
        ("ghcr.io/acme/base:edge", "ci/images-ci.hcl"),  # the CI file's named context is an image
        ("postgres:17", "tests/compose.yaml"),
        ("ubuntu:24.04", "packer/build.pkr.hcl"),  # Packer's docker builder pulls it, no bake file names it
    ]
    assert {r["kind"] for r in records if r["file"] == "packer/build.pkr.hcl"} == {"Packer template"}
    # `FROM base` and `COPY --from=base` name the target's named context, not an image `base:latest`
    assert not any(r["written"] == "base" for r in records)
    # the tags the function makes are built here, and the compose file's services use them
    assert sorted((r["reference"], r["status"]) for r in records if r["file"] == "tests/compose.yaml") == [
        ("acme/api:dev", "built-here"),
        ("acme/web:dev", "built-here"),
        ("postgres:17", "public"),
    ]
