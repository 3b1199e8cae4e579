"""A script of the tree whose `docker run` takes the rest of its command from the script's own arguments (`"$@"`
where the image stands: tetragon's `contrib/scripts/repo-docker-run.sh` ends in `"${CONTAINER_ENGINE}" run
"${docker_opts[@]}" "${@}"`): each call of it where a command runs (a Makefile recipe, a script) is read as that
`docker run` with the call's words, the image among them, at the call's line. A script that runs its arguments as
the container's command (`docker run --rm alpine:3 "$@"`) or as another program's is not such a runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

RUNNER = """\
#!/usr/bin/env bash
CONTAINER_ENGINE="${CONTAINER_ENGINE:-docker}"
declare -a docker_opts=(
    --rm
    --user "$(id -u):$(id -g)"
)
"${CONTAINER_ENGINE}" run "${docker_opts[@]}" "${@}"
"""

IN_ALPINE = """\
#!/bin/sh
exec docker run --rm -v "$PWD:/src" alpine:3.20 "$@"
"""

WITH_ENV = """\
#!/bin/sh
env LC_ALL=C "$@"
"""

DEFS = """\
# renovate: datasource=docker
TOOLS_IMAGE=quay.io/acme/tools-builder:0123456789abcdef
"""

API_MAKEFILE = """\
include ../Makefile.defs

proto:
\t../contrib/scripts/repo-docker-run.sh \\
\t\t--volume $(CURDIR)/..:/src \\
\t\t--workdir /src/api \\
\t\t$(TOOLS_IMAGE) \\
\t\tmake -C /src/api __proto

debug:
\t@echo ../contrib/scripts/repo-docker-run.sh $(TOOLS_IMAGE) buf
"""

LINT = """\
#!/bin/sh
contrib/scripts/repo-docker-run.sh -e GOFLAGS=-mod=mod golangci/golangci-lint:v1.64.8 golangci-lint run
contrib/scripts/in-alpine.sh ls /src
contrib/scripts/with-env.sh busybox:1.36 true
"""

TREE = {
    "contrib/scripts/repo-docker-run.sh": RUNNER,
    "contrib/scripts/in-alpine.sh": IN_ALPINE,
    "contrib/scripts/with-env.sh": WITH_ENV,
    "Makefile.defs": DEFS,
    "api/Makefile": API_MAKEFILE,
    "hack/lint.sh": LINT,
}


def test_a_call_of_a_script_running_docker_with_its_arguments_is_read_as_that_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(TREE, tmp_path, monkeypatch, capsys)
    assert sorted(row for row in rows if row[5] != "unresolved") == [
        (
            "api/Makefile",
            4,
            "Makefile",
            "contrib/scripts/repo-docker-run.sh (docker run)",
            "quay.io/acme/tools-builder:0123456789abcdef",
            "public",
        ),
        ("contrib/scripts/in-alpine.sh", 2, "shell script", "docker run", "alpine:3.20", "public"),
        (
            "hack/lint.sh",
            2,
            "shell script",
            "contrib/scripts/repo-docker-run.sh (docker run)",
            "golangci/golangci-lint:v1.64.8",
            "public",
        ),
    ]
