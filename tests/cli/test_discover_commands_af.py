"""`ecr-mirror discover` on commands held-out set AF showed missed: a workflow `run:` step over the job's matrix
whose command also names `${{ env.NAME }}` (gatekeeper's `kind create cluster --name ${{ env.CLUSTER }} --image
kindest/node:v${{ matrix.k8s }}`), and a cluster tool run by its path (`${GITHUB_WORKSPACE}/bin/kind create
cluster`, the binary a target downloaded there)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _discover(tree: dict[str, str], root: Path, capsys: pytest.CaptureFixture[str]) -> set[tuple[Any, ...]]:
    write_tree(root, tree)  # the tests chdir to `root` with monkeypatch
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in json.loads(out)}


CLUSTERS_WORKFLOW = """\
name: multi-cluster e2e
on: pull_request
env:
  HUB: hub
  IMAGE: acme/agent:e2e
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: ["1.31.6", "1.32.3"]
    env:
      SPOKE: spoke
    steps:
      - name: Create the hub cluster
        run: |
          kind create cluster --name ${{ env.HUB }} \\
            --image kindest/node:v${{ matrix.k8s }} \\
            --wait 120s
      - name: Create the spoke cluster
        run: |
          kind create cluster --name ${{ env.SPOKE }} --image kindest/node:v${{ matrix.k8s }}
      - name: Probe
        run: |
          docker run --rm --name probe-${{ matrix.k8s }} ${{ env.IMAGE }}-${{ github.sha }}
          docker run --rm --name probe-${{ matrix.k8s }} ${{ env.NOWHERE }}
"""


def test_a_run_step_over_the_matrix_takes_env_values_and_keeps_other_expressions_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover({".github/workflows/e2e.yml": CLUSTERS_WORKFLOW}, tmp_path, capsys)
    shown = ".github/workflows/e2e.yml"
    assert {(f, line, ref) for f, line, ref, status in got if status == "public"} == {
        (shown, 17, "kindest/node:v1.31.6"),
        (shown, 17, "kindest/node:v1.32.3"),
        (shown, 22, "kindest/node:v1.31.6"),
        (shown, 22, "kindest/node:v1.32.3"),
    }
    assert {(f, line) for f, line, ref, status in got if status == "unresolved"} == {(shown, 25), (shown, 26)}


CLUSTER_MAKEFILE = """\
KUBERNETES_VERSION ?= 1.33.0
KIND_NODE := kindest/node:v$(KUBERNETES_VERSION)

e2e-bootstrap:
\tcurl -L https://kind.sigs.k8s.io/dl/v0.29.0/kind-linux-amd64 -o ${GITHUB_WORKSPACE}/bin/kind
\tif [ ! -f $(KIND_CONFIG) ]; then \\
\t\t${GITHUB_WORKSPACE}/bin/kind create cluster --image $(KIND_NODE) --wait 5m; \\
\telse \\
\t\t./bin/kind create cluster --config $(KIND_CONFIG) --image kindest/node:v1.32.3 --wait 5m; \\
\tfi
\t$(LOCALBIN)/kubectl run probe --image=busybox:1.37 -- true
\t./hack/kindling create cluster --image acme/not-kind:1
\techo ./bin/kind create cluster --image acme/echoed:1
"""


def test_a_cluster_tool_run_by_its_path_is_that_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover({"Makefile": CLUSTER_MAKEFILE}, tmp_path, capsys)
    assert got == {
        ("Makefile", 6, "kindest/node:v1.33.0", "public"),
        ("Makefile", 6, "kindest/node:v1.32.3", "public"),
        ("Makefile", 11, "busybox:1.37", "public"),
    }


TEST_IMAGE_WORKFLOW = """\
name: dev release
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        flavor: [alpine, ubuntu]
    steps:
      - name: Test Image
        run: |
          echo ${{ steps.build.outputs.digest }}
          image_tags=(${{ steps.metadata.outputs.tags }})
          for image_tag in "${image_tags[@]}"; do
            echo "Testing ${{ matrix.flavor }} image"
            docker run -d -p 6379:6379 ${image_tag}
          done
"""


def test_a_run_step_over_the_matrix_reports_an_unresolved_line_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {".github/workflows/dev.yml": TEST_IMAGE_WORKFLOW})
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert [(r["line"], r["status"]) for r in json.loads(out)] == [(16, "unresolved")]
