"""A script's own functions that run their arguments as a command (`retry 3 docker pull x`) or hand them to docker
or kubectl (`k() { kubectl "$@"; }`): their calls are read as the command they run."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.shell_functions import unwrapped

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

quietly() {
  out="$("${@}" 2>&1)" || { echo "failed: $out"; return 1; }
}

function with_retries {
\tlocal attempts=$1
\tshift
\tuntil "$@"; do sleep 5; done
}

kctl() {
\tfor i in 1 2 3; do
\t\tkubectl --request-timeout=30s "$@" && return 0
\tdone
}

say() { echo "$@"; }

dock() { sudo docker "$@"; }

quietly docker pull golang:1.23-alpine
with_retries 4 docker pull postgres:16.4
kctl run probe --rm -i --restart=Never --image=curlimages/curl:8.10.1 -- curl -s http://api
if dock run --rm busybox:1.36 true; then :; fi
say docker run not/pulled:1
echo quietly docker pull not/pulled:2
"""


def test_wrapped_commands_are_read_at_their_lines() -> None:
    text = unwrapped(SCRIPT)
    assert len(text.splitlines()) == len(SCRIPT.splitlines())
    runs = [(item.text, item.line) for item in docker_runs(text, "ci/test.sh")]
    assert runs == [("golang:1.23-alpine", 24), ("postgres:16.4", 25), ("busybox:1.36", 27)]
    pods = [(item.text, item.line) for item in kubectl_images(text, "ci/test.sh")]
    assert pods == [("curlimages/curl:8.10.1", 26)]


def test_a_text_without_such_functions_is_unchanged() -> None:
    text = 'log() { echo "$*" >&2; }\nlog docker pull x:1\nmain() { docker build .; }\nmain "$@"\n'
    assert unwrapped(text) == text
    assert docker_runs(unwrapped(text), "build.sh") == []
