"""A variable that holds the path a lookup prints for the container CLI, `DOCKER=$(command -v docker)` (`which`,
`type -p`, make's `$(shell command -v docker)`): `command -v NAME` prints the pathname the shell runs for NAME, so
`$DOCKER run IMAGE` runs docker (or podman) and pulls IMAGE. A lookup of another program, or one that may print
another's path (`command -v nerdctl || echo docker`), names no engine."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.program_variables import named_programs

SCRIPT = """\
#!/bin/bash
set -e

# Determine available docker binary
_docker=$(command -v 'podman') || \\
_docker=$(command -v 'docker') || \\
{ echo 'docker not found'; exit 1; }

# Start postgres container
CID=$($_docker run --detach \\
    --publish "127.0.0.1:5432:5432" \\
    --env "POSTGRES_PASSWORD=${DB_PASS}" \\
    'docker.io/postgres:17')

ENGINE="$(which docker)"
"$ENGINE" pull redis:7.4
HELM=$(command -v helm)
$HELM run example/not-an-image:1
"""

MAKEFILE = """\
SHOWN := $(shell command -v docker)
RUNTIME := $(shell command -v nerdctl || echo docker)
CONTAINER_RUNTIME ?= $(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)
MIXED ?= $(shell command -v docker 2>/dev/null || command -v nerdctl 2>/dev/null)

lint:
\t$(SHOWN) run --rm example/shown:1
\t$(RUNTIME) run --rm example/runtime:1
\t$(CONTAINER_RUNTIME) run --rm example/chain:1
\t$(MIXED) run --rm example/mixed:1
"""


def test_a_variable_holding_a_lookup_of_docker_or_podman_is_the_engine() -> None:
    found = [(item.text, item.line) for item in docker_runs(named_programs(SCRIPT), "test/run-postgres.sh")]
    assert found == [("docker.io/postgres:17", 10), ("redis:7.4", 16)]


def test_make_s_shell_lookup_is_the_engine_and_a_fallback_to_another_program_is_not() -> None:
    found = [(item.text, item.line) for item in docker_runs(named_programs(MAKEFILE), "Makefile")]
    # Reloader's `$(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)`: either lookup prints an
    # engine's pathname (stderr silenced, not stdout)
    assert found == [("example/shown:1", 7), ("example/chain:1", 9)]
