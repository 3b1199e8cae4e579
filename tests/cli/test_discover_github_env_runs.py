"""`ecr-mirror discover` on a workflow whose `run:` step reads, by `${{ env.NAME }}`, what an earlier bash step of
its job wrote to `$GITHUB_ENV` (`echo "KIND_NODE=v1.31.0" >> "$GITHUB_ENV"`, or `cat FILE >> "$GITHUB_ENV"`): the
runner gives the steps after it that value, so a `docker pull` or a kind configuration written in a heredoc names
that image. A value written by a later step, or with a variable, is not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: e2e
on: [push]
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "KIND_NODE=v1.31.0" >> "$GITHUB_ENV"
          cat .github/pins.env >> $GITHUB_ENV
      - run: docker pull kindest/node:${{ env.KIND_NODE }}
      - run: |
          cat > kind.yaml <<EOF
          kind: Cluster
          apiVersion: kind.x-k8s.io/v1alpha4
          nodes:
          - role: control-plane
            image: kindest/node:${{ env.KIND_NODE }}@${{ env.KIND_SHA }}
          EOF
      - run: docker pull ${{ env.LATER }}
      - run: echo "LATER=redis:7.4" >> "$GITHUB_ENV"
"""

TREE = {
    ".github/workflows/e2e.yml": WORKFLOW,
    ".github/pins.env": "KIND_SHA=sha256:" + "a" * 64 + "\n",
}


def test_a_run_step_reads_what_an_earlier_step_wrote_to_github_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows(TREE, tmp_path, monkeypatch, capsys)
    rows = {(row[1], row[4], row[5]) for row in records}
    assert (10, "kindest/node:v1.31.0", "public") in rows
    assert (17, "kindest/node:v1.31.0@sha256:" + "a" * 64, "public") in rows
    assert (19, None, "unresolved") in rows  # written after it runs
