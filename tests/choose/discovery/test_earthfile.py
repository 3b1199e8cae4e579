"""Earthfiles: the images Earthly pulls for a target's FROM, `WITH DOCKER --pull` and the `docker run` of its RUN
lines, with the ARG values of the target's defaults and of the calls of the same file."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

EARTHFILE = """\
VERSION 0.8
ARG --global REGISTRY=quay.io/acme

ci:
    BUILD --build-arg REDIS=7.2 --build-arg REDIS=7.4 +redis-test
    BUILD +db-test --PG=16-alpine --PG=17-alpine

deps:
    ARG GO_VERSION=1.23
    FROM golang:${GO_VERSION}-bookworm
    RUN go mod download

redis-test:
    FROM +deps
    ARG REDIS="6.2"
    WITH DOCKER \\
        --pull "redis:$REDIS" --platform linux/amd64
        RUN docker run -d --name cache -p 6379:6379 "redis:$REDIS" && go test ./...
    END

db-test:
    FROM earthly/dind:alpine-3.20
    ARG PG=15
    WITH DOCKER --load app:test=+image
        RUN docker run --rm -d postgres:$PG && docker run --rm app:test
    END

image:
    FROM $REGISTRY/runtime:2.1
    SAVE IMAGE app:test
"""


def _references(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in images_in(Kind.EARTHFILE, text, "Earthfile")]


def test_an_earthfile_is_known_by_its_name() -> None:
    assert kind_of("Earthfile") is Kind.EARTHFILE
    assert kind_of("services/api/Earthfile") is Kind.EARTHFILE
    assert kind_of("Earthfile.md") is None


def test_each_target_is_read_with_its_defaults_and_with_the_values_its_callers_give() -> None:
    found = images_in(Kind.EARTHFILE, EARTHFILE, "Earthfile")
    pulled = {(item.text, item.use) for item in found if item.problem is None}
    assert pulled == {
        ("golang:1.23-bookworm", "FROM"),
        ("redis:6.2", "WITH DOCKER --pull"),  # `earthly +redis-test` alone
        ("redis:7.2", "WITH DOCKER --pull"),
        ("redis:7.4", "WITH DOCKER --pull"),
        ("redis:6.2", "docker run"),
        ("redis:7.2", "docker run"),
        ("redis:7.4", "docker run"),
        ("earthly/dind:alpine-3.20", "FROM"),
        ("postgres:15", "docker run"),
        ("postgres:16-alpine", "docker run"),
        ("postgres:17-alpine", "docker run"),
        ("quay.io/acme/runtime:2.1", "FROM"),  # a global ARG of the base recipe
    }
    assert all(item.kind == "Earthfile" for item in found)
    assert all(item.problem is None for item in found)


def test_lines_are_those_of_the_commands() -> None:
    lines = {(text, line) for text, line, _ in _references(EARTHFILE)}
    assert ("golang:1.23-bookworm", 10) in lines
    assert ("redis:7.4", 16) in lines  # the WITH DOCKER line, its --pull on the continuation
    assert ("redis:7.4", 18) in lines  # the docker run of the RUN line
    assert ("quay.io/acme/runtime:2.1", 29) in lines


def test_target_references_and_images_the_file_builds_are_not_pulled() -> None:
    texts = {text for text, _, _ in _references(EARTHFILE)}
    assert not any(text.startswith("+") or "+" in text for text in texts)
    assert "app:test" not in texts  # loaded from +image, saved by SAVE IMAGE


def test_an_arg_without_a_value_and_a_builtin_arg_are_unresolved_naming_them() -> None:
    text = """\
VERSION 0.7
build:
    ARG BASE
    FROM $BASE
    FROM ./tools+toolchain
    FROM DOCKERFILE -f Dockerfile.ci .
    FROM github.com/acme/lib:v1.2+builder
    FROM --platform=linux/arm64 alpine:3.20
test:
    ARG VERSION=$(cat VERSION)
    FROM ghcr.io/acme/tool:$VERSION
    FROM node:20-${TARGETARCH}
"""
    assert _references(text) == [
        ("$BASE", 4, "ARG BASE has no default value (given with --BASE=... when the target is run)"),
        ("alpine:3.20", 8, None),
        (
            "ghcr.io/acme/tool:$VERSION",
            11,
            "ARG VERSION has no default value (given with --VERSION=... when the target is run)",
        ),
        ("node:20-${TARGETARCH}", 12, "$TARGETARCH is set by Earthly when it runs"),
    ]


def test_values_reach_a_function_and_a_target_through_its_callers_args() -> None:
    text = """\
VERSION 0.8
all:
    ARG MARIADB=11.4
    BUILD +integration --DB_IMAGE=mariadb:$MARIADB

integration:
    ARG DB_IMAGE=mysql:8.4
    FROM alpine:3.20
    DO +START_DB --IMAGE=$DB_IMAGE

START_DB:
    FUNCTION
    ARG IMAGE
    WITH DOCKER --pull=$IMAGE
        RUN docker run -d $IMAGE
    END
"""
    pulled = {(text_, line) for text_, line, problem in _references(text) if problem is None}
    assert pulled == {
        ("alpine:3.20", 8),
        ("mysql:8.4", 14),
        ("mariadb:11.4", 14),
        ("mysql:8.4", 15),
        ("mariadb:11.4", 15),
    }


def test_a_callers_overrides_reach_the_targets_its_target_references_in_the_same_file() -> None:
    # https://docs.earthly.dev/docs/guides/build-args: "Arg overrides within the same Earthfile are passed
    # automatically to each other": `+all` gives `+test` two BASE values, and `+test`'s `FROM +base` builds `+base`
    # with each of them; a value the reference gives itself wins, and a function's ARGs are not overridden.
    text = """\
VERSION 0.6
all:
    BUILD \\
        --build-arg BASE=1.16-alpine \\
        --build-arg BASE=1.17-alpine \\
        +test

base:
    ARG BASE=1.15-alpine
    FROM hexpm/elixir:$BASE

test:
    FROM +base
    BUILD +pinned --BASE=1.14-alpine
    DO +SETUP

pinned:
    ARG BASE=1.13-alpine
    FROM erlang:$BASE

SETUP:
    FUNCTION
    ARG BASE=3.20
    FROM alpine:$BASE
"""
    assert sorted(item for item in _references(text) if item[2] is None) == [
        ("alpine:3.20", 24, None),
        ("erlang:1.13-alpine", 19, None),
        ("erlang:1.14-alpine", 19, None),
        ("hexpm/elixir:1.15-alpine", 10, None),
        ("hexpm/elixir:1.16-alpine", 10, None),
        ("hexpm/elixir:1.17-alpine", 10, None),
    ]
