"""`ecr-mirror discover` reads a pattern rule's recursive make once per target the Makefile's rules name for it
(`images-all: $(addprefix images-,$(ALL_ARCH))` with `images-%:` running `$(MAKE) ARCH=$* images`), the targets a
recipe's make runs written with `$(addprefix ...)` reached too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
ARCH ?= $(shell go env GOARCH)
ALL_ARCH ?= amd64 arm64 s390x
REGISTRY ?= ghcr.io/acme
ALL_IMAGES ?= manager webhook

images-all: $(addprefix images-,$(ALL_ARCH))

images-%:
	$(MAKE) ARCH=$* images

images:
	$(MAKE) ARCH=$(ARCH) $(addprefix image-,$(ALL_IMAGES))

image-manager:
	docker build --build-arg ARCH=$(ARCH) -t $(REGISTRY)/manager-$(ARCH):dev -f Dockerfile .

image-webhook:
	docker build --build-arg ARCH=$(ARCH) -t $(REGISTRY)/webhook-$(ARCH):dev -f webhook.Dockerfile .

push-%:
	$(MAKE) ARCH=$* image-push

image-push:
	docker build --build-arg ARCH=$(ARCH) -t $(REGISTRY)/pusher-$(ARCH):dev -f push.Dockerfile .
"""

DOCKERFILE = """\
ARG ARCH
FROM gcr.io/distroless/static:nonroot-${ARCH}
"""

WEBHOOK_DOCKERFILE = """\
ARG ARCH
FROM gcr.io/distroless/base:latest-${ARCH}
"""

PUSH_DOCKERFILE = """\
ARG ARCH
FROM gcr.io/distroless/cc:latest-${ARCH}
"""


def test_a_pattern_rules_make_is_read_for_each_target_the_makefile_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile": MAKEFILE,
        "Dockerfile": DOCKERFILE,
        "webhook.Dockerfile": WEBHOOK_DOCKERFILE,
        "push.Dockerfile": PUSH_DOCKERFILE,
    }
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    pulled = sorted((file, line, use, ref) for file, line, _, use, ref, status in records if status == "public")
    manager = "FROM (built by Makefile:15) (with the variables of Makefile:9)"
    webhook = "FROM (built by Makefile:18) (with the variables of Makefile:9)"
    assert pulled == [
        ("Dockerfile", 2, manager, "gcr.io/distroless/static:nonroot-amd64"),
        ("Dockerfile", 2, manager, "gcr.io/distroless/static:nonroot-arm64"),
        ("Dockerfile", 2, manager, "gcr.io/distroless/static:nonroot-s390x"),
        ("webhook.Dockerfile", 2, webhook, "gcr.io/distroless/base:latest-amd64"),
        ("webhook.Dockerfile", 2, webhook, "gcr.io/distroless/base:latest-arm64"),
        ("webhook.Dockerfile", 2, webhook, "gcr.io/distroless/base:latest-s390x"),
    ]
    # `push-%` names no target of the Makefile's: its ARCH stays unknown
    assert ("push.Dockerfile", 2, "Dockerfile", "FROM", None, "unresolved") in records


def test_a_pattern_rules_runs_are_read_after_many_other_runs_of_the_makefile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # forty runs passing values come first (code generation per directory): the per-target runs still count
    generate = "generate:\n" + "".join(f"\t$(MAKE) clean-generated SRC_DIRS=./api/v{n}\n" for n in range(40))
    makefile = generate + "\nclean-generated:\n\trm -rf $(SRC_DIRS)\n\n" + MAKEFILE
    tree = {"Makefile": makefile, "Dockerfile": DOCKERFILE, "webhook.Dockerfile": WEBHOOK_DOCKERFILE}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    pulled = sorted(ref for _, _, _, _, ref, status in records if status == "public")
    assert "gcr.io/distroless/static:nonroot-s390x" in pulled
    assert "gcr.io/distroless/base:latest-amd64" in pulled
