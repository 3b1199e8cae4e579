"""A variable no ARG before the first FROM declares expands to the empty string in FROM (BuildKit's
UndefinedArgInFrom check warns; a `--build-arg` of that name does not reach it): the image is what is left, when
that is an image; unresolved, with the reason, when it is not."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images

DOCKERFILE = """\
FROM ${BASE_PRIVATE_REGISTRY}python:3.12-slim AS app
RUN pip install -r requirements.txt
FROM node:22${VARIANT} AS web
FROM ${REGISTRY}/tools:1.0 AS tools
FROM acme/runtime:${VERSION} AS runtime
FROM ${BASE_IMAGE}
FROM --platform=$BUILDPLATFORM golang:1.23-${TARGETOS} AS build
"""


def test_undeclared_variables_expand_to_nothing() -> None:
    found = [(item.line, item.text, item.problem) for item in dockerfile_images(DOCKERFILE, "Dockerfile")]
    assert found == [
        (1, "python:3.12-slim", None),
        (3, "node:22", None),
        (4, "${REGISTRY}/tools:1.0", "$REGISTRY is not declared by an ARG before the first FROM"),
        (5, "acme/runtime:${VERSION}", "$VERSION is not declared by an ARG before the first FROM"),
        (6, "${BASE_IMAGE}", "$BASE_IMAGE is not declared by an ARG before the first FROM"),
        (7, "golang:1.23-${TARGETOS}", "$TARGETOS is set by the builder for the platform being built"),
    ]


def test_a_declared_arg_without_default_stays_unresolved() -> None:
    # `ARG PREFIX` with no value: the build is meant to be given it (`--build-arg PREFIX=...`)
    text = "ARG PREFIX\nFROM ${PREFIX}python:3.12\n"
    (item,) = dockerfile_images(text, "Dockerfile")
    assert (item.text, item.problem) == (
        "${PREFIX}python:3.12",
        "ARG PREFIX has no default value (pass it with --build-arg)",
    )
