"""A script's function that takes its own first arguments, `shift`s them off and hands the rest to kubectl with
options written from them (`kubectl --context="${context}" "$@" --dry-run=client -o yaml | kubectl apply -f -`):
its calls are read as the kubectl command it runs, without the words it shifted off."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.shell_functions import unwrapped

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

apply_generated() {
  local context="$1"
  shift

  kubectl --context="${context}" "$@" --dry-run=client -o yaml |
    kubectl --context="${context}" apply -f -
}

in_cluster() {
  local kubeconfig="$1" namespace="$2"
  shift 2
  kubectl --kubeconfig "${kubeconfig}" -n "${namespace}" "$@"
}

with_docker() {
  local host=$1
  shift
  DOCKER_HOST="$host" docker "$@"
}

apply_generated "${SPOKE_CONTEXT}" -n demo create deployment demo \\
  --image=registry.k8s.io/pause:3.10.1
in_cluster "$KUBECONFIG" default run probe --image=curlimages/curl:8.10.1 --restart=Never
with_docker tcp://10.0.0.2:2375 pull redis:7.4
"""


def test_the_words_a_wrapper_shifts_off_are_not_read_as_the_commands() -> None:
    text = unwrapped(SCRIPT)
    assert len(text.splitlines()) == len(SCRIPT.splitlines())
    pods = sorted((item.text, item.line) for item in kubectl_images(text, "e2e/setup.sh"))
    assert pods == [("curlimages/curl:8.10.1", 26), ("registry.k8s.io/pause:3.10.1", 24)]
    assert [(item.text, item.line) for item in docker_runs(text, "e2e/setup.sh")] == [("redis:7.4", 27)]
