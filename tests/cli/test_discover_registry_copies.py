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
