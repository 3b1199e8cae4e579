"""`ecr-mirror discover` reads a shared makefile's per-architecture builds as make runs them from the project's
Makefile: a static pattern rule whose targets a variable names (`$(BUILD_ARCHS): image-%:` with `BUILD_ARCHS =
$(addprefix image-,$(ARCHS))`), the architectures the including Makefile sets before its `include` (the shared file's
`?=` default then assigns nothing), and the Dockerfile a loop's `if [ "$$file" = "Dockerfile" ]` branch builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DOCKERFILE = """\
ARG ARCH="amd64"
ARG OS="linux"
FROM quay.io/acme/busybox-${OS}-${ARCH}:latest
COPY .build/${OS}-${ARCH}/exporter /bin/exporter
"""

MAKEFILE = """\
ARCHS ?= amd64 arm64 s390x
REPO ?= acmecommunity

include common.mk

IMAGE_NAME ?= exporter
"""

COMMON = """\
ARCHS ?= amd64 arm64 armv7 ppc64le riscv64 s390x
VARIANTS ?= $(wildcard Dockerfile Dockerfile.*)
VARIANTS_WITH_NAMES := $(foreach df,$(VARIANTS),$(shell grep -s variant= $(df) || echo default):$(df))
BUILD_ARCHS = $(addprefix image-,$(ARCHS))

.PHONY: images $(BUILD_ARCHS)
images: $(BUILD_ARCHS)
$(BUILD_ARCHS): image-%:
\t@for variant in $(VARIANTS_WITH_NAMES); do \\
\t\tfile=$${variant#*:}; \\
\t\tname=$${variant%%:*}; \\
\t\tif [ "$$file" = "Dockerfile" ]; then \\
\t\t\tdocker build -t "$(REPO)/$(IMAGE_NAME)-linux-$*:dev" \\
\t\t\t\t-f $$file \\
\t\t\t\t--build-arg ARCH="$*" \\
\t\t\t\t--build-arg OS="linux" \\
\t\t\t\t./; \\
\t\telse \\
\t\t\tdocker build -t "$(REPO)/$(IMAGE_NAME)-linux-$*:dev-$$name" -f $$file --build-arg ARCH="$*" ./; \\
\t\tfi; \\
\tdone
"""


def test_a_shared_makefile_builds_each_architecture_the_project_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Dockerfile": DOCKERFILE, "Makefile": MAKEFILE, "common.mk": COMMON})
    references = {r["reference"] for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] == "public"}
    # the project's three architectures, not the shared file's default six
    assert references == {
        "quay.io/acme/busybox-linux-amd64:latest",
        "quay.io/acme/busybox-linux-arm64:latest",
        "quay.io/acme/busybox-linux-s390x:latest",
    }


def test_without_a_project_value_the_shared_default_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = MAKEFILE.replace("ARCHS ?= amd64 arm64 s390x\n", "")
    common = COMMON.replace("ARCHS ?= amd64 arm64 armv7 ppc64le riscv64 s390x", "ARCHS ?= amd64 ppc64le")
    write_tree(tmp_path, {"Dockerfile": DOCKERFILE, "Makefile": makefile, "common.mk": common})
    references = {r["reference"] for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] == "public"}
    assert references == {"quay.io/acme/busybox-linux-amd64:latest", "quay.io/acme/busybox-linux-ppc64le:latest"}
