"""A GoReleaser configuration's `{{ .Env.NAME }}` (https://goreleaser.com/customization/templates/#environment-variables)
is the environment goreleaser runs with: a Makefile beside it that runs goreleaser and exports NAME with one value
(`export ENVOY_IMAGE ?= quay.io/solo-io/envoy-gloo:1.34.0-patch0`) gives that value to its `--build-arg` flags, so
the Dockerfile's `FROM ${ENVOY_IMAGE}` pulls it: kgateway's controller and envoyinit images (set ZZZZ). A name the
Makefile does not export, or gives no literal value, stays known only when goreleaser runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
export ENVOY_IMAGE ?= quay.io/solo-io/envoy-gloo:1.34.0-patch0
export ALPINE_BASE_IMAGE ?= alpine:3.17.6
NOT_EXPORTED ?= debian:11
GORELEASER ?= go run github.com/goreleaser/goreleaser/v2@v2.5.1

release:
\t$(GORELEASER) release --clean
"""

GORELEASER = """\
version: 2
dockers:
  - image_templates: ["ghcr.io/acme/controller:{{ .Version }}"]
    dockerfile: cmd/controller/Dockerfile
    build_flag_templates:
      - "--build-arg=ENVOY_IMAGE={{ .Env.ENVOY_IMAGE }}"
  - image_templates: ["ghcr.io/acme/sds:{{ .Version }}"]
    dockerfile: cmd/sds/Dockerfile
    build_flag_templates:
      - "--build-arg=BASE_IMAGE={{ .Env.ALPINE_BASE_IMAGE }}"
      - "--build-arg=DONOR={{ .Env.NOT_EXPORTED }}"
"""


def test_goreleaser_env_templates_take_the_makefiles_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Makefile": MAKEFILE,
            ".goreleaser.yaml": GORELEASER,
            "cmd/controller/Dockerfile": "ARG ENVOY_IMAGE\nFROM $ENVOY_IMAGE\n",
            "cmd/sds/Dockerfile": "ARG BASE_IMAGE\nARG DONOR\nFROM $DONOR AS donor\nFROM $BASE_IMAGE\n",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"] for r in records if r["status"] == "public"} == {
        "quay.io/solo-io/envoy-gloo:1.34.0-patch0",
        "alpine:3.17.6",
    }
