"""`ecr-mirror discover` on a tree that builds its own published image: a build makes its image for the uses in its
own flow (the file that builds it, the files that file names or that name it, a compose service's project and the
Dockerfiles the project builds); elsewhere, a use of a published name (a namespace or a registry, and the `latest`
tag or a deployment to a cluster) pulls the image the project publishes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

PUBLISHED_TREE = {
    "Dockerfile": "FROM golang:1.23-alpine\n",
    "Makefile": (
        "VERSION ?= dev\n\n"
        "docker-build:\n\tdocker build -t acme/gateway .\n\n"
        "e2e: docker-build\n\tdocker compose -f test/e2e/compose.yaml up -d\n"
        "\tdocker run --rm acme/gateway:latest check\n"
    ),
    # the examples users copy pull the published image, whatever the Makefile builds for its own targets
    "examples/quickstart/compose.yaml": "services:\n  gateway:\n    image: acme/gateway:latest\n",
    "docker/plugins/Dockerfile": "FROM acme/gateway\nCOPY plugins /plugins\n",
    # the Makefile's e2e target runs this file after building the image: its own flow
    "test/e2e/compose.yaml": "services:\n  gateway:\n    image: acme/gateway:latest\n  db:\n    image: postgres:17\n",
    # a compose service builds the server; its Kubernetes manifests and the script's kind cluster elsewhere
    "server/Dockerfile": "FROM alpine:3.21\n",
    "compose.yaml": "services:\n  server:\n    build: server\n    image: ghcr.io/acme/server:2.4.1\n",
    "deploy/kubernetes/server.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: server\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: server\n          image: ghcr.io/acme/server:2.4.1\n"
    ),
    "hack/kind-load.sh": (
        "#!/bin/sh\nset -e\ndocker build -t ghcr.io/acme/server:main server\n"
        "kind load docker-image ghcr.io/acme/server:main\nkubectl apply -f deploy/dev/server.yaml\n"
    ),
    # the script that builds and loads the image applies this manifest: its own flow
    "deploy/dev/server.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: server\nspec:\n"
        "  containers:\n    - name: server\n      image: ghcr.io/acme/server:main\n"
    ),
    # a released manifest elsewhere pulls the tag CI publishes
    "examples/release/server.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: server\nspec:\n"
        "  containers:\n    - name: server\n      image: ghcr.io/acme/server:main\n"
    ),
}


def _by_status(records: list[dict[str, Any]], status: str) -> set[tuple[str, str]]:
    return {(r["file"], r["reference"]) for r in records if r["status"] == status}


def test_a_published_name_is_pulled_outside_the_flow_that_builds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(PUBLISHED_TREE, tmp_path, capsys)
    public = _by_status(records, "public")
    assert ("examples/quickstart/compose.yaml", "acme/gateway:latest") in public
    assert ("docker/plugins/Dockerfile", "acme/gateway:latest") in public
    assert ("deploy/kubernetes/server.yaml", "ghcr.io/acme/server:2.4.1") in public
    assert ("examples/release/server.yaml", "ghcr.io/acme/server:main") in public
    built = {(r["file"], r["reference"], r["reason"]) for r in records if r["status"] == "built-here"}
    assert built == {
        ("Makefile", "acme/gateway:latest", "built in this tree: docker build -t at Makefile:4"),
        ("test/e2e/compose.yaml", "acme/gateway:latest", "built in this tree: docker build -t at Makefile:4"),
        (
            "deploy/dev/server.yaml",
            "ghcr.io/acme/server:main",
            "built in this tree: docker build -t at hack/kind-load.sh:3",
        ),
    }


FLOW_TREE = {
    # a compose project: one service builds the base, another builds a Dockerfile FROM it
    "stack/compose.yaml": (
        "services:\n  base:\n    build:\n      context: base\n    image: acme/base:latest\n"
        "  app:\n    build: app\n    depends_on: [base]\n"
    ),
    "stack/base/Dockerfile": "FROM debian:12-slim\n",
    "stack/app/Dockerfile": "FROM acme/base:latest\nCOPY . /app\n",
    "stack/compose.override.yaml": "services:\n  worker:\n    image: acme/base:latest\n",
    # a workflow job that builds and runs the image
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: docker build -t acme/cli:latest -f tools/cli/Dockerfile .\n"
        "      - run: docker run --rm acme/cli:latest --version\n"
    ),
    "tools/cli/Dockerfile": "FROM python:3.13-slim\n",
    # a script that runs the build script, then the image
    "scripts/build.sh": "#!/bin/sh\ndocker build -t acme/tool:latest tools\n",
    "scripts/check.sh": "#!/bin/sh\n./scripts/build.sh\ndocker run --rm acme/tool:latest lint\n",
    "tools/Dockerfile": "FROM alpine:3.21\n",
    # names without a namespace and tags of a local build stay local everywhere
    "Makefile": "fixtures:\n\tdocker build -t web-fixture test/web\n\tdocker build -t acme/proxy:test .\n",
    "test/web/Dockerfile": "FROM nginx:1.27-alpine\n",
    "Dockerfile": "FROM nginx:1.27\n",
    "test/compose.yaml": ("services:\n  web:\n    image: web-fixture\n  proxy:\n    image: acme/proxy:test\n"),
}


def test_uses_in_the_flow_of_a_build_and_local_names_stay_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(FLOW_TREE, tmp_path, capsys)
    assert sorted({r["reference"] for r in records if r["status"] == "public"}) == [
        "alpine:3.21",
        "debian:12-slim",
        "nginx:1.27",
        "nginx:1.27-alpine",
        "python:3.13-slim",
    ]
    assert {(file, ref) for file, ref in _by_status(records, "built-here")} == {
        ("stack/app/Dockerfile", "acme/base:latest"),
        ("stack/compose.override.yaml", "acme/base:latest"),
        (".github/workflows/ci.yml", "acme/cli:latest"),
        ("scripts/check.sh", "acme/tool:latest"),
        ("test/compose.yaml", "web-fixture:latest"),
        ("test/compose.yaml", "acme/proxy:test"),
    }
