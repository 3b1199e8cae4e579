"""`ecr-mirror discover` substitutes a Dockerfile's `${NAME/pattern/replacement}`, `${NAME#pattern}` and
`${NAME%pattern}` as BuildKit does (https://docs.docker.com/reference/dockerfile/#environment-replacement): an ARG
redeclared to swap a tag for a digest names the digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

PINNED = """\
ARG DEBIAN_VERSION=bookworm
ARG DEBIAN_FLAVOR=${DEBIAN_VERSION}-slim
ARG BOOKWORM_DIGEST=sha256:1111111111111111111111111111111111111111111111111111111111111111
ARG BULLSEYE_DIGEST=sha256:2222222222222222222222222222222222222222222222222222222222222222
ARG BASE=debian:${DEBIAN_FLAVOR}
ARG BASE=${BASE/debian:bookworm-slim/debian@$BOOKWORM_DIGEST}
ARG BASE=${BASE/debian:bullseye-slim/debian@$BULLSEYE_DIGEST}

FROM $BASE AS runtime
RUN apt-get update
"""


def test_a_replaced_tag_names_the_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Dockerfile": PINNED}, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        (
            "Dockerfile",
            9,
            "debian@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "public",
        )
    ]


TRIMMED = """\
ARG FULL=python:3.12.4-slim
ARG PLAIN=${FULL%-slim}
ARG ALL=${FULL//3/4}
ARG REGISTRY_IMAGE=docker.io/library/${FULL#*/}
FROM ${PLAIN}
FROM ${FULL%%.*}
FROM ${ALL}
FROM ${REGISTRY_IMAGE##*/library/}
"""


def test_trimming_and_replacing_every_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Dockerfile": TRIMMED}, tmp_path, monkeypatch, capsys)
    assert sorted((row[1], row[4], row[5]) for row in rows) == [
        (5, "python:3.12.4", "public"),
        (6, "python:3", "public"),
        (7, "python:4.12.4-slim", "public"),
        (8, "python:3.12.4-slim", "public"),
    ]


UNKNOWN = """\
ARG BASE
ARG PINNED=${BASE/debian:bookworm-slim/debian@sha256:1111111111111111111111111111111111111111111111111111111111111111}
FROM $PINNED
"""


def test_a_substitution_of_a_variable_without_a_value_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Dockerfile": UNKNOWN}, tmp_path, monkeypatch, capsys)
    assert [(row[1], row[4], row[5]) for row in rows] == [(3, None, "unresolved")]


COMPOSE = """\
services:
  db:
    image: ${IMAGE/postgres/mysql}
"""


def test_compose_does_not_read_the_pattern_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"compose.yaml": COMPOSE, ".env": "IMAGE=postgres:16\n"}, tmp_path, monkeypatch, capsys)
    assert [(row[1], row[4], row[5]) for row in rows] == [(3, None, "unresolved")]
