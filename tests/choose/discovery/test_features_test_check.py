"""A Dev Container Feature's test script runs its commands through `check LABEL COMMAND [ARGS...]`, the helper of
the `dev-container-features-test-lib` that `devcontainer features test` puts beside it: the command after the label
runs (and its exit status is the check's), so the images it runs or pulls are pulled."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

SCRIPT = """\
#!/bin/bash
set -e
source dev-container-features-test-lib

check "docker daemon answers" docker info
check "containers run on the containerd snapshotter" \\
    docker run --rm hello-world
check 'pull through sudo' sudo docker pull busybox:1.36
check "alpine" bash -c "docker run --rm alpine:3.20 true"
if [ "$(uname -m)" = "x86_64" ]; then
    check "amd64 image" docker run --rm --platform linux/amd64 nginx:1.27 true
fi
echo "check docker run ubuntu:24.04 by hand"
reportResults
"""


def test_the_command_a_check_runs_is_read() -> None:
    assert [(item.text, item.line) for item in docker_runs(SCRIPT, "test/docker-in-docker/containerd.sh")] == [
        ("hello-world", 6),
        ("busybox:1.36", 8),
        ("alpine:3.20", 9),
        ("nginx:1.27", 11),
    ]
