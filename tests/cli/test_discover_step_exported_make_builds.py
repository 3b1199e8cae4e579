"""`ecr-mirror discover` takes the image a workflow step's make target builds with the values the step's `run:`
exports before it (make reads them from its environment over a `?=` default) as built there: a later step that
scans it with Trivy scans the job's own build, not a pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: scan
on: [pull_request]
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: build the image
        run: |
          export REGISTRY=local
          export IMAGE_VERSION=scan
          export ARCH=amd64
          make image
      - name: scan it
        uses: aquasecurity/trivy-action@0.36.0
        with:
          image-ref: 'local/driver:scan-linux-amd64'
"""

OTHER_WORKFLOW = """\
name: scan
on: [pull_request]
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: build the image
        run: |
          export REGISTRY=local
          make image
      - name: scan another image
        uses: aquasecurity/trivy-action@0.36.0
        with:
          image-ref: 'acme/driver:v1.2.0-linux-amd64'
"""

MAKEFILE = """\
REGISTRY ?= acme
IMAGE_VERSION ?= v1.2.0
ARCH ?= amd64
IMAGE_TAG = $(REGISTRY)/driver:$(IMAGE_VERSION)

image:
\tdocker buildx build --pull --output=type=docker --platform="linux/$(ARCH)" \\
\t\t-t $(IMAGE_TAG)-linux-$(ARCH) .
"""

DOCKERFILE = "FROM alpine:3.22\n"


def _records(
    tree: dict[str, str], root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[object, ...]]:
    write_tree(root, tree)
    return {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(root, monkeypatch, capsys)
    }


def test_an_image_a_step_s_exports_make_build_is_built_in_the_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {".github/workflows/scan.yml": WORKFLOW, "Makefile": MAKEFILE, "Dockerfile": DOCKERFILE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    assert records == {
        ("Dockerfile", 1, "alpine:3.22", "public"),
        (".github/workflows/scan.yml", 17, "local/driver:scan-linux-amd64", "built-here"),
    }


def test_an_image_the_exports_do_not_make_is_still_a_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {".github/workflows/scan.yml": OTHER_WORKFLOW, "Makefile": MAKEFILE, "Dockerfile": DOCKERFILE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    assert records == {
        ("Dockerfile", 1, "alpine:3.22", "public"),
        (".github/workflows/scan.yml", 15, "acme/driver:v1.2.0-linux-amd64", "public"),
    }


GUARDED_MAKEFILE = """\
REGISTRY ?= acme
IMAGE_VERSION ?= v1.2.0
ifdef CI
ifndef PUBLISH
override IMAGE_VERSION := e2e-$(GIT_COMMIT)
endif
endif
IMAGE_TAG = $(REGISTRY)/driver:$(IMAGE_VERSION)

all:
\tfor arch in amd64 arm64; do \\
\t\tARCH=$${arch} $(MAKE) image; \\
\tdone

image:
\tdocker buildx build --pull --output=type=docker --platform="linux/$(ARCH)" \\
\t\t-t $(IMAGE_TAG)-linux-$(ARCH) .
"""


@pytest.mark.parametrize(("publish", "status"), [("export PUBLISH=true", "built-here"), ("export OTHER=1", "public")])
def test_an_ifndef_the_step_s_export_decides_is_not_read(
    publish: str,
    status: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workflow = WORKFLOW.replace("export ARCH=amd64", f"export ARCH=amd64\n          {publish}")
    tree = {".github/workflows/scan.yml": workflow, "Makefile": GUARDED_MAKEFILE, "Dockerfile": DOCKERFILE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    # without PUBLISH the override may run (CI is set by the runner): IMAGE_VERSION is not known, nothing is built;
    # ARCH comes from the step (the recipe's `ARCH=$${arch} $(MAKE)` is the shell's assignment, not make's)
    assert (".github/workflows/scan.yml", 18, "local/driver:scan-linux-amd64", status) in records


def test_a_makefile_with_crlf_line_ends_is_read_as_make_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GNU make ignores the CR of a line ended with CRLF (read.c's readline): a Makefile committed with Windows line
    ends has the same conditionals, values and recipes, so the `ifndef PUBLISH` the step's export decides is still
    decided and the step's build is still the job's own."""
    workflow = WORKFLOW.replace("export ARCH=amd64", "export ARCH=amd64\n          export PUBLISH=true")
    makefile = GUARDED_MAKEFILE.replace("\n", "\r\n")
    tree = {".github/workflows/scan.yml": workflow, "Makefile": makefile, "Dockerfile": DOCKERFILE}
    records = _records(tree, tmp_path, monkeypatch, capsys)
    assert (".github/workflows/scan.yml", 18, "local/driver:scan-linux-amd64", "built-here") in records
