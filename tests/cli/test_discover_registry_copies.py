"""`skopeo copy docker://SRC DST` and `crane pull|copy|cp|export SRC ...`: registry tools that pull an image without
a container engine (https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md,
https://github.com/google/go-containerregistry/blob/main/cmd/crane/doc/crane.md); the source is read where the command
runs, with the file's own variables; a source of another transport (`oci:`, `docker-archive:`, a local tarball) or
the destination is not a pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
CM_VERSION=v1.21.1
skopeo --insecure-policy copy --src-tls-verify=true --retry-times 3 \\
  docker://quay.io/jetstack/cert-manager-controller:${CM_VERSION} oci-archive:/tmp/controller.tar
skopeo copy oci:/tmp/layout:latest docker://localhost:5000/layout:latest
crane pull --platform linux/amd64 quay.io/jetstack/cert-manager-webhook:${CM_VERSION} /tmp/webhook.tar
crane copy alpine:3.20 localhost:5000/alpine:3.20
crane cp --platform=linux/arm64 ghcr.io/acme/tools/jq:1.7 localhost:5000/jq:1.7
crane export busybox:1.36 - | tar -tf - > /dev/null
echo "crane pull nginx:1.27 x.tar"
crane digest redis:7.4
"""


def test_the_sources_registry_tools_pull_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/preload.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (4, "quay.io/jetstack/cert-manager-controller:v1.21.1", "public"),
        (7, "quay.io/jetstack/cert-manager-webhook:v1.21.1", "public"),
        (8, "alpine:3.20", "public"),
        (9, "ghcr.io/acme/tools/jq:1.7", "public"),
        (10, "busybox:1.36", "public"),
    }


PROXY_WARM_UP = """\
#!/bin/bash
set -xeo pipefail
# Usage: ./warm_proxy.sh REGISTRY_URL [harbor]
REGISTRY_URL=$1
HARBOR=$2
TARGET=docker:$(echo $REGISTRY_URL | cut -d: -f2-)

CONTROLLER_IMAGE="docker://ghcr.io/acme-labs/sync-controller:v0.9.16"
VAULT_IMAGE="docker://hashicorp/vault:1.14.0"
UI_TAG="3.11.6"
UI_IMAGE="docker://docker.io/acmeui/console:${UI_TAG}"

if [[ -n $HARBOR ]]; then
    sleep 5
    skopeo copy $CONTROLLER_IMAGE --dest-creds Proxy:Proxy12345 --dest-tls-verify=false  $TARGET/proxy/sync-controller
    skopeo copy $VAULT_IMAGE --dest-creds Proxy:Proxy12345 --dest-tls-verify=false $TARGET/proxy/vault
fi
skopeo copy $UI_IMAGE --dest-creds admin:Harbor12345 --dest-tls-verify=false $TARGET/library/console
"""


def test_a_proxy_warm_up_script_pulls_the_sources_its_variables_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"scripts/dev/warm_proxy.sh": PROXY_WARM_UP})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (15, "ghcr.io/acme-labs/sync-controller:v0.9.16", "public"),
        (16, "hashicorp/vault:1.14.0", "public"),
        (18, "acmeui/console:3.11.6", "public"),
    }


MIRROR_FUNCTION = """\
#!/usr/bin/env bash
set -euo pipefail
REGISTRY=registry.airgap.lan:5000
mirror() {
  local src="$1"
  skopeo copy --all "docker://${src}" "docker://${REGISTRY}/$2"
}
promote() {
  regctl image copy "$1" "${REGISTRY}/$2"
}
mirror quay.io/prometheus/prometheus:v3.8.0 prometheus
mirror docker.io/grafana/grafana:12.3.0 grafana
promote ghcr.io/acme/agent:2.1 agent
"""


def test_a_scripts_copy_function_is_read_at_each_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/airgap.sh": MIRROR_FUNCTION})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"]) for r in records} == {
        (11, "quay.io/prometheus/prometheus:v3.8.0"),
        (12, "grafana/grafana:12.3.0"),
        (13, "ghcr.io/acme/agent:2.1"),
    }
