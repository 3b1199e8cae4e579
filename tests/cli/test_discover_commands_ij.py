"""`ecr-mirror discover` on commands held-out sets I and J showed missed: a workflow `run:` step over the job's
matrix, `kind create cluster --image`, commands after `xargs`, a bash array holding a docker command."""

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
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in json.loads(out)}


E2E_WORKFLOW = """\
name: e2e
on: pull_request
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        include:
          - k8s: v1.31.4
            app: "12.0.0"
          - k8s: v1.32.1
            app: ""
    steps:
      - name: Warm the node image
        run: |
          docker pull kindest/node:${{ matrix.k8s }} > /dev/null 2>&1 &
      - run: docker pull example/tool:${{ matrix.app || 'latest' }}
      - uses: actions/checkout@v4
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: docker run --rm example/linter:${{ matrix.nothing }}
"""


def test_a_run_step_over_the_jobs_matrix_is_read_once_per_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover({".github/workflows/e2e.yml": E2E_WORKFLOW}, tmp_path, capsys)
    shown = ".github/workflows/e2e.yml"
    assert {(f, line, ref) for f, line, ref, status in got if status == "public"} == {
        (shown, 17, "kindest/node:v1.31.4"),
        (shown, 17, "kindest/node:v1.32.1"),
        (shown, 18, "example/tool:12.0.0"),
        (shown, 18, "example/tool:latest"),
    }
    (unresolved,) = [item for item in got if item[3] != "public"]
    assert unresolved[:2] == (shown, 23)


KIND_TREE = {
    "Makefile": (
        "KIND_NODE_IMAGE ?= kindest/node:v1.33.1\n\n.PHONY: e2e-cluster\ne2e-cluster:\n"
        "\tkind create cluster --name e2e --image=$(KIND_NODE_IMAGE) --wait 120s\n"
        '\t@echo "kind create cluster --image not/echoed:1"\n'
    ),
    "hack/cluster.sh": (
        '#!/usr/bin/env bash\nset -euo pipefail\nif [ -z "${NODE:-}" ]; then NODE=a; else NODE=b; fi\n'
        "kind create cluster \\\n  --config hack/kind.yaml \\\n  --image kindest/node:v1.32.5@sha256:"
        + "a" * 64
        + '\nkind create cluster --image "kindest/node:${NODE}"\nkind get clusters\n'
    ),
}


def test_kind_create_cluster_image_is_pulled_in_command_position_with_variables_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover(KIND_TREE, tmp_path, capsys)
    assert ("Makefile", 5, "kindest/node:v1.33.1", "public") in got
    assert ("hack/cluster.sh", 4, f"kindest/node:v1.32.5@sha256:{'a' * 64}", "public") in got
    unresolved = [item for item in got if item[3] == "unresolved"]
    assert [item[:2] for item in unresolved] == [("hack/cluster.sh", 7)]
    assert not any("not/echoed" in str(item[2]) for item in got)


XARGS_TREE = {
    "scripts/check-configs.sh": (
        "#!/bin/sh\nset -e\n"
        "find config -name '*.yaml' | xargs -I {} docker run --rm -v \"$PWD:/w\" -w /w example/validator:3 {}\n"
        "ls dashboards | xargs -n1 -P 4 docker run --rm example/render:1.2\n"
        "git ls-files '*.sh' | xargs -0 -r docker run --rm -v \"$PWD:/mnt\" koalaman/shellcheck:v0.10.0\n"
        "echo done | xargs echo docker run not/run:1\n"
    ),
}


def test_a_command_after_xargs_and_its_options_is_in_command_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover(XARGS_TREE, tmp_path, capsys)
    assert {(line, ref) for _, line, ref, _ in got} == {
        (3, "example/validator:3"),
        (4, "example/render:1.2"),
        (5, "koalaman/shellcheck:v0.10.0"),
    }


ARRAY_TREE = {
    "tests/grpc_smoke.sh": (
        "#!/usr/bin/env bash\nset -ex\n\n"
        'grpc=("docker" "run" "--rm" "--network=host" "-v" "${PWD}/proto:/proto" "example/grpc-client" "-plaintext")\n'
        "local_cmd=(docker pull 'example/warm:2')\n"
        'words=("echo" "docker" "run" "not/an-image:1")\n'
        "\"${grpc[@]}\" -d '{}' localhost:6334 svc.Health/Check\n"
    ),
}


def test_a_bash_array_holding_a_docker_command_names_the_image_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    got = _discover(ARRAY_TREE, tmp_path, capsys)
    assert {(line, ref) for _, line, ref, _ in got} == {(4, "example/grpc-client:latest"), (5, "example/warm:2")}
