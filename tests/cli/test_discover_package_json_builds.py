"""A package.json's scripts build images too: `"docker:tbuild": "docker build -t acme/account ."`, and a call of a
script of the tree that builds its argument, written from the package's own directory (npm runs a package's scripts
there, https://docs.npmjs.com/cli/v10/using-npm/scripts#current-working-directory): `"docker:build":
"../../common/scripts/docker_build.sh acme/front:dev"`. The compose files that run those names use what the monorepo's
build made, not images to pull (a name the project also publishes, `:latest`, only where the build is in the use's
flow, as for any build: build_flows.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.trees import tree_records


def _package(name: str, scripts: dict[str, str]) -> str:
    return json.dumps({"name": name, "version": "0.7.0", "scripts": scripts}, indent=2) + "\n"


TREE = {
    "common/scripts/docker_build.sh": (
        "#!/usr/bin/env bash\nversion=${DOCKER_VERSION:-$(git rev-parse HEAD)}\n"
        'docker build -t "$1" -t "$1:$version" ${DOCKER_EXTRA} .\n'
    ),
    "pods/account/package.json": _package(
        "@acme/pod-account",
        {
            "build": "tsc",
            "docker:tbuild": "docker build -t acme/account:dev . --platform=linux/amd64",
        },
    ),
    "pods/account/Dockerfile": "FROM acme/base-slim:v20250916\nCOPY bundle.js ./\n",
    "pods/front/package.json": _package(
        "@acme/pod-front", {"docker:build": "../../common/scripts/docker_build.sh acme/front:dev"}
    ),
    "pods/front/Dockerfile": "FROM acme/base-slim:v20250916\nCOPY dist ./dist\n",
    "pods/elsewhere/package.json": _package(
        "@acme/pod-elsewhere", {"docker:build": "../common/scripts/docker_build.sh acme/elsewhere:dev"}
    ),
    "dev/docker-compose.yaml": (
        "services:\n  account:\n    image: acme/account:dev\n  front:\n    image: acme/front:dev\n"
        "  elsewhere:\n    image: acme/elsewhere:dev\n  mongodb:\n    image: mongo:7-jammy\n"
    ),
}


def test_package_json_builds_and_builder_calls_from_the_package_directory_are_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    statuses = {(r["reference"], r["status"]) for r in records if r["file"] == "dev/docker-compose.yaml"}
    assert statuses == {
        ("acme/account:dev", "built-here"),
        ("acme/front:dev", "built-here"),
        # `../common/scripts/...` from pods/elsewhere is pods/common/scripts/...: no script of the tree
        ("acme/elsewhere:dev", "public"),
        ("mongo:7-jammy", "public"),
    }
