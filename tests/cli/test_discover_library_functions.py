"""`ecr-mirror discover` reads the wrapper functions a script takes from the shell library it sources: `source FILE`
runs the library's lines in the script's shell, so the functions it defines (`kubectl_bin() { ... kubectl "$@"
...; }`, `in_docker() { "$ROOT/ci/run-in-docker.sh" -i "$1" "${@:2}"; }`) are the script's own at every later line;
a call of one is read as the command it runs, and the library's function bodies are not read as the script's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

# an e2e suite's shared functions, sourced by each test's `run` script
FUNCTIONS = """\
#!/bin/bash

kubectl_bin() {
\tlocal LAST_OUT="$(mktemp)"
\tfor i in $(seq 0 2); do
\t\tkubectl "$@" 1>"$LAST_OUT"
\t\t[ $? -eq 0 ] && break
\tdone
\tcat "$LAST_OUT"
}

pull_and_run() {
\tdocker run --rm -d "$1"
}
"""

RUN = """\
#!/bin/bash

set -o errexit

test_dir=$(realpath $(dirname $0))
. ${test_dir}/../functions

kubectl_bin run -i --tty vault-cp --image=example/vault-cp:latest --restart=Never -- sh -c true
pull_and_run redis:7.2
"""

# a runner script taking the image as an option, and a release library wrapping it in a function
RUNNER = """\
#!/usr/bin/env bash
IMAGE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -i|--image) IMAGE="$2"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
exec docker run --rm -v "$PWD:/build" "$IMAGE" "$@"
"""

LIB = """\
#!/usr/bin/env bash
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HELM_IMAGE="${HELM_IMAGE:-alpine/helm:3.16.2}"
GH_IMAGE="${GH_IMAGE:-maniator/gh:v2.62.0}"
export HELM_IMAGE GH_IMAGE

in_docker() {
  local -a extra=()
  "$REPO_ROOT/ci/run-in-docker.sh" -i "$1" "${extra[@]+"${extra[@]}"}" "${@:2}"
}
"""

HELM = """\
#!/usr/bin/env bash
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$SCRIPT_DIR/_lib.sh"

in_docker "$HELM_IMAGE" -w /build -- lint ./charts/app/
NOTES=$(in_docker "$GH_IMAGE" \\
  -e GH_TOKEN -- release view)
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str, str]]:
    return {(r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_function_of_a_sourced_library_hands_its_arguments_to_kubectl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"e2e-tests/functions": FUNCTIONS, "e2e-tests/backup/run": RUN}, tmp_path, capsys)
    seen = {item for item in _seen(records) if item[0] == "e2e-tests/backup/run"}
    assert seen == {
        ("e2e-tests/backup/run", 8, "kubectl run", "example/vault-cp:latest", "public"),
        ("e2e-tests/backup/run", 9, "docker run", "redis:7.2", "public"),
    }


def test_a_function_of_a_sourced_library_hands_its_argument_to_a_runner_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"ci/run-in-docker.sh": RUNNER, "scripts/release/_lib.sh": LIB, "scripts/release/components/helm.sh": HELM}
    records = tree_records(tree, tmp_path, capsys)
    seen = {item for item in _seen(records) if item[0] == "scripts/release/components/helm.sh"}
    assert seen == {
        ("scripts/release/components/helm.sh", 6, "ci/run-in-docker.sh -i", "alpine/helm:3.16.2", "public"),
        ("scripts/release/components/helm.sh", 7, "ci/run-in-docker.sh -i", "maniator/gh:v2.62.0", "public"),
    }


# a library's function that creates a kind cluster with the node image given as its third argument
UTIL = """\
#!/usr/bin/env bash
DEFAULT_CLUSTER_VERSION="kindest/node:v1.36.1"

function util::create_cluster() {
  local cluster_name=${1}
  local kubeconfig=${2}
  local kind_image=${3}
  local log_path=${4}
  nohup kind create cluster --name "${cluster_name}" --kubeconfig="${kubeconfig}" --image="${kind_image}" \\
    >> "${log_path}/${cluster_name}.log" 2>&1 &
}
"""

SETUP = """\
#!/usr/bin/env bash
set -o errexit
REPO_ROOT=$(dirname "${BASH_SOURCE[0]}")/..
source "${REPO_ROOT}"/hack/util.sh
CLUSTER_VERSION=${CLUSTER_VERSION:-"${DEFAULT_CLUSTER_VERSION}"}
util::create_cluster host "${HOME}/.kube/host.config" "${CLUSTER_VERSION}" /tmp/logs
util::create_cluster member1 "${HOME}/.kube/members.config" kindest/node:v1.35.0 /tmp/logs
"""


def test_a_function_of_a_sourced_library_creates_a_kind_cluster_with_its_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"hack/util.sh": UTIL, "hack/setup-dev.sh": SETUP}, tmp_path, capsys)
    seen = {item for item in _seen(records) if item[0] == "hack/setup-dev.sh"}
    assert seen == {
        ("hack/setup-dev.sh", 6, "kind create cluster", "kindest/node:v1.36.1", "public"),
        ("hack/setup-dev.sh", 7, "kind create cluster", "kindest/node:v1.35.0", "public"),
    }


# a library's function that runs an image named by the caller's globals, set by another library sourced after it
HELPERS = """\
#!/bin/bash
create_certificates()
{
  local DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null && pwd )"
  docker run -v ${DIR}/../security/:/secrets/ -u0 $REPOSITORY/cp-base-new:${CONFLUENT_DOCKER_TAG} bash -c "cd /x"
  docker run --rm -v ${DIR}/../security/:/secrets/ \\
    localbuild/connect:${CONFLUENT_DOCKER_TAG} keytool -list
}

build_connect_image()
{
  docker build --build-arg REPOSITORY=$REPOSITORY -t localbuild/connect:${CONFLUENT_DOCKER_TAG} -f Dockerfile .
}
"""

ENV = """\
export REPOSITORY=${REPOSITORY:-confluentinc}
export CONFLUENT_DOCKER_TAG=8.1.0
"""

START = """\
#!/bin/bash
DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"
source ${DIR}/helper/functions.sh
source ${DIR}/env.sh

if [[ ! -f ${DIR}/security/keypair.pem ]]; then
  create_certificates || exit 1
fi
"""


def test_a_function_of_a_sourced_library_runs_the_image_the_caller_s_globals_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {"scripts/helper/functions.sh": HELPERS, "scripts/env.sh": ENV, "scripts/start.sh": START}
    seen = _seen(tree_records(tree, tmp_path, capsys))
    assert ("scripts/start.sh", 7, "docker run", "confluentinc/cp-base-new:8.1.0", "public") in seen
    # an image the library builds itself (`docker build -t` with the same words) is not read at the call
    assert not {item for item in seen if item[0] == "scripts/start.sh" and "localbuild" in item[3]}
    # the function's own file does not know the globals
    assert (
        "scripts/helper/functions.sh",
        5,
        "docker run",
        "$REPOSITORY/cp-base-new:${CONFLUENT_DOCKER_TAG}",
        "unresolved",
    ) in seen
