"""`ecr-mirror discover` reads a workflow `run:` step's `${{ needs.JOB.outputs.NAME }}` as the literal text the job
it needs declares for that output (`outputs: {k8s_latest: "1.32.0"}`: the same in every run,
https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#needs-context); an output a step
computes is known only when the workflow runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

WORKFLOW = """\
name: ci
on: [pull_request]
jobs:
  checks:
    runs-on: ubuntu-latest
    outputs:
      k8s_latest: "1.32.0"
      go_version: ${{ steps.vars.outputs.go_version }}
    steps:
      - id: vars
        run: echo "go_version=$(go env GOVERSION)" >> "$GITHUB_OUTPUT"
  smoke:
    runs-on: ubuntu-latest
    needs: checks
    steps:
      - name: Deploy Kubernetes
        run: |
          kind create cluster --name smoke --image=kindest/node:v${{ needs.checks.outputs.k8s_latest }} --wait 75s
          docker run --rm golang:${{ needs.checks.outputs.go_version }} go version
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: docker run --rm kindest/node:v${{ needs.checks.outputs.k8s_latest }} true
"""


def test_a_literal_output_of_a_needed_job_is_read_in_a_run_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({".github/workflows/ci.yml": WORKFLOW}, tmp_path, capsys)
    seen = {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}
    workflow = ".github/workflows/ci.yml"
    assert seen == {
        (workflow, 18, "kindest/node:v1.32.0", "public"),
        # an output a step computes, and one of a job the step's job does not need, stay unresolved
        (workflow, 19, "golang:${{ needs.checks.outputs.go_version }}", "unresolved"),
        (workflow, 23, "kindest/node:v${{ needs.checks.outputs.k8s_latest }}", "unresolved"),
    }
