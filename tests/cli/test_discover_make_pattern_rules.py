"""A make target matched by a pattern rule (`e2e/%:`), whose recipe reads the stem as `$*` (`kind create cluster
--image=kindest/node:$*`): the images a call of a CI job's matrix (`make e2e/${{ matrix.k8s-version }}`) or of a
script (`make e2e/v1.29.2`) makes, at the recipe's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

MAKEFILE = """\
IMG ?= ghcr.io/acme/operator:dev

docker-build:
\tdocker build -t $(IMG) .

# Running e2e tests in a kind cluster
.PHONY: e2e
e2e/%: docker-build
\tkind create cluster --name acme --image=kindest/node:$*
\tkind load docker-image --name acme $(IMG)
\tgo test ./e2e/... -v

%.o: %.c
\tcc -c $< -o $@
"""
WORKFLOW = """\
name: e2e
on: [push]
jobs:
  kind:
    strategy:
      matrix:
        k8s-version: ['v1.28.7', 'v1.29.2']
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - name: e2e testing
        run: make e2e/${{ matrix.k8s-version }}
"""
TREE = {
    "Makefile": MAKEFILE,
    "Dockerfile": "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\n",
    ".github/workflows/e2e.yml": WORKFLOW,
    "hack/e2e-latest.sh": "#!/bin/sh\nset -e\nmake -C .. e2e/v1.30.0\nmake main.o\n",
}


def test_a_pattern_rule_reached_with_a_stem_pulls_the_images_the_stem_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    nodes = sorted((r["reference"], r["file"], r["line"]) for r in records if "kindest" in (r["reference"] or ""))
    assert nodes == [
        ("kindest/node:v1.28.7", "Makefile", 9),
        ("kindest/node:v1.29.2", "Makefile", 9),
        ("kindest/node:v1.30.0", "Makefile", 9),
    ]
    uses = {r["use"] for r in records if r["reference"] == "kindest/node:v1.30.0"}
    assert any("hack/e2e-latest.sh:3" in use for use in uses)
