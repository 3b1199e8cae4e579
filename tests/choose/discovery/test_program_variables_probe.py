"""A make variable that picks the container CLI by probing for it, `PODMAN := $(shell if command -v podman
>/dev/null 2>&1; then echo podman; else echo docker; fi)` (Grafana's shared `docs.mk`): every program it can print
is docker or podman, so `$(PODMAN) pull IMAGE` pulls IMAGE."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.program_variables import named_programs

MAKEFILE = """\
PODMAN := $(shell if command -v podman >/dev/null 2>&1; then echo podman; else echo docker; fi)
RUNTIME := $(shell command -v nerdctl || echo docker)
OTHER := $(shell if command -v helm >/dev/null; then echo helm; else echo docker; fi)
SHOWN := $(shell command -v docker)
VALIDATOR_IMAGE := example/doc-validator:latest

validate:
\t$(PODMAN) pull -q $(VALIDATOR_IMAGE)
\t$(RUNTIME) run --rm example/runtime:1
\t$(OTHER) run --rm example/other:1
\t$(SHOWN) run --rm example/shown:1
"""


def test_a_probe_that_prints_only_docker_or_podman_names_the_engine() -> None:
    # `command -v nerdctl || echo docker` may print a path to nerdctl; `helm` is no engine; `command -v docker`
    # prints docker's pathname (test_program_variables_lookup.py)
    found = [(item.text, item.line) for item in docker_runs(named_programs(MAKEFILE), "docs.mk")]
    assert found == [("example/doc-validator:latest", 8), ("example/shown:1", 11)]
