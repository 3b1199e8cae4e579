"""The Dockerfiles a Skaffold config of the tree builds are read even in the `testdata/` of a Go module that imports
a Dockerfile parser: a `skaffold.yaml` beside them makes them what an integration suite builds with `skaffold run`
(a docker or kaniko artifact's `context`, default `.`, and its `dockerfile`, default `Dockerfile`:
https://skaffold.dev/docs/builders/builder-types/docker/), not a parser's inputs. A Dockerfile no config builds
there (beside a jib artifact's context, or with no config at all) stays skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.discover_walk import walk_paths
from tests.support.trees import discover_records, write_tree

_PARSER = (
    'package docker\n\nimport (\n\t"github.com/moby/buildkit/frontend/dockerfile/parser"\n)\n\nvar _ = parser.Parse\n'
)

TREE = {
    "go.mod": "module example.com/builder\n\ngo 1.24\n",
    "pkg/docker/parse.go": _PARSER,
    "pkg/docker/testdata/Dockerfile": "FROM ubuntu:14.04\n",
    "integration/testdata/hello/skaffold.yaml": (
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: hello\n"
    ),
    "integration/testdata/hello/Dockerfile": (
        "ARG BASE_PREFIX=mirror.gcr.io/library/\nFROM ${BASE_PREFIX}golang:1.15-alpine as builder\n"
    ),
    "integration/testdata/multi/skaffold.yaml": (
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n"
        "  - image: web\n    context: web\n    docker:\n      dockerfile: Dockerfile.dev\n"
        "  - image: worker\n    context: worker\n    kaniko: {}\n"
        "  - image: jvm\n    context: jvm\n    jib: {}\n"
        "profiles:\n- name: alt\n  build:\n    artifacts:\n    - image: alt\n      context: alt\n"
    ),
    "integration/testdata/multi/web/Dockerfile.dev": "FROM node:14.9-alpine\n",
    "integration/testdata/multi/web/Dockerfile": "FROM node:0.10\n",
    "integration/testdata/multi/worker/Dockerfile": "FROM registry:2\n",
    "integration/testdata/multi/jvm/Dockerfile": "FROM openjdk:6\n",
    "integration/testdata/multi/alt/Dockerfile": "FROM python:3.9-alpine\n",
}


def test_the_dockerfiles_a_skaffold_config_builds_in_testdata_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted(
        (Path(r["file"]).resolve().relative_to(tmp_path.resolve()).as_posix(), r["line"], r["reference"], r["status"])
        for r in records
        if r["kind"] == "Dockerfile"
    )
    assert got == [
        ("integration/testdata/hello/Dockerfile", 2, "mirror.gcr.io/library/golang:1.15-alpine", "public"),
        ("integration/testdata/multi/alt/Dockerfile", 1, "python:3.9-alpine", "public"),
        ("integration/testdata/multi/web/Dockerfile.dev", 1, "node:14.9-alpine", "public"),
        ("integration/testdata/multi/worker/Dockerfile", 1, "registry:2", "public"),
    ]


def test_a_dockerfile_no_skaffold_config_builds_stays_a_parser_input(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    [(why, skipped)] = walk_paths([str(tmp_path)], []).skipped.items()
    assert "Dockerfile parser" in why
    assert sorted(Path(path).relative_to(tmp_path).as_posix() for path in skipped) == [
        "integration/testdata/multi/jvm/Dockerfile",
        "integration/testdata/multi/web/Dockerfile",
        "pkg/docker/testdata/Dockerfile",
    ]
