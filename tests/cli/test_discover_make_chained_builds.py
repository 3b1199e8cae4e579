"""A Makefile that builds a base image under its own variables (`-t ${REGISTRY}/base:${RELEASE_VERSION}` with
`REGISTRY ?= docker.io/acme`) and then, with the same values, a Dockerfile `FROM acme/base:${BASE_LABEL}` given
`--build-arg BASE_LABEL=${RELEASE_VERSION}` builds that Dockerfile on the base it just built: the `FROM` is built
here. The repository written with a variable still names where a user publishes, so the same name used anywhere else
(a Dockerfile the Makefile does not build with its values, a manifest) stays a pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
RELEASE_VERSION ?= v0.4.1
REGISTRY ?= docker.io/acme
PLATFORMS ?= linux/amd64,linux/arm64

test_images:
\tdocker build --platform $(PLATFORMS) -t ${REGISTRY}/base:${RELEASE_VERSION} images/base
\t$(MAKE) test_images_mpi

test_images_mpi:
\tdocker build --platform $(PLATFORMS) --build-arg BASE_LABEL=${RELEASE_VERSION} \\
\t\t-t ${REGISTRY}/mpi:${RELEASE_VERSION} images/base -f images/base/mpi.Dockerfile
\tdocker build --platform $(PLATFORMS) --build-arg BASE_LABEL=${RELEASE_VERSION} \\
\t\t-t ${REGISTRY}/pi:${RELEASE_VERSION} examples/pi
"""

MPI = """\
ARG BASE_LABEL
FROM acme/base:${BASE_LABEL}
"""

PI = """\
ARG BASE_LABEL
FROM acme/mpi:${BASE_LABEL} AS builder
FROM debian:trixie-slim
"""


def test_a_from_a_makefile_resolves_to_a_base_it_builds_with_the_same_values_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "Makefile": MAKEFILE,
        "images/base/Dockerfile": "FROM debian:trixie\n",
        "images/base/mpi.Dockerfile": MPI,
        "examples/pi/Dockerfile": PI,
        "examples/other/Dockerfile": "FROM acme/base:v0.4.1\n",
        "deploy/job.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: acme/mpi:v0.4.1\n",
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    used = sorted((row[0], row[4], row[5]) for row in rows if "acme/" in str(row[4]))
    assert used == [
        ("deploy/job.yaml", "acme/mpi:v0.4.1", "public"),
        ("examples/other/Dockerfile", "acme/base:v0.4.1", "public"),
        ("examples/pi/Dockerfile", "acme/mpi:v0.4.1", "built-here"),
        ("images/base/mpi.Dockerfile", "acme/base:v0.4.1", "built-here"),
    ]
