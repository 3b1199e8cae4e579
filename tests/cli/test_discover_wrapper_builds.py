"""A script of the tree that builds its caller's argument: the compose file that tests the image uses what the CI
step built through the script, not an image to pull."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "build-bin/docker/docker_build": (
        "#!/bin/sh\nset -ue\ndocker_tag=${1?full docker_tag is required}\ndocker build --pull --tag ${docker_tag} .\n"
    ),
    ".github/workflows/test.yml": (
        "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: build-bin/docker/docker_build acme/server:test\n"
        "      - run: build-bin/docker/docker_build ${DOCKER_TAG}\n        env:\n          DOCKER_TAG: acme/ui:test\n"
    ),
    "build-bin/docker-compose-server.yml": (
        "services:\n  server:\n    image: acme/server:test\n  ui:\n    image: acme/ui:test\n"
        "  sut:\n    image: alpine:3.21\n"
    ),
    "Dockerfile": "FROM eclipse-temurin:21-jre\n",
}


def test_names_passed_to_a_building_script_are_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert sorted((r["reference"], r["status"]) for r in records) == [
        ("acme/server:test", "built-here"),
        ("acme/ui:test", "built-here"),
        ("alpine:3.21", "public"),
        ("eclipse-temurin:21-jre", "public"),
    ]
