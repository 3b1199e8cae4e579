"""The make runs a file starts with variables (make_calls), and a Makefile as such a run reads it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.command_builds import command_builds
from ecr_mirror.choose.discovery.make_calls import MakeCall, make_calls, with_command_line
from ecr_mirror.choose.discovery.shell_words import ShellValues


def test_command_line_and_environment_values_of_a_call() -> None:
    script = """\
#!/bin/sh
REPO_DIR=..
TAG=1.2
make -C "${REPO_DIR}" -j 4 container IMAGE=ghcr.io/example/app VERSION="${TAG}" -f build.mk
env NODE=kindest/node:v1.30.4 gmake e2e
"""
    assert make_calls(script) == [
        MakeCall("..", "build.mk", ("container",), (("IMAGE", "ghcr.io/example/app"), ("VERSION", "1.2")), (), 4),
        MakeCall("", "", ("e2e",), (), (("NODE", "kindest/node:v1.30.4"),), 5),
    ]


def test_a_value_known_only_when_it_runs_is_not_passed() -> None:
    recipe = """\
TAG ?= $(shell git describe)
publish:
\tTAG=$(TAG)-ubi BASE=registry.access.redhat.com/ubi9-micro:latest ROOT=./cmd $(MAKE) image
\t$(MAKE) image TAG=$(TAG)
\t$(MAKE) build-$(COMPONENT) BASE=alpine:3.20
"""
    assert make_calls(recipe) == [
        MakeCall(
            "", "", ("image",), (), (("BASE", "registry.access.redhat.com/ubi9-micro:latest"), ("ROOT", "./cmd")), 3
        )
    ]


def test_make_in_prose_or_echoed_text_is_no_call() -> None:
    text = """\
help:
\t@echo "Usage: RELEASE_VERSION=1.2.3 make publish [TAG=beta]"
\t@echo "  make tag RELEASE_VERSION=v0.1.2"
# make e2e NODE=kindest/node:v1.30.4
"""
    assert make_calls(text) == []


def test_a_ci_step_s_call_with_a_yaml_variable() -> None:
    workflow = """\
env:
  NODE: kindest/node:v1.31.2
jobs:
  e2e:
    steps:
      - run: make e2e KIND_NODE=$NODE
"""
    assert make_calls(workflow, yaml=True) == [
        MakeCall("", "", ("e2e",), (("KIND_NODE", "kindest/node:v1.31.2"),), (), 6)
    ]


def test_the_command_line_wins_over_every_assignment_but_override() -> None:
    makefile = """\
NODE := kindest/node:v1.31.0
ifeq ($(CI),true)
  NODE = kindest/node:v1.29.0
endif
export TAG ?= $(shell git describe \\
\t--tags)
override SIDECAR = busybox:1.36
e2e:
\tkind create cluster --image $(NODE)
"""
    given = {"NODE": "kindest/node:v1.30.4", "TAG": "dev", "SIDECAR": "busybox:1.37", "EXTRA": "x"}
    changed = with_command_line(makefile, given)
    assert changed.splitlines() == [
        "NODE = kindest/node:v1.30.4",
        "ifeq ($(CI),true)",
        "  NODE = kindest/node:v1.30.4",
        "endif",
        "export TAG = dev",
        "",
        "override SIDECAR = busybox:1.36",
        "e2e:",
        "\tkind create cluster --image $(NODE)",
        "EXTRA = x",
    ]
    assert ShellValues.of(changed).resolve("$(NODE)") == ("kindest/node:v1.30.4", None)


def test_a_build_of_a_dockerfile_sed_writes_reads_its_source() -> None:
    makefile = """\
docker-buildx:
\tsed -e '1 s/\\(^FROM\\)/FROM --platform=\\$$\\{BUILDPLATFORM\\}/; t' -e ' 1,// s//FROM/' Dockerfile > Dockerfile.cross
\tdocker buildx build --build-arg BASE=alpine:3.20 -f Dockerfile.cross .
"""
    assert [build.dockerfile for build in command_builds(makefile, "Makefile")] == ["Dockerfile"]


def test_a_line_of_many_calls_is_read_in_a_time_that_grows_with_its_length() -> None:
    # each call's command position was read from the line's start: 20,000 calls on one line took hours
    line = "X=1 make a B=2; " * 20_000
    assert make_calls(line + "\n") == [MakeCall("", "", ("a",), (("B", "2"),), (("X", "1"),), 1)]
    assert make_calls("cd x; echo A=1 make b B=2 && A=2 make c B=3\n") == [
        MakeCall("", "", ("c",), (("B", "3"),), (("A", "2"),), 1)
    ]


def test_a_directory_built_from_the_script_s_own_place_is_from_the_script_s_directory() -> None:
    # `SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"` is the script's directory wherever it is run from
    # (sourced_paths.py): `-C "${OPERATOR_DIR}"` is the `operator` directory two above it; a directory a command
    # prints (`$(git rev-parse --show-toplevel)`, the repository's top: not a place from the script) stays unknown
    script = """\
#!/bin/bash
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${SCRIPT_DIR}/../.."
OPERATOR_DIR="${ROOT}/operator"
IMAGE="operator:${TAG:=dev}"
make -C "${OPERATOR_DIR}" docker-build IMG="${IMAGE}"
make -f "$SCRIPT_DIR/../build.mk" image IMG="${IMAGE}"
make -C "$(git rev-parse --show-toplevel)/operator" docker-build IMG="${IMAGE}"
"""
    assert make_calls(script) == [
        MakeCall("../../operator", "", ("docker-build",), (("IMG", "operator:dev"),), (), 6),
        MakeCall("", "../build.mk", ("image",), (("IMG", "operator:dev"),), (), 7),
    ]


def test_a_name_the_script_exported_before_the_call_is_in_makes_environment() -> None:
    step = """\
echo "$TOKEN" | docker login ghcr.io -u x --password-stdin
export KIND_IMAGE=kindest/node:v1.33.1
  export CLUSTER="e2e"
make kind
KIND_IMAGE=kindest/node:v1.34.0 make kind-dual
"""
    exported = (("KIND_IMAGE", "kindest/node:v1.33.1"), ("CLUSTER", "e2e"))
    prefixed = (("KIND_IMAGE", "kindest/node:v1.34.0"), ("CLUSTER", "e2e"))
    assert make_calls(step, bare=True) == [  # each call as read without the exports too
        MakeCall("", "", ("kind",), (), (), 4),
        MakeCall("", "", ("kind",), (), exported, 4, exported=True),
        MakeCall("", "", ("kind-dual",), (), (("KIND_IMAGE", "kindest/node:v1.34.0"),), 5),
        MakeCall("", "", ("kind-dual",), (), prefixed, 5, exported=True),
    ]


def test_an_export_after_the_call_or_in_a_recipe_line_is_not() -> None:
    recipe = """\
e2e:
\texport NODE=kindest/node:v1.30.4
\t$(MAKE) cluster
make kind
export LATER=1
"""
    assert make_calls(recipe, bare=True) == [
        MakeCall("", "", ("cluster",), (), (), 3),
        MakeCall("", "", ("kind",), (), (), 4),
    ]
