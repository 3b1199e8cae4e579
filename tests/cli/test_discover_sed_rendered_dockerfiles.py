"""`ecr-mirror discover` reads a Dockerfile template as the Dockerfile a Makefile recipe (or a script) renders from
it with sed before building it: `sed -e 's|{ARG_FROM}|$(BASE_IMAGE)|g' Dockerfile.in > .dockerfile-$(ARCH)`, then
`docker buildx build -f .dockerfile-$(ARCH) .` (Kubernetes' go-build-template layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEMPLATE = """\
FROM {ARG_FROM}
COPY bin/{ARG_OS}_{ARG_ARCH}/{ARG_BIN} /{ARG_BIN}
USER 65535:65535
ENTRYPOINT ["/{ARG_BIN}"]
"""

MAKEFILE = """\
BIN := sizer
OS := linux
ARCH ?= amd64
BASE_IMAGE ?= gcr.io/distroless/static:nonroot
REGISTRY ?= example.invalid/acme

container: bin/$(OS)_$(ARCH)/$(BIN)
\tsed                                            \\
\t    -e 's|{ARG_BIN}|$(BIN)|g'                  \\
\t    -e 's|{ARG_ARCH}|$(ARCH)|g'                \\
\t    -e 's|{ARG_OS}|$(OS)|g'                    \\
\t    -e 's|{ARG_FROM}|$(BASE_IMAGE)|g'          \\
\t    Dockerfile.in > .dockerfile-$(BIN)-$(OS)_$(ARCH)
\tdocker buildx build --load -t $(REGISTRY)/$(BIN):dev -f .dockerfile-$(BIN)-$(OS)_$(ARCH) .

preview:
\tsed -e 's|{ARG_FROM}|busybox:1.36|' Dockerfile.in
"""


def test_a_dockerfile_template_is_read_as_the_recipe_s_sed_renders_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Dockerfile.in": TEMPLATE, "Makefile": MAKEFILE})
    records = {
        (r["file"], r["line"], r["reference"], r["use"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    # the `preview` sed prints to the terminal: no file is written, nothing is built from it
    assert records == {
        ("Dockerfile.in", 1, "gcr.io/distroless/static:nonroot", "FROM (filled by sed at Makefile:8)"),
    }


def test_a_sed_of_a_file_that_is_no_dockerfile_renders_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = "BASE ?= alpine:3.20\nnotes:\n\tsed -e 's|{ARG_FROM}|$(BASE)|g' notes.in > notes.txt\n"
    write_tree(tmp_path, {"notes.in": "FROM {ARG_FROM}\n", "Makefile": makefile})
    assert [r for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] != "unresolved"] == []


RENDER_SCRIPT = """\
#!/usr/bin/env bash
AMD_BASE=gcr.io/distroless/static:nonroot
ARM_BASE=gcr.io/distroless/static:nonroot-arm64

render() {
    out="build/$1/Dockerfile"
    if [ "$1" = "amd64" ]; then
        sed -e "s|BASEIMAGE|$AMD_BASE|g" -e 's|BINARY|build/amd64/app|g' Dockerfile > "$out"
    elif [ "$1" = "arm64" ]; then
        sed -e "s|BASEIMAGE|$ARM_BASE|g" -e 's|BINARY|build/arm64/app|g' Dockerfile > "$out"
    fi
    docker build -t "acme/app:$1-dev" -f "$out" .
}

for arch in amd64 arm64; do render "$arch"; done
"""


def test_each_sed_that_writes_a_rendering_reads_the_template_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # two seds, one per branch, each render the template into its own file: the second does not see the first's
    # edit (sed reads the template as it stands and writes elsewhere), so each fills BASEIMAGE with its own base
    write_tree(
        tmp_path,
        {"Dockerfile": "FROM BASEIMAGE\nADD BINARY /app\n", "hack/build.sh": RENDER_SCRIPT},
    )
    records = {
        (r["file"], r["line"], r["reference"], r["use"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    assert records == {
        ("Dockerfile", 1, "gcr.io/distroless/static:nonroot", "FROM (filled by sed at hack/build.sh:8)"),
        ("Dockerfile", 1, "gcr.io/distroless/static:nonroot-arm64", "FROM (filled by sed at hack/build.sh:10)"),
    }
