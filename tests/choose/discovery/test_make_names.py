"""make's names with `-` and `.`, and computed names, as `ShellValues` resolves them (make_names.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_words import ShellValues

MAKEFILE = """\
TYPE := STATIC
STATIC_BASE_amd64 := gcr.io/distroless/static-debian12:nonroot
BASE_server-linux-amd64 := $($(TYPE)_BASE_amd64)
"""


def test_a_computed_name_is_resolved_through_a_name_with_dashes() -> None:
    values = ShellValues.of(MAKEFILE)
    assert values.resolve("$(BASE_server-linux-amd64)") == ("gcr.io/distroless/static-debian12:nonroot", None)
    assert values.resolve("$($(TYPE)_BASE_amd64)") == ("gcr.io/distroless/static-debian12:nonroot", None)


def test_a_shell_command_substitution_with_a_dash_is_no_name() -> None:
    # `kube-version=1` is no shell assignment, and `$(kube-version)` runs a command
    values = ShellValues.of("kube-version=1\nIMAGE=kindest/node:v1.30.0\n")
    assert "kube-version" not in values.values
    written, problem = values.resolve("kindest/node:$(kube-version)")
    assert written == "kindest/node:$(kube-version)"
    assert problem == "a command substitution or make function, known only when it runs"


def test_a_computed_name_of_an_unknown_inner_name_is_unresolved() -> None:
    written, problem = ShellValues.of(MAKEFILE).resolve("$($(ARCH)_BASE)")
    assert written == "$($(ARCH)_BASE)"
    assert problem is not None and "$ARCH has no value" in problem


# make reads `${...}` as it reads `$(...)` (https://www.gnu.org/software/make/manual/html_node/Reference.html):
# a test image's Makefile picks its base per architecture with dotted, computed names in braces
BRACED = """\
OS ?= linux
ARCH ?= amd64
BASE.linux.amd64 := busybox
BASE.linux.arm64 := arm64v8/busybox
BASE.linux := ${BASE.linux.${ARCH}}
BASE := ${BASE.${OS}}
"""


def test_a_dotted_and_computed_name_in_braces_is_resolved() -> None:
    values = ShellValues.of(BRACED)
    assert values.resolve("${BASE.linux.arm64}") == ("arm64v8/busybox", None)
    assert values.resolve("${BASE}") == ("busybox", None)
    assert values.resolve("$(BASE)") == ("busybox", None)


def test_a_shell_default_in_braces_is_no_dotted_name() -> None:
    # `${NAME-default}` and `${NAME:-default}` stay the shell's defaults
    values = ShellValues.of("TAG=1.0\n")
    assert values.resolve("alpine:${VERSION-3.19}") == ("alpine:3.19", None)
    assert values.resolve("alpine:${TAG:-3.19}") == ("alpine:1.0", None)
    written, problem = values.resolve("${BASE.${OS}}")
    assert written == "${BASE.${OS}}" and problem is not None and "$OS has no value" in problem
