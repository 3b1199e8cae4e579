"""A makefile's `define NAME ... endef` expanded where `$(eval $(call NAME,ARGS))` evaluates it: make substitutes the
call's arguments for `$(1)`, `$(2)`, ... (`$1`, `${1}`), expands the text once (`$$` becomes `$`) and reads the
result as makefile text (https://www.gnu.org/software/make/manual/html_node/Call-Function.html,
.../Eval-Function.html), so the rules and recipes it writes run with the call's values; a pull is listed at the
define's line that writes it. A `define` no `$(eval $(call ...))` evaluates writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

LINT_MK = """\
CTR ?= docker
LINT_IMAGE_GO := golangci/golangci-lint:v1.61.0
LINT_IMAGE_SHELL := koalaman/shellcheck:v0.10.0

define lint-target
.PHONY: lint-$(2)
lint-$(2):
\t$$(CTR) run --rm -v $$(CURDIR):/src -w /src $$(LINT_IMAGE_$(1)) $(3)
endef

$(eval $(call lint-target,GO,go,run ./...))
$(eval $(call lint-target,SHELL,shell,scripts/check.sh))
"""


def test_a_define_evaluated_by_eval_call_runs_with_each_calls_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": "include make/lint.mk\n", "make/lint.mk": LINT_MK}, tmp_path, monkeypatch, capsys)
    assert {(file, line, reference, status) for file, line, _, _, reference, status in rows} == {
        ("make/lint.mk", 8, "golangci/golangci-lint:v1.61.0", "public"),
        ("make/lint.mk", 8, "koalaman/shellcheck:v0.10.0", "public"),
    }


def test_a_foreach_over_literal_words_evaluates_the_define_once_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lint = LINT_MK.split("$(eval", maxsplit=1)[0] + "$(foreach kind,GO SHELL,$(eval $(call lint-target,$(kind),x,y)))\n"
    rows = tree_rows({"Makefile": lint}, tmp_path, monkeypatch, capsys)
    assert {(file, line, reference, status) for file, line, _, _, reference, status in rows} == {
        ("Makefile", 8, "golangci/golangci-lint:v1.61.0", "public"),
        ("Makefile", 8, "koalaman/shellcheck:v0.10.0", "public"),
    }


def test_a_define_no_eval_call_evaluates_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the define is only a value (`$(call ...)` in an assignment, no `$(eval)`): its text is no rule of the makefile
    lint = LINT_MK.split("$(eval", maxsplit=1)[0] + "LINT_RULE := $(call lint-target,GO,go,run ./...)\n"
    rows = tree_rows({"Makefile": lint}, tmp_path, monkeypatch, capsys)
    assert {reference for *_, reference, _ in rows} <= {None}
