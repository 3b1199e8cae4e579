"""`ecr-mirror discover` on held-out set CG showed missed: a script that runs kind as a Go tool of the module
(envoy gateway's `tools/hack/create-cluster.sh`, `KIND=${KIND:-go tool -modfile=tools/go.mod kind}` then `${KIND}
create cluster --image "kindest/node:${KIND_NODE_TAG}"`): `go tool NAME` runs the tool the module's `tool` directive
names (https://pkg.go.dev/cmd/go#hdr-Run_specified_go_tool), so the variable stands for kind, as a path to it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

KIND=${KIND:-go tool -modfile=tools/go.mod kind}
KIND_NODE_TAG=${KIND_NODE_TAG:-"v1.36.1"}

${KIND} create cluster --image "kindest/node:${KIND_NODE_TAG}" --name demo
go tool kind create cluster --image kindest/node:v1.35.5 --name direct
GOFLAGS=x go tool -n kind create cluster --image kindest/node:v1.34.8
go toolchain kind create cluster --image kindest/node:v1.33.12
"""


def test_a_go_tool_kind_creates_the_cluster_of_its_node_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/create-cluster.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("hack/create-cluster.sh", 7, "kindest/node:v1.36.1", "public"),
        ("hack/create-cluster.sh", 8, "kindest/node:v1.35.5", "public"),
    }
