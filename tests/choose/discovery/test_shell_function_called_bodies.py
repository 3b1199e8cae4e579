"""A wrapper function's own command with its positional parameters (`docker pull "$1"`) is read at each call, with
the call's words; where the script calls it, its body is not reported again as unresolved (`$1` known only when it
runs): every value it takes is read at a call. A function the script never calls keeps its body's report."""

from __future__ import annotations

from ecr_mirror.choose.discovery.containerd_cli_pulls import containerd_cli_pulls
from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.script_unrolled import unrolled

CALLED = """\
#!/bin/bash
pull_image() {
  echo "Pulling image $1"
  docker pull "$1" > /dev/null 2>&1 &
}
warm() {
  sudo ctr -n k8s.io images pull "$1"
}
pull_image "docker.io/acme/runner:24.04"
pull_image ghcr.io/acme/agent:v2
warm registry.k8s.io/pause:3.10
wait
"""

UNCALLED = """\
#!/bin/bash
pull_image() {
  docker pull "$1"
}
"""


def _found(text: str) -> list[tuple[str, int, bool]]:
    read = unrolled(text)
    return [
        (item.text, item.line or 0, item.problem is None)
        for item in docker_runs(read, "a.sh") + containerd_cli_pulls(read, "a.sh")
    ]


def test_a_called_wrappers_body_is_read_only_at_its_calls() -> None:
    assert sorted(_found(CALLED)) == [
        ("docker.io/acme/runner:24.04", 9, True),
        ("ghcr.io/acme/agent:v2", 10, True),
        ("registry.k8s.io/pause:3.10", 11, True),
    ]


def test_a_wrapper_never_called_keeps_its_bodys_unresolved_report() -> None:
    assert [(line, ok) for _, line, ok in _found(UNCALLED)] == [(3, False)]
