"""`ecr-mirror discover` reads the make targets that a Makefile recipe, a CI step or a script runs with variables on
make's command line (`make e2e NODE=...`, which wins over every assignment of the Makefile but `override`) or in
its environment (`BASE=... $(MAKE) image`, which wins over `?=` only): the images that differ from the Makefile's own
reading are listed too, each use naming the calling line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

DOCKERFILE = """\
ARG BASEIMAGE=scratch
FROM golang:1.22 AS builder
RUN go build -o /app ./cmd
FROM ${BASEIMAGE}
COPY --from=builder /app /app
"""

RELEASE_MAKEFILE = """\
TAG ?= $(shell git describe --tags)
BASEIMAGE ?= scratch
ROOT ?= ./cmd

image:
\tdocker buildx build --build-arg ROOT=$(ROOT) \\
\t\t--build-arg BASEIMAGE="$(BASEIMAGE)" \\
\t\t-t example/app:$(TAG) -f Dockerfile .

publish:
\tTAG=$(TAG) $(MAKE) image
\tTAG=$(TAG)-ubi BASEIMAGE=registry.access.redhat.com/ubi9-micro:latest $(MAKE) image
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str, str]]:
    return {(r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in records}


def test_an_environment_prefix_of_a_recursive_make_reaches_the_dockerfile_it_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": RELEASE_MAKEFILE, "Dockerfile": DOCKERFILE}, tmp_path, capsys)
    seen = {item for item in _seen(records) if item[0] == "Dockerfile"}
    assert seen == {
        ("Dockerfile", 2, "FROM", "golang:1.22", "public"),
        (
            "Dockerfile",
            4,
            "FROM (built by Makefile:6) (with the variables of Makefile:12)",
            "registry.access.redhat.com/ubi9-micro:latest",
            "public",
        ),
    }


def test_a_dockerfile_a_recipe_writes_with_sed_is_its_source_for_the_build_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # kubebuilder's `docker-buildx` target edits the Dockerfile's FROM lines into `Dockerfile.cross` and builds that
    makefile = RELEASE_MAKEFILE.replace(
        "image:\n",
        "image:\n\tsed -e '1 s/\\(^FROM\\)/FROM --platform=\\$$\\{BUILDPLATFORM\\}/; t' "
        "Dockerfile > Dockerfile.cross\n",
    ).replace("-f Dockerfile .", "-f Dockerfile.cross .")
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": makefile, "Dockerfile": DOCKERFILE}, tmp_path, capsys)
    assert (
        "Dockerfile",
        4,
        "FROM (built by Makefile:7) (with the variables of Makefile:13)",
        "registry.access.redhat.com/ubi9-micro:latest",
        "public",
    ) in _seen(records)


E2E_MAKEFILE = """\
KIND_NODE := kindest/node:v1.31.0
override SIDECAR = busybox:1.36

e2e: cluster
\tdocker run --rm $(SIDECAR) true

cluster:
\tkind create cluster --image $(KIND_NODE)

debug:
\tdocker run --rm -it $(KIND_NODE) sh
"""

E2E_WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make e2e KIND_NODE=kindest/node:v1.30.4 SIDECAR=busybox:1.37
      - run: make e2e KIND_NODE=${{ inputs.node }}
"""


def test_a_command_line_variable_of_a_ci_step_wins_over_the_makefile_s_assignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"Makefile": E2E_MAKEFILE, ".github/workflows/e2e.yml": E2E_WORKFLOW}
    seen = {item for item in _seen(tree_records(tree, tmp_path, capsys)) if item[0] == "Makefile"}
    assert seen == {
        ("Makefile", 5, "docker run", "busybox:1.36", "public"),  # `override` wins over the command line
        ("Makefile", 8, "kind create cluster", "kindest/node:v1.31.0", "public"),
        (
            "Makefile",
            8,
            "kind create cluster (with the variables of .github/workflows/e2e.yml:8)",
            "kindest/node:v1.30.4",
            "public",
        ),
        ("Makefile", 11, "docker run", "kindest/node:v1.31.0", "public"),  # a target the step does not run
    }


DB_MAKEFILE = """\
DB_IMAGE ?= postgres:16
CACHE = redis:7.2

test-db:
\tdocker run -d --name db $(DB_IMAGE)

cache:
\tdocker run -d --name cache $(CACHE)
"""

DB_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
make -C deploy test-db DB_IMAGE=postgres:15
CACHE=redis:7.0 make -C deploy cache
DB_IMAGE=postgres:14 make -C deploy test-db
"""


def test_a_script_s_make_call_gives_its_variables_to_the_makefile_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"deploy/Makefile": DB_MAKEFILE, "hack/db.sh": DB_SCRIPT}
    seen = {item for item in _seen(tree_records(tree, tmp_path, capsys)) if item[0] == "deploy/Makefile"}
    assert seen == {
        ("deploy/Makefile", 5, "docker run", "postgres:16", "public"),
        ("deploy/Makefile", 5, "docker run (with the variables of hack/db.sh:3)", "postgres:15", "public"),
        ("deploy/Makefile", 5, "docker run (with the variables of hack/db.sh:5)", "postgres:14", "public"),
        ("deploy/Makefile", 8, "docker run", "redis:7.2", "public"),  # `CACHE = ...` wins over the environment
    }


OPERATOR_MAKEFILE = """\
IMG ?= controller:latest

docker-build:
\tdocker build -t $(IMG) .

run-local: docker-build
\tdocker run --rm $(IMG) --help
"""


def test_a_command_line_value_that_names_a_built_image_stays_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = E2E_WORKFLOW.replace(
        "      - run: make e2e KIND_NODE=kindest/node:v1.30.4 SIDECAR=busybox:1.37\n"
        "      - run: make e2e KIND_NODE=${{ inputs.node }}\n",
        "      - run: make docker-build run-local IMG=controller:dev\n",
    )
    monkeypatch.chdir(tmp_path)
    tree = {"Makefile": OPERATOR_MAKEFILE, "Dockerfile": "FROM alpine:3.20\n", ".github/workflows/e2e.yml": workflow}
    records = tree_records(tree, tmp_path, capsys)
    assert not [r for r in records if "controller:dev" in (r["reference"] or r["written"] or "")]
    assert ("Dockerfile", 1, "FROM", "alpine:3.20", "public") in _seen(records)
