"""A make variable a recipe defines with make's `eval` (https://www.gnu.org/software/make/manual/html_node/Eval-
Function.html), `$(eval CONTAINER_RUNTIME_BIN := $(shell if command -v docker ...; then echo "docker"; elif ...; then
echo "podman"; ... fi))` in a prerequisite's recipe: a make assignment like any other, so `$(CONTAINER_RUNTIME_BIN)
run IMAGE` in the target's recipe runs the image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.program_variables import named_programs

MAKEFILE = """\
export IMAGE ?= quay.io/acme/promtool-runner:v2.53.0

container-runtime-tool:
\t$(eval CONTAINER_RUNTIME_BIN := $(shell if command -v docker &>/dev/null; then \\
\t\techo "docker"; \\
\telif command -v podman &>/dev/null; then \\
\t\techo "podman"; \\
\telse \\
\t\techo "Neither Docker nor Podman is installed. Exiting..."; \\
\t\texit 1; \\
\tfi))

test-alerts: container-runtime-tool
\t$(CONTAINER_RUNTIME_BIN) run --rm -t \\
\t-v $(RULES):/prometheus/rules.yaml \\
\t$(IMAGE) -c 'promtool test rules tests/*'

other-tool:
\t$(eval OTHER_BIN := $(shell command -v helm || echo docker))
\t$(OTHER_BIN) run --rm acme/other:1
"""


def test_a_program_a_recipe_evals_by_probing_for_docker_or_podman() -> None:
    found = [(item.text, item.line) for item in docker_runs(named_programs(MAKEFILE), "make/alerts.mk")]
    assert found == [("quay.io/acme/promtool-runner:v2.53.0", 14)]
