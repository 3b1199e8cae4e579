"""A name of one path component that a make run builds through a variable (`IMG ?= acme-controller`, `docker build
-t ${IMG}`), in the Makefile or in a makefile it includes, is a local image: Docker Hub keeps one-component names for
its official images, so a project's own such name is the image its build leaves in the local engine, not one it
pulls (cli/discover_local_builds.py, make_local_names.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

# a shared makefile every component's Makefile includes, building the includer's `IMG`
DOCKER_TARGETS = """\
docker-build: ## Build container image
\tdocker build \\
\t\t-t ${IMG} -t ${IMG}:${VERSION} -f Dockerfile .

docker-push: docker-build
\tdocker tag ${IMG} $(REGISTRY)/${IMG}
\tdocker push $(REGISTRY)/${IMG}
"""

ROOT_MAKEFILE = """\
VERSION := $(shell git describe --tags)
IMG ?= acme-controller

include docker-targets.mk
"""

COMPILER_MAKEFILE = """\
include ../docker-targets.mk

IMG := acme-compiler

integration-test: docker-build
\tdocker run --rm acme-compiler /shared
\tdocker run --rm alpine:3.20 true
"""

MANAGER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
spec:
  template:
    spec:
      containers:
        - name: manager
          image: acme-controller:latest
        - name: proxy
          image: quay.io/acme/proxy:v1.0
"""


def _public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> set[str]:
    records = discover_records(tmp_path, monkeypatch, capsys)
    return {str(r["reference"]) for r in records if r["status"] == "public"}


def test_a_one_component_name_an_included_makefile_builds_for_its_includer_is_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Makefile": ROOT_MAKEFILE,
            "docker-targets.mk": DOCKER_TARGETS,
            "compiler/Makefile": COMPILER_MAKEFILE,
            "config/manager/manager.yaml": MANAGER,
        },
    )
    assert _public(tmp_path, monkeypatch, capsys) == {"alpine:3.20", "quay.io/acme/proxy:v1.0"}


def test_a_name_with_a_namespace_built_through_a_variable_stays_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `IMG ?= quay.io/acme/controller:latest`: where the project publishes, which a user's deployment pulls
    write_tree(
        tmp_path,
        {
            "Makefile": ROOT_MAKEFILE.replace("acme-controller", "quay.io/acme/controller:latest"),
            "docker-targets.mk": DOCKER_TARGETS,
            "config/manager/manager.yaml": MANAGER.replace("acme-controller", "quay.io/acme/controller"),
        },
    )
    assert _public(tmp_path, monkeypatch, capsys) == {"quay.io/acme/controller:latest", "quay.io/acme/proxy:v1.0"}


def test_a_long_continued_recipe_in_an_included_makefile_stays_linear() -> None:
    from ecr_mirror.choose.discovery.make_local_names import local_name_builds
    from tests.support.hang_guard import finishes

    included = "docker-build:\n\tdocker build -t ${IMG} \\\n" + "\t\t--build-arg A=1 \\\n" * 100_000 + "\t\t.\n"
    assert len(finishes(local_name_builds, ROOT_MAKEFILE, "Makefile", {"docker-targets.mk": included})) == 1


def test_a_one_component_name_a_dockerfile_starts_from_stays_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `IMG := golang:1.22` over `FROM golang:1.22`: a rebuilt official image, which the build pulls first
    write_tree(
        tmp_path,
        {
            "Makefile": ROOT_MAKEFILE.replace("acme-controller", "golang:1.22"),
            "docker-targets.mk": DOCKER_TARGETS,
            "Dockerfile": "FROM golang:1.22\n",
        },
    )
    assert _public(tmp_path, monkeypatch, capsys) == {"golang:1.22"}
