"""`ecr-mirror discover` reads the make targets and scripts a workflow step runs with the step's `env:`: the node
image of each combination of the job's matrix, given to the script that creates the kind cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - node_image: kindest/node:v1.32.5
          - node_image: kindest/node:v1.31.9
    steps:
      - uses: actions/checkout@v4
      - name: e2e tests
        env:
          NODE_IMAGE: ${{ matrix.node_image }}
          SIDECAR: busybox:1.37
        run: |
          make e2e
"""

MAKEFILE = """\
SIDECAR = busybox:1.36

e2e: | cluster run-e2e

cluster:
\t./hack/make-cluster.sh

run-e2e:
\tdocker run --rm $(SIDECAR) true

debug:
\tdocker run --rm $(NODE_IMAGE) sh
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
readonly NODE_IMAGE="${NODE_IMAGE:-kindest/node:v1.33.1}"
kind create cluster --name e2e --image "${NODE_IMAGE}"
"""


def test_a_step_s_env_reaches_the_script_its_make_target_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / "hack").mkdir()
    (tmp_path / ".github/workflows/e2e.yml").write_text(WORKFLOW)
    (tmp_path / "Makefile").write_text(MAKEFILE)
    (tmp_path / "hack/make-cluster.sh").write_text(SCRIPT)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .github/workflows/e2e.yml:18)"
    assert records == {
        ("Makefile", 9, "docker run", "busybox:1.36", "public"),  # the Makefile's plain assignment wins
        ("Makefile", 12, "docker run", "$(NODE_IMAGE)", "unresolved"),  # a target the step does not run
        ("hack/make-cluster.sh", 4, "kind create cluster", "kindest/node:v1.33.1", "public"),
        ("hack/make-cluster.sh", 4, f"kind create cluster {step}", "kindest/node:v1.32.5", "public"),
        ("hack/make-cluster.sh", 4, f"kind create cluster {step}", "kindest/node:v1.31.9", "public"),
    }


EXPORTING_WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.34.0, v1.35.0]
    steps:
      - run: echo "HELPER_IMAGE=busybox:1.37" >> $GITHUB_ENV
      - name: set up the clusters
        run: |
          export CLUSTER_VERSION=kindest/node:${{ matrix.k8s }}
          hack/local-up.sh
"""

LOCAL_UP = """\
#!/usr/bin/env bash
CLUSTER_VERSION=${CLUSTER_VERSION:-"kindest/node:v1.36.1"}
kind create cluster --name host --image="${CLUSTER_VERSION}"
docker pull "${HELPER_IMAGE:-busybox:1.36}"
"""


def test_what_a_step_exports_and_an_earlier_step_writes_to_github_env_reach_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / "hack").mkdir()
    (tmp_path / ".github/workflows/e2e.yml").write_text(EXPORTING_WORKFLOW)
    (tmp_path / "hack/local-up.sh").write_text(LOCAL_UP)
    records = {
        (r["file"], r["line"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .github/workflows/e2e.yml:14)"
    assert records == {
        ("hack/local-up.sh", 3, "kind create cluster", "kindest/node:v1.36.1", "public"),
        ("hack/local-up.sh", 4, "docker pull", "busybox:1.36", "public"),
        ("hack/local-up.sh", 3, f"kind create cluster {step}", "kindest/node:v1.34.0", "public"),
        ("hack/local-up.sh", 3, f"kind create cluster {step}", "kindest/node:v1.35.0", "public"),
        ("hack/local-up.sh", 4, f"docker pull {step}", "busybox:1.37", "public"),
    }


NESTED_WORKFLOW = """\
name: e2e
on: [pull_request]
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.34.0, v1.35.0]
    steps:
      - run: |
          export CLUSTER_VERSION=kindest/node:${{ matrix.k8s }}
          hack/local-up.sh
      - run: hack/pinned-up.sh
        env:
          CLUSTER_VERSION: kindest/node:v1.33.0
"""

LOCAL_UP_NESTED = """\
#!/usr/bin/env bash
set -o errexit
REPO_ROOT=$(dirname "${BASH_SOURCE[0]}")/..
"${REPO_ROOT}"/hack/setup-dev-base.sh
"""

PINNED_UP = """\
#!/usr/bin/env bash
export CLUSTER_VERSION=kindest/node:v1.32.0
bash "$(dirname "$0")/setup-dev-base.sh"
"""

SETUP_DEV_BASE = """\
#!/usr/bin/env bash
CLUSTER_VERSION=${CLUSTER_VERSION:-"kindest/node:v1.36.1"}
kind create cluster --name host --image="${CLUSTER_VERSION}"
"""


def test_a_step_s_env_reaches_the_scripts_its_script_runs_by_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / "hack").mkdir()
    (tmp_path / ".github/workflows/e2e.yml").write_text(NESTED_WORKFLOW)
    (tmp_path / "hack/local-up.sh").write_text(LOCAL_UP_NESTED)
    (tmp_path / "hack/pinned-up.sh").write_text(PINNED_UP)
    (tmp_path / "hack/setup-dev-base.sh").write_text(SETUP_DEV_BASE)
    records = {
        (r["file"], r["line"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    step = "(with the env of .github/workflows/e2e.yml:12)"
    pinned = "(with the env of .github/workflows/e2e.yml:13)"
    # the second step's script exports the name itself: its own value, not the step's, reaches the script it runs
    assert records == {
        ("hack/setup-dev-base.sh", 3, "kind create cluster", "kindest/node:v1.36.1", "public"),
        ("hack/setup-dev-base.sh", 3, f"kind create cluster {step}", "kindest/node:v1.34.0", "public"),
        ("hack/setup-dev-base.sh", 3, f"kind create cluster {step}", "kindest/node:v1.35.0", "public"),
        ("hack/setup-dev-base.sh", 3, f"kind create cluster {pinned}", "kindest/node:v1.32.0", "public"),
    }
