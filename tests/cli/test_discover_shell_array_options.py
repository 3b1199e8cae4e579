"""A command's options kept in a bash array that the script grows with `+=` in its branches, then spreads into the
command's words (`k3d cluster create NAME ${K3D_ARGS[*]}`, `kind create cluster "${KIND_OPTS[@]}"`): the image
option the array holds (`"--image=$K3S_IMAGE"`) is read as if written in place, with every element the script may
give the array (its first assignment's, and each append's, which may or may not run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.shell_arrays import array_elements
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

K3D_SCRIPT = """\
#!/usr/bin/env bash
# the k3s release the playground is tested with
KUBE_VERSION=1.33.2
K3S_IMAGE="rancher/k3s:v${KUBE_VERSION}-k3s1"

set -o errexit -o nounset

create_cluster() {
  local name="$1"
  CLUSTER_ARGS=(
    # the node ports (8000 and up) the demo services bind; don't narrow them
    "--k3s-arg=--kube-apiserver-arg=service-node-port-range=8000-32767@server:*"
    '-v /var/run/docker.sock:/var/run/docker.sock@server:*'
    # pin the Kubernetes version through the k3s image
    "--image=$K3S_IMAGE"
  )
  if [[ "${USE_HOST_NETWORK:-}" == true ]]; then
    CLUSTER_ARGS+=(
      '--network=host'
    )
  else
    CLUSTER_ARGS+=("-p 127.0.0.1:${REGISTRY_PORT:-30000}:30000@loadbalancer")
  fi
  k3d cluster create "${name}" ${CLUSTER_ARGS[*]} --wait
}

create_cluster demo
"""

KIND_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
KIND_OPTS=(--name e2e --wait 5m)
if [ -n "${PIN_NODE:-}" ]; then
  KIND_OPTS+=(--image "kindest/node:v1.32.2")
fi
kind create cluster "${KIND_OPTS[@]}"
# only printed, never run
NOTE_OPTS=(--image kindest/node:v1.20.0)
echo kind create cluster "${NOTE_OPTS[@]}"
"""


def test_image_options_in_grown_arrays_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"scripts/init-cluster.sh": K3D_SCRIPT, "hack/kind-up.sh": KIND_SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["use"], r["reference"], r["status"]) for r in records} == {
        ("scripts/init-cluster.sh", 24, "k3d cluster create", "rancher/k3s:v1.33.2-k3s1", "public"),
        ("hack/kind-up.sh", 7, "kind create cluster", "kindest/node:v1.32.2", "public"),
    }


def test_array_elements_of_every_assignment() -> None:
    text = 'A=(--one "two words") # c\nif x; then A+=(--three); fi\nB=(x)\nA+=(\n  # note\n  four\n)\n'
    assert array_elements(text) == {"A": ["--one", "two words", "--three", "four"], "B": ["x"]}


def test_array_elements_stay_linear_on_hostile_input() -> None:
    assert finishes(array_elements, "A=(\n" * 50_000 + "A+=(x\n" * 50_000) == {}
    closed = "A+=(--x 'y'\n)\n" * 50_000
    assert len(finishes(array_elements, closed)) == 0  # more elements than a command's options: not spread
    assert finishes(array_elements, "A=('" + "(" * 200_000) == {}
