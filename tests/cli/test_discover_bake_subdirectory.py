"""A default-named bake file in a subdirectory run from the repository's top (`docker buildx bake -f
docker/docker-bake.hcl`): its targets' contexts are relative to the top, and the Dockerfiles they name are read
with the target's `args` (a variable's default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "docker/docker-bake.hcl": (
        'variable "BASE_TAG" {\n  default = "3.22.1"\n}\n'
        'group "default" {\n  targets = ["server"]\n}\n'
        'target "server" {\n  context = "docker"\n  dockerfile = "targets/server.Dockerfile"\n'
        '  args = {\n    BASE_TAG = "${BASE_TAG}"\n  }\n  tags = ["example/server:dev"]\n}\n'
    ),
    "docker/targets/server.Dockerfile": "ARG BASE_TAG\n\nFROM alpine:${BASE_TAG}\nRUN apk add --no-cache tzdata\n",
    ".github/workflows/images.yml": (
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: docker buildx bake -f docker/docker-bake.hcl server\n"
    ),
}


def test_contexts_of_a_default_named_bake_file_in_a_subdirectory_from_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = sorted({(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"})
    assert public == [("alpine:3.22.1", "docker/targets/server.Dockerfile", 3)]
