"""`ecr-mirror discover` reads the `command:` input of a retrying action's step (nick-fields/retry,
Wandalen/wretry.action) as it reads a `run:` step: the action runs it in a shell with the step's environment, so the
scripts it runs get the job's matrix and the names the command exports, and its commands over the matrix are read
once per combination."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = """\
name: schedule
on: [workflow_dispatch]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.30.0, v1.31.0]
    steps:
      - uses: actions/checkout@v4
      - name: set up the clusters
        uses: nick-fields/retry@v3
        with:
          max_attempts: 3
          timeout_minutes: 20
          command: |
            export CLUSTER_VERSION=kindest/node:${{ matrix.k8s }}
            hack/local-up.sh
      - name: pre-pull
        uses: Wandalen/wretry.action@v3
        with:
          attempt_limit: 3
          command: docker pull registry.k8s.io/kube-apiserver:${{ matrix.k8s }}
      - name: not a retry action
        uses: acme/other-action@v1
        with:
          command: |
            export CLUSTER_VERSION=kindest/node:v1.20.0
            hack/local-up.sh
"""

LOCAL_UP = """\
#!/usr/bin/env bash
CLUSTER_VERSION=${CLUSTER_VERSION:-"kindest/node:v1.36.1"}
kind create cluster --name host --image="${CLUSTER_VERSION}"
"""


def test_a_retry_action_s_command_is_read_as_a_run_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/schedule.yml": WORKFLOW, "hack/local-up.sh": LOCAL_UP})
    records = {
        (r["file"], r["line"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] != "unresolved"
    }
    assert records == {
        ("hack/local-up.sh", 3, "kindest/node:v1.36.1", "public"),
        ("hack/local-up.sh", 3, "kindest/node:v1.30.0", "public"),
        ("hack/local-up.sh", 3, "kindest/node:v1.31.0", "public"),
        (".github/workflows/schedule.yml", 23, "registry.k8s.io/kube-apiserver:v1.30.0", "public"),
        (".github/workflows/schedule.yml", 23, "registry.k8s.io/kube-apiserver:v1.31.0", "public"),
    }
