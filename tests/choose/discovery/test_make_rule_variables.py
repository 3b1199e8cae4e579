"""make_functions.with_rule_variables: the variables of a rule's targets and prerequisites written out."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_functions import with_rule_variables

MAKEFILE = """\
ALL_ARCH = amd64 arm64
ARCH ?= $(shell go env GOARCH)
TARGETS = push-amd64 push-arm64

push-all: $(TARGETS) ${TARGETS} push-manifest; echo $(TARGETS)
$(TARGETS): push-%:
\techo $(TARGETS)
build-$(ARCH): main.go
deploy: export ARCH = $(ARCH)
"""


def test_a_rules_variables_with_plain_words_are_written_out_on_its_line_only() -> None:
    lines = with_rule_variables(MAKEFILE).splitlines()
    assert lines[4] == "push-all: push-amd64 push-arm64 push-amd64 push-arm64 push-manifest; echo $(TARGETS)"
    assert lines[5] == "push-amd64 push-arm64: push-%:"
    assert lines[6] == "\techo $(TARGETS)"  # a recipe line is expanded when it runs, not here
    assert lines[7] == "build-$(ARCH): main.go"  # a value known only when make runs
    assert lines[8] == "deploy: export ARCH = $(ARCH)"  # a target-specific assignment


def test_a_makefile_without_such_a_rule_is_returned_as_it_is() -> None:
    text = "all:\n\tdocker build .\n"
    assert with_rule_variables(text) is text
