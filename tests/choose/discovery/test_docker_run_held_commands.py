"""A script that keeps its docker command in a variable (`DOCKER_RUN="docker run"`, with options per platform) and
runs `$DOCKER_RUN ... IMAGE` runs IMAGE."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

SCRIPT = """\
#!/usr/bin/env bash
set -o errexit
DOCKER_RUN="docker run"
if [[ "$OSTYPE" == "linux-gnu"* ]]; then
  DOCKER_RUN="docker run --network host"
fi
$DOCKER_RUN --rm -it -v "${OUT}":/workdir mikefarah/yq -e '.a' /api/openapi.yaml > out
${DOCKER_RUN} --rm -v "${OUT}":/workdir node npx -y openapi-typescript /workdir/temp
echo "$DOCKER_RUN alpine:3.20 is how it runs"
"""


def test_a_command_held_in_a_variable_runs_its_image() -> None:
    found = docker_runs(SCRIPT, "hack/create-types")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("mikefarah/yq", 7, None),
        ("node", 8, None),
    ]


def test_a_variable_holding_something_else_is_not_a_docker_command() -> None:
    text = 'RUNNER="make run"\n$RUNNER --rm alpine:3.20\nPULL="docker pull"\n$PULL busybox:1.36\n'
    assert [(item.text, item.line) for item in docker_runs(text, "run.sh")] == [("busybox:1.36", 4)]


def test_a_makefile_variable_holding_a_docker_command_runs_its_image() -> None:
    text = "DOCKER_RUN := docker run --rm -v $(CURDIR):/src\n\nlint:\n\t$(DOCKER_RUN) golangci/golangci-lint:v2.1 run\n"
    assert [(item.text, item.line) for item in docker_runs(text, "Makefile")] == [("golangci/golangci-lint:v2.1", 4)]
