"""Dockerfiles and Containerfiles: every FROM (and COPY --from an image), stages, ARG defaults, continuations."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.dockerfile_shape import dockerfile_shape
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand


def _texts(text: str) -> list[str]:
    return [f.text for f in dockerfile_images(text, "Dockerfile") if f.problem is None]


def test_multi_stage_with_platform_flag_stage_names_and_scratch() -> None:
    text = """\
# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
RUN go build -o /app .
FROM build AS test
FROM Build AS again
from scratch
COPY --from=build /app /app
FROM gcr.io/distroless/static-debian12:nonroot AS final
"""
    assert _texts(text) == ["docker/dockerfile:1", "golang:1.22", "gcr.io/distroless/static-debian12:nonroot"]


def test_arg_defaults_before_the_first_from_are_substituted() -> None:
    text = """\
ARG PYTHON_VERSION=3.12
ARG VARIANT="slim" DISTRO='bookworm'
ARG BASE=python:${PYTHON_VERSION}-${VARIANT}
ARG TAG
FROM ${BASE}
FROM python:${TAG:-3.11}-alpine
FROM $BASE-${DISTRO}
ARG LATE=nope
FROM alpine:${LATE:-3.20}
"""
    assert _texts(text) == ["python:3.12-slim", "python:3.11-alpine", "python:3.12-slim-bookworm", "alpine:3.20"]


def test_unset_arguments_are_reported_with_the_line_and_reason() -> None:
    text = "ARG REGISTRY\nFROM ${REGISTRY}/base:1\nFROM $UNDECLARED/x\nFROM node:${TARGETARCH}\n"
    found = dockerfile_images(text, "app/Dockerfile")
    assert [(f.text, f.line) for f in found] == [
        ("${REGISTRY}/base:1", 2),
        ("$UNDECLARED/x", 3),
        ("node:${TARGETARCH}", 4),
    ]
    assert all(f.problem for f in found)
    assert "REGISTRY" in (found[0].problem or "") and "no default" in (found[0].problem or "")
    assert "UNDECLARED" in (found[1].problem or "")
    assert "TARGETARCH" in (found[2].problem or "")


def test_line_continuations_comments_inside_them_and_the_escape_directive() -> None:
    text = """\
FROM \\
    # a comment inside the instruction
    python:3.12 \\

    AS base
RUN echo FROM not-an-image
"""
    assert dockerfile_images(text, "Dockerfile") == [Found("python:3.12", "Dockerfile", 1, use="FROM")]
    windows = "# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\\n"
    assert _texts(windows) == ["mcr.microsoft.com/windows/servercore:ltsc2022"]


def test_copy_from_an_image_counts_but_not_from_a_stage_or_an_index() -> None:
    text = """\
FROM alpine:3.20 AS base
COPY --from=base /etc/os-release /x
COPY --from=0 /etc/os-release /y
COPY --link --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf
"""
    assert _texts(text) == ["alpine:3.20", "nginx:1.27"]


def test_heredoc_bodies_are_not_instructions() -> None:
    text = "FROM alpine:3.20\nRUN <<EOF\nFROM evil:1\nEOF\nCOPY <<-'END' /x\n\tFROM evil:2\n\tEND\nFROM busybox:1.36\n"
    assert _texts(text) == ["alpine:3.20", "busybox:1.36"]


def test_crlf_and_lower_case_keywords() -> None:
    assert _texts("arg V=1.36\r\nfrom busybox:$V as b\r\n") == ["busybox:1.36"]


def test_variable_forms_nested_defaults_alternatives_and_escapes() -> None:
    values: dict[str, str | None] = {"SET": "v", "EMPTY": ""}
    assert expand("${UNSET:-${SET}-x}", values) == "v-x"
    assert expand("${EMPTY:-d}|${EMPTY-d}|${SET:+alt}|${UNSET+alt}|$SET", values) == "d||alt||v"
    assert expand("a$$b", values, dollar_escape=True) == "a$b"
    assert expand("cost $5", values) == "cost $5"


@pytest.mark.parametrize(
    ("text", "error"), [("${NONE}", Unset), ("${UNSET:?needed}", Unset), ("${SET", Malformed), ("${1x}", Malformed)]
)
def test_unset_and_malformed_variables_raise(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        expand(text, {"SET": "v", "NONE": None})


def test_the_syntax_frontend_is_listed_with_its_line_only_from_the_top_comments() -> None:
    text = "#syntax=docker/dockerfile:1.7-labs\n# escape=\\\nFROM alpine:3.20\n# syntax=not/a-directive:1\n"
    found = dockerfile_images(text, "Dockerfile")
    assert [(f.text, f.line, f.use) for f in found] == [
        ("docker/dockerfile:1.7-labs", 1, "# syntax"),
        ("alpine:3.20", 3, "FROM"),
    ]
    assert _texts("# a comment first\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n") == ["alpine:3.20"]


def test_named_build_contexts_and_stages_built_from_variables_are_not_images() -> None:
    text = """\
# syntax=docker/dockerfile:1
ARG GOLANGCI_FROM_SOURCE=false
FROM golang:1.23-alpine AS build
FROM scratch AS binaries-unix
COPY --from=build /out/app /app
FROM binaries-unix AS binaries-linux
FROM binaries-unix AS binaries-darwin
FROM scratch AS binaries-windows
FROM scratch AS lint-false
FROM scratch AS lint-true
FROM lint-${GOLANGCI_FROM_SOURCE} AS lint
FROM binaries-$TARGETOS AS binaries
COPY --from=binary_dir /bin /bin
COPY --from=busybox:1.36 /bin/busybox /bin/
RUN --mount=type=bind,from=ghcr.io/org/tools:1,source=/tools,target=/tools \\
    --mount=type=cache,target=/root/.cache \\
    --mount=from=build,source=/out,target=/out make
FROM base_ctx AS from-a-context
FROM ${BASE}
"""
    found = dockerfile_images(text, "Dockerfile")
    assert [f.text for f in found if f.problem is None] == [
        "docker/dockerfile:1",
        "golang:1.23-alpine",
        "busybox:1.36",
        "ghcr.io/org/tools:1",
    ]
    assert [(f.text, f.line) for f in found if f.problem] == [("${BASE}", 19)]  # it could be anything


def test_build_arguments_replace_the_defaults_of_declared_args_only() -> None:
    text = "ARG BASE_IMAGE\nARG TAG=1\nFROM ${BASE_IMAGE}:${TAG}\n"
    found = dockerfile_images(text, "clickhouse/Dockerfile", {"BASE_IMAGE": "altinity/clickhouse-server", "NOPE": "x"})
    assert [f.text for f in found] == ["altinity/clickhouse-server:1"]


def test_a_template_expression_is_unresolved_not_an_invalid_reference() -> None:
    [item] = dockerfile_images("FROM alpine:{{ .alpine.version }}\n", "Dockerfile.template")
    assert item.problem == "a template expression: render the template first"


def test_a_stage_named_after_a_templated_image_is_still_a_stage() -> None:
    text = (
        "FROM node:{{ .Values.nodeVersion }}-slim AS deps\n"
        "RUN npm ci\n"
        "FROM debian:{{ env.suite }} as tools\n"
        "FROM alpine:3.20\n"
        "COPY --from=deps /app/node_modules /app/node_modules\n"
        "COPY --from=tools /usr/bin/jq /usr/bin/jq\n"
    )
    found = dockerfile_images(text, "Dockerfile.template")
    assert [(f.text, f.line, f.problem is None) for f in found] == [
        ("node:{{ .Values.nodeVersion }}-slim", 1, False),
        ("debian:{{ env.suite }}", 3, False),
        ("alpine:3.20", 4, True),
    ]


@pytest.mark.parametrize(
    ("head", "shape"),
    [
        ("FROM alpine:3.20\nRUN apk add git\n", True),
        ('# syntax=docker/dockerfile:1\n\nARG V=3\nFROM python:${V}\nCOPY . .\nCMD ["x"]\n', True),
        ("FROM debian:12\nRUN <<EOF\napt-get update\nset -e\nEOF\nUSER app\n", True),  # heredoc bodies skipped
        ("FROM a:1 \\\n  AS b\nrun echo lower-case instructions count\n", True),
        ("FROM the desk of the maintainers\nplease read\n", False),
        ("ARG X=1\necho $X\nFROM y\n", False),
        ("FROM\n", None),
        ("#!/bin/sh\nFROM=1\n", None),
        ("from alpine\nRUN x\n", None),  # a lower-case first FROM is not beyond doubt
        ("MIT License\n", None),
    ],
)
def test_dockerfile_shape_of_a_file_not_named_like_one(head: str, shape: bool | None) -> None:
    assert dockerfile_shape(head) is shape


def test_quotes_in_the_image_of_from_are_removed_as_buildkit_does() -> None:
    text = 'ARG ALPINE_TAG=3.20.3\nFROM alpine:"${ALPINE_TAG}" AS base\nFROM "debian:12-slim"\n'
    assert [(f.text, f.problem) for f in dockerfile_images(text, "Dockerfile")] == [
        ("alpine:3.20.3", None),
        ("debian:12-slim", None),
    ]


def test_a_from_of_an_earlier_stage_index_is_that_stage() -> None:
    # buildah's stage tests chain unnamed stages by index (`FROM 0`), as `COPY --from=0` names one; `FROM 7`, with
    # three stages before it (indexes 0 to 2), names no stage, so it is read as the image it writes
    text = """\
FROM alpine:3.20
RUN echo zero > /out.txt
FROM 0
RUN echo one >> /out.txt
FROM 1
FROM 7
"""
    found = dockerfile_images(text, "Containerfile")
    assert [(f.line, f.text) for f in found] == [(1, "alpine:3.20"), (6, "7")]


@pytest.mark.parametrize("placeholder", ["{ARG_FROM}", "{BASE_IMAGE}:{TAG}", "%%BASE_IMAGE%%"])
def test_a_placeholder_a_template_tool_fills_is_unresolved_not_a_build_context(placeholder: str) -> None:
    # cluster-proportional-autoscaler's `Dockerfile.in`: `FROM {ARG_FROM}`, which its Makefile fills with sed; read as
    # it stands (no sed seen), the line is one the user must know about, not a named build context to drop
    found = dockerfile_images(f"FROM {placeholder}\nRUN true\nFROM base_ctx AS next\n", "Dockerfile")
    assert [(f.text, f.line) for f in found] == [(placeholder, 1)]
    assert found[0].problem is not None and "placeholder" in found[0].problem


def test_an_instruction_separated_from_its_arguments_by_tabs_is_read() -> None:
    # Docker splits an instruction from its arguments at any whitespace, so tab-aligned Dockerfiles
    # (`FROM\t$LINUX_IMAGE_NAME:$LINUX_IMAGE_TAG`) build as the space-separated ones do
    text = 'ARG\tLINUX_IMAGE_NAME=""\nARG\tLINUX_IMAGE_TAG=""\nFROM\t$LINUX_IMAGE_NAME:$LINUX_IMAGE_TAG\nRUN\techo\n'
    args = {"LINUX_IMAGE_NAME": "rockylinux/rockylinux", "LINUX_IMAGE_TAG": "8.9"}
    assert [(i.text, i.line, i.problem) for i in dockerfile_images(text, "Dockerfile", args)] == [
        ("rockylinux/rockylinux:8.9", 3, None)
    ]
    assert [
        (i.text, i.line)
        for i in dockerfile_images("FROM\t alpine:3.20 \tAS\tbase\nCOPY\t--from=busybox:1.37 / /\n", "x")
    ] == [
        ("alpine:3.20", 1),
        ("busybox:1.37", 2),
    ]


def test_a_heredoc_marker_inside_quotes_opens_no_heredoc() -> None:
    # BuildKit finds heredocs among an instruction's shell words: `<<'EOF'` inside a quoted script (a regex in a
    # `node -e "..."` program) is part of that word, and the instructions after it are read
    text = (
        "FROM node:22 AS build\n"
        'RUN node -e " \\\n'
        "  const m = df.match(/cat <<'EOF' > package\\\\.json/); \\\n"
        '"\n'
        "FROM svix/svix-server:v1.88.0 AS svix\n"
        "RUN <<EOF\n"
        "echo FROM not-an-image:1\n"
        "EOF\n"
        "FROM debian:trixie-slim\n"
    )
    assert _texts(text) == ["node:22", "svix/svix-server:v1.88.0", "debian:trixie-slim"]
