"""A Makefile's or a script's variable that names the container CLI (`DOCKER ?= docker`, `CONTAINER_TOOL ?=
podman`), where a command runs, read as that program: `$(DOCKER) run IMAGE` pulls IMAGE as `docker run IMAGE` does."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.local_builds import local_builds
from ecr_mirror.choose.discovery.program_variables import named_programs


def _runs(text: str, origin: str = "Makefile") -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in docker_runs(named_programs(text), origin)]


MAKEFILE = """\
DOCKER ?= docker
CONTAINER_TOOL ?= podman
LINT_IMAGE := acme/lint-tools:2.0

license:
\t$(DOCKER) run --rm -u $(shell id -u) -v $(shell pwd):/w acme/license-eye:0.6.0 header check
docs:
\t@${DOCKER} run --rm -v $(CURDIR)/charts:/docs docker.io/acme/chart-docs:v1.14.2
lint:
\t$(CONTAINER_TOOL) pull $(LINT_IMAGE) && $(CONTAINER_TOOL) run --rm $(LINT_IMAGE)
\techo "$(DOCKER) run not/echoed:1"
# $(DOCKER) run not/commented:1
"""


def test_a_make_variable_whose_value_is_docker_or_podman_runs_that_program() -> None:
    assert _runs(MAKEFILE) == [
        ("acme/license-eye:0.6.0", 6, None),
        ("docker.io/acme/chart-docs:v1.14.2", 8, None),
        ("acme/lint-tools:2.0", 10, None),
        ("acme/lint-tools:2.0", 10, None),
    ]


def test_a_shell_variable_defaulted_from_the_environment_to_docker_runs_docker() -> None:
    script = 'DOCKER="${DOCKER:-docker}"\n\n$DOCKER run --rm -d redis:7.2\n"$DOCKER" pull alpine:3.20\n'
    assert _runs(script, "hack/e2e.sh") == [("redis:7.2", 3, None), ("alpine:3.20", 4, None)]


def test_a_variable_of_another_program_or_of_no_literal_value_is_not_read_as_docker() -> None:
    text = """\
GO ?= go
ENGINE ?= $(shell command -v nerdctl || command -v podman)
TWO = docker
TWO = nerdctl
run:
\t$(GO) run ./cmd/tool not/go:1
\t$(ENGINE) run not/engine:1
\t$(TWO) run not/two:1
\t$(UNSET) run not/unset:1
"""
    assert _runs(text) == []


def test_either_docker_or_podman_assigned_in_two_branches_still_runs_a_container_cli() -> None:
    text = "ifeq ($(USE_PODMAN),1)\nCLI = podman\nelse\nCLI = docker\nendif\nup:\n\t$(CLI) run --rm nginx:1.27\n"
    assert _runs(text) == [("nginx:1.27", 7, None)]


def test_builds_through_the_variable_name_images_made_here() -> None:
    text = "DOCKER_CMD ?= docker\ntest:\n\t$(DOCKER_CMD) build -t acme/telemetry-tests ./test\n"
    assert [(b.name, b.line) for b in local_builds(named_programs(text), "Makefile")] == [("acme/telemetry-tests", 3)]


def test_lines_and_other_text_are_kept() -> None:
    text = "DOCKER ?= docker\nX = $(DOCKER)\n\t$(DOCKER) run a:1\n"
    assert named_programs(text) == "DOCKER ?= docker\nX = $(DOCKER)\n\tdocker run a:1\n"


def test_a_variable_naming_kind_or_kubectl_runs_that_program_where_it_makes_a_cluster_pull() -> None:
    script = """\
#!/usr/bin/env bash
readonly KIND=${KIND:-kind}
readonly KUBECTL=${KUBECTL:-kubectl}
readonly NODE=${NODE:-"docker.io/kindest/node:v1.31.2@sha256:%s"}
create() {
    ${KIND} create cluster \\
        --name e2e \\
        --image "${NODE}"
}
${KUBECTL} run probe --restart=Never --image=busybox:1.36 -- true
""" % ("0123456789abcdef" * 4)
    found = kubectl_images(named_programs(script), "test/scripts/cluster.sh")
    assert [(item.text, item.line, item.use) for item in found] == [
        (
            "docker.io/kindest/node:v1.31.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            6,
            "kind create cluster",
        ),
        ("busybox:1.36", 10, "kubectl run"),
    ]


def test_a_variable_whose_value_is_a_compose_command_runs_compose() -> None:
    makefile = """\
DOCKER ?= docker
DOCKER_COMPOSE ?= $(DOCKER) compose
COMPOSE_V1 := docker-compose
BUILDER := $(DOCKER) compose build

local-dev-up:
\t$(DOCKER_COMPOSE) -f docker-compose.static up -d redis quay-db
\t${COMPOSE_V1} -f compose.ci up -d
\t$(BUILDER) web
\techo "$(DOCKER_COMPOSE) up"
"""
    assert named_programs(makefile).split("\n")[6:10] == [
        "\tdocker compose -f docker-compose.static up -d redis quay-db",
        "\tdocker-compose -f compose.ci up -d",
        "\t$(BUILDER) web",  # a command line, not a program
        '\techo "$(DOCKER_COMPOSE) up"',
    ]


def test_a_compose_variable_with_another_value_in_a_branch_is_left() -> None:
    makefile = """\
ifeq ($(CI),true)
COMPOSE := docker compose
else
COMPOSE := nerdctl compose
endif
up:
\t$(COMPOSE) -f compose.dev up
"""
    assert named_programs(makefile).split("\n")[6] == "\t$(COMPOSE) -f compose.dev up"


def test_a_variable_whose_value_sets_the_environment_before_the_program_runs_it() -> None:
    # `NAME=value docker`: the shell puts the assignments in the environment of the command that follows them
    text = (
        "DOCKER=DOCKER_CLI_EXPERIMENTAL=enabled docker\n"
        "BUILD ?= DOCKER_BUILDKIT=1 BUILDKIT_PROGRESS=plain docker\n"
        "setup:\n"
        "\t$(DOCKER) run --rm --privileged acme/binfmt-helper:latest --reset -p yes\n"
        "\t$(BUILD) pull acme/builder:1.2\n"
    )
    assert _runs(text) == [("acme/binfmt-helper:latest", 4, None), ("acme/builder:1.2", 5, None)]


def test_an_assignment_with_another_program_after_it_is_not_read_as_docker() -> None:
    assert _runs("RUNNER=DOCKER_HOST=tcp://x:2375 nerdctl\nt:\n\t$(RUNNER) run acme/app:1\n") == []
