"""`ecr-mirror discover` does not give a make variable its file value inside a conditional that holds only when the
variable has another value: in `ifneq ($(TAG), latest)` with `TAG ?= latest` (or in the `else` of `ifeq ($(TAG),
latest)`), make reads the branch only when the command line or the environment gives TAG another value
(https://www.gnu.org/software/make/manual/html_node/Conditional-Syntax.html), so a pull there of
`acme/operator:$(TAG)` is never `acme/operator:latest`: unresolved, the tag known only when make runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

MAKEFILE = """\
OPERATOR_TAG ?= latest
ENGINE ?= docker

load-operator-image:
ifneq ($(OPERATOR_TAG), latest)
\t$(ENGINE) pull acme/operator:$(OPERATOR_TAG)
endif
\tkind load docker-image acme/operator:$(OPERATOR_TAG)

pull-base:
ifeq ($(OPERATOR_TAG),latest)
\t$(ENGINE) pull acme/operator-base:$(OPERATOR_TAG)
else
\t$(ENGINE) pull acme/operator-base-pinned:$(OPERATOR_TAG)
endif
"""


def test_a_pull_guarded_by_the_variable_differing_from_its_file_value_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: in `ifeq ($(OPERATOR_TAG),latest)` the file's value holds, and is read
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": MAKEFILE}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("Makefile", 6, None, "unresolved"),
        ("Makefile", 12, "acme/operator-base:latest", "public"),
        ("Makefile", 14, None, "unresolved"),
    }
