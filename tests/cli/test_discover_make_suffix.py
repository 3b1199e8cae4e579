"""`ecr-mirror discover` on makefiles named `*.make`, as shared build rules vendored into many repositories name them
(`include release-tools/build.make` in the project's Makefile): read as Makefiles, as `*.mk` files are; a
`Dockerfile.make` stays a Dockerfile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
CMDS=widgetplugin
all: build
include release/build.make
"""

BUILD_MAKE = """\
BUILDX_CREATE_ARGS ?=

push-multiarch-%: build-%
\tset -ex; \\
\tdocker buildx create $(BUILDX_CREATE_ARGS) --use --name multiarch-builder --driver-opt image=moby/buildkit:v0.12.5; \\
\ttrap "docker buildx rm multiarch-builder" EXIT; \\
\tdocker buildx build --push --platform linux/amd64 -t example/$*:latest .
"""

DOCKERFILE_MAKE = """\
FROM golang:1.22-alpine AS build
RUN apk add --no-cache make
"""


def test_a_makefile_named_dot_make_is_read_as_a_makefile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"Makefile": MAKEFILE, "release/build.make": BUILD_MAKE, "docker/Dockerfile.make": DOCKERFILE_MAKE},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["file"], r["line"], r["reference"], r["kind"]) for r in records if r["status"] == "public"}
    # the recipe line continued over lines is read at its first line
    assert ("release/build.make", 4, "moby/buildkit:v0.12.5", "Makefile") in public
    assert ("docker/Dockerfile.make", 1, "golang:1.22-alpine", "Dockerfile") in public
