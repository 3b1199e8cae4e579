"""`ecr-mirror discover` reads a recursive make of a static pattern rule once per target the rule lists, the targets
written with a variable the Makefile gives (`PUSH_TARGETS=$(addprefix push-,$(ALL_ARCH))`, then `push-all:
$(PUSH_TARGETS)` and `$(PUSH_TARGETS): push-%:` running `ARCH=$* $(MAKE) push`): make expands the variables of a
rule's targets and prerequisites when it reads the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
REGISTRY ?= gcr.io/acme-staging
ARCH ?= $(shell go env GOARCH)
ALL_ARCH = amd64 arm64 s390x
GO_VERSION ?= 1.23.4

container:
	docker build -t $(REGISTRY)/adapter-$(ARCH):dev --build-arg ARCH=$(ARCH) --build-arg GO_VERSION=$(GO_VERSION) .

push: container
	docker push $(REGISTRY)/adapter-$(ARCH):dev

PUSH_TARGETS=$(addprefix push-,$(ALL_ARCH))

push-all: $(PUSH_TARGETS) push-manifest;

.PHONY: $(PUSH_TARGETS)
$(PUSH_TARGETS): push-%:
	ARCH=$* $(MAKE) push

push-manifest:
	docker manifest push $(REGISTRY)/adapter:dev
"""

DOCKERFILE = """\
ARG ARCH
ARG GO_VERSION
FROM golang:${GO_VERSION} AS build
RUN go build -o /adapter ./cmd/adapter

FROM gcr.io/distroless/static:latest-$ARCH
COPY --from=build /adapter /
"""


def test_a_static_pattern_rules_make_is_read_for_each_target_it_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({"Makefile": MAKEFILE, "Dockerfile": DOCKERFILE}, tmp_path, monkeypatch, capsys)
    pulled = sorted({ref for file, _, _, _, ref, status in records if status == "public" and file == "Dockerfile"})
    assert pulled == [
        "gcr.io/distroless/static:latest-amd64",
        "gcr.io/distroless/static:latest-arm64",
        "gcr.io/distroless/static:latest-s390x",
        "golang:1.23.4",
    ]


def test_a_static_pattern_rule_makes_only_the_targets_it_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `push-riscv64` matches the pattern but the rule does not list it: make has no rule for it
    makefile = MAKEFILE.replace("push-all: $(PUSH_TARGETS)", "push-all: push-riscv64 $(PUSH_TARGETS)")
    records = tree_rows({"Makefile": makefile, "Dockerfile": DOCKERFILE}, tmp_path, monkeypatch, capsys)
    pulled = {ref for file, _, _, _, ref, status in records if status == "public" and file == "Dockerfile"}
    assert "gcr.io/distroless/static:latest-riscv64" not in pulled
    assert "gcr.io/distroless/static:latest-s390x" in pulled
