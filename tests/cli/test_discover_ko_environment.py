"""ko's base image from its environment: `KO_DEFAULTBASEIMAGE` overrides `.ko.yaml`'s `defaultBaseImage`
(https://ko.build/configuration/#overriding-base-images), and ko pulls it to build (`ko build`, `ko apply`,
`ko resolve`, `ko create`, `ko run`, `ko publish`). Read where a Makefile, a script or a CI step runs ko with the
variable assigned before the command (`KO_DEFAULTBASEIMAGE=IMAGE ko build`), or given a value by the same file (a
step's `env:`, an `export`); a ko command without it builds on `.ko.yaml`'s base, read there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
KOCACHE_PATH ?= /tmp/ko
DEBUG_BASE = gcr.io/distroless/static-debian12:debug-nonroot

ko-dev:
\tKOCACHE=$(KOCACHE_PATH) KO_DEFAULTBASEIMAGE=$(DEBUG_BASE) ko build --base-import-paths \\
\t\t--platform=linux/amd64 --tags dev ./cmd/app

ko-local:
\tKO_DOCKER_REPO=ko.local ko build --bare ./cmd/app
\techo "KO_DEFAULTBASEIMAGE=alpine:3.20 ko build is the debug build"
"""

WORKFLOW = """\
name: images
on: push
jobs:
  ko:
    runs-on: ubuntu-latest
    steps:
      - name: Build and push
        env:
          KO_DOCKER_REPO: ghcr.io/acme/app
          KO_DEFAULTBASEIMAGE: gcr.io/distroless/base-debian12:nonroot
        run: |
          ko build \\
            --bare \\
            ./cmd/app
"""


def test_ko_default_base_image_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"Makefile": MAKEFILE, ".github/workflows/images.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        ("Makefile", 5, "gcr.io/distroless/static-debian12:debug-nonroot", "public", "ko build"),
        (".github/workflows/images.yml", 12, "gcr.io/distroless/base-debian12:nonroot", "public", "ko build"),
    }
