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
