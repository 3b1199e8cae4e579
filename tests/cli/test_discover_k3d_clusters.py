"""`k3d cluster create NAME --image IMAGE` (or `-i IMAGE`): the k3s node image k3d starts each node of the cluster
from (https://k3d.io/stable/usage/commands/k3d_cluster_create/), pulled as kind pulls `--image`'s node image; read
in workflow steps (the job's matrix and the workflow's env resolved), scripts and Makefiles. Without `--image`, k3d's
own default for its version, not named in the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: e2e
on: pull_request
env:
  K3S_VERSION: "v1.33.4-k3s1"
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k3s:
          - name: newest
            version: v1.34.1-k3s1
          - name: oldest
            version: v1.32.8-k3s1
    steps:
      - name: Provision the cluster
        run: |
          for attempt in 1 2 3; do
            if k3d cluster create upstream --wait \\
              --agents 1 \\
              --image docker.io/rancher/k3s:${{ matrix.k3s.version }} \\
              --k3s-arg "--disable=traefik@server:0"; then
              break
            fi
            k3d cluster delete upstream || true
          done
  upgrade:
    runs-on: ubuntu-latest
    steps:
      - name: Provision
        run: |
          k3d cluster create upstream --wait \\
            --image docker.io/rancher/k3s:${{ env.K3S_VERSION }}
      - name: Default node image
        run: k3d cluster create plain --wait
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
K3S_IMAGE="${K3S_IMAGE:-rancher/k3s:v1.31.12-k3s1}"
k3d cluster create dev -i "$K3S_IMAGE" --servers 1
# k3d cluster create old --image rancher/k3s:v1.20.0-k3s1
echo "k3d cluster create demo --image rancher/k3s:v1.21.0-k3s1"
"""


def test_k3d_node_images_in_workflows_and_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/e2e.yml": WORKFLOW, "dev/setup-k3d.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    workflow = ".github/workflows/e2e.yml"
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (workflow, 19, "rancher/k3s:v1.34.1-k3s1", "public"),
        (workflow, 19, "rancher/k3s:v1.32.8-k3s1", "public"),
        (workflow, 32, "rancher/k3s:v1.33.4-k3s1", "public"),
        ("dev/setup-k3d.sh", 4, "rancher/k3s:v1.31.12-k3s1", "public"),
    }
    assert {r["use"] for r in records} == {"k3d cluster create"}


TOOLS_MK = """\
tools.dir    = $(abspath $(dir $(lastword $(MAKEFILE_LIST))))/tools
tools.bindir = $(tools.dir)/bin
tools/k3d    = $(tools.bindir)/k3d
$(tools.bindir)/k3d:
\tcurl -sfL https://github.com/k3d-io/k3d/releases/download/v5.6.0/k3d-linux-amd64 -o $@
"""

CI_MK = """\
include $(dir $(lastword $(MAKEFILE_LIST)))tools.mk

K3S_VERSION ?= 1.29.4-k3s1
ci/setup-k3d: $(tools/k3d)
\t$(tools/k3d) cluster create --wait --image=docker.io/rancher/k3s:v$(K3S_VERSION) ci
"""


def test_k3d_run_through_a_make_name_with_a_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GNU make allows `/` in a variable's name (https://www.gnu.org/software/make/manual/html_node/Using-Variables.html):
    `tools/k3d = $(tools.bindir)/k3d`, the binary a target installs, is k3d where `$(tools/k3d)` runs."""
    write_tree(tmp_path, {"build-aux/tools.mk": TOOLS_MK, "build-aux/ci.mk": CI_MK})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"] == [
        ("build-aux/ci.mk", 5, "rancher/k3s:v1.29.4-k3s1"),
    ]
