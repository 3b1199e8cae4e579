"""A step's `env:` value taken from an earlier step's output (`KIND_IMAGE: ${{ steps.node_image.outputs.image }}`,
the earlier step mapping the matrix value to a node image with `case` and writing it to `$GITHUB_OUTPUT`) is that
literal output, per combination of the matrix, for the make targets and scripts the step runs
(https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  chart:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        kube: ["1.31", "1.32", "1.99"]
    steps:
      - uses: actions/checkout@v4
      - name: Pick the kind node image
        id: node_image
        run: |
          case ${{ matrix.kube }} in
            1.31)
              NODE_IMAGE=kindest/node:v1.31.4@sha256:1111111111111111111111111111111111111111111111111111111111111111 ;;
            1.32)
              NODE_IMAGE=kindest/node:v1.32.1@sha256:2222222222222222222222222222222222222222222222222222222222222222
          esac

          echo "image=$NODE_IMAGE" >> $GITHUB_OUTPUT
      - name: Set up the cluster
        run: make kind-cluster
        env:
          KIND_IMAGE: ${{ steps.node_image.outputs.image }}
          OTHER: ${{ steps.missing.outputs.image }}
"""

MAKEFILE = """\
KIND_IMAGE ?= kindest/node:v1.33.0

kind-cluster:
\tkind create cluster --name chart --image $(KIND_IMAGE)
"""


def test_an_env_value_from_an_earlier_step_s_output_reaches_the_make_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/e2e.yml").write_text(WORKFLOW)
    (tmp_path / "Makefile").write_text(MAKEFILE)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "kind create cluster (with the env of .github/workflows/e2e.yml:23)"
    one, two = "1" * 64, "2" * 64
    assert records == {
        ("Makefile", 4, "kind create cluster", "kindest/node:v1.33.0", "public"),
        ("Makefile", 4, step, f"kindest/node:v1.31.4@sha256:{one}", "public"),
        ("Makefile", 4, step, f"kindest/node:v1.32.1@sha256:{two}", "public"),
    }
