"""`ecr-mirror discover` reads the `--build-arg`s a Makefile keeps in a variable of build flags
(`DOCKER_BUILD_FLAGS_INIT = --build-arg base_image="$(BASE_IMAGE_INIT)" \\ --network=host $(DOCKER_ARGS)`) where a
recipe's `docker build $(DOCKER_BUILD_FLAGS_INIT) -f ...` uses it: make writes the value into the line before the
shell splits it into words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
BASE_IMAGE_INIT ?= public.ecr.aws/acme-tooling/minimal-base-glibc:latest-al23
GOLANG_IMAGE ?= golang:1.24-bookworm
DOCKER_ARGS ?=
DOCKER_BUILD_FLAGS_INIT = --build-arg golang_image="$(GOLANG_IMAGE)" \\
\t\t\t  --build-arg base_image="$(BASE_IMAGE_INIT)" \\
\t\t\t  --network=host \\
\t\t\t  $(DOCKER_ARGS)

docker-init:
\tdocker build $(DOCKER_BUILD_FLAGS_INIT) \\
\t\t-f scripts/dockerfiles/Dockerfile.init \\
\t\t-t "acme/cni-init:dev" \\
\t\t.
"""

DOCKERFILE = """\
ARG golang_image
ARG base_image
FROM $golang_image AS builder
RUN go build -o /init ./cmd/init

FROM $base_image
COPY --from=builder /init /init
"""


def test_the_build_args_of_a_flags_variable_reach_the_dockerfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"Makefile": MAKEFILE, "scripts/dockerfiles/Dockerfile.init": DOCKERFILE}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    pulled = sorted({ref for file, _, _, _, ref, status in records if status == "public" and "Dockerfile" in file})
    assert pulled == ["golang:1.24-bookworm", "public.ecr.aws/acme-tooling/minimal-base-glibc:latest-al23"]
    assert not [record for record in records if record[5] == "unresolved"]
