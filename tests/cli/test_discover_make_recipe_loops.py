"""`ecr-mirror discover` reads a Makefile recipe's shell `for` loop as make hands it to the shell: make expands the
recipe first (GNU make manual, "Variables in Recipes"), so `for name in $(BASE_TARGETS)` goes over the variable's
words (`+=` appends, one in a conditional's branch too, pulled in the runs that read it) and `$$name` in the body
is the shell's `$name`, the loop's variable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

BASES_MAKEFILE = """\
DOCKERCMD=$(shell which docker)
DOCKERPULL=$(DOCKERCMD) pull
BASE_NAMESPACE=acme
BASE_TAG=dev
WITH_TOOLS=true
BASE_TARGETS=api worker
ifeq ($(WITH_TOOLS), true)
\tBASE_TARGETS += toolbox
endif

pull_bases:
\t@for name in $(BASE_TARGETS); do \\
\t\techo $$name ; \\
\t\t$(DOCKERPULL) $(BASE_NAMESPACE)/shop-$$name-base:$(BASE_TAG) ; \\
\tdone

pull_busybox:
\tfor v in 1.36 1.37; do docker pull busybox:$$v; done
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[int, str, str]]:
    return {(r["line"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_recipe_loop_over_a_make_variable_pulls_each_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": BASES_MAKEFILE}, tmp_path, capsys)
    assert _seen(records) == {
        (12, "acme/shop-api-base:dev", "public"),
        (12, "acme/shop-worker-base:dev", "public"),
        (12, "acme/shop-toolbox-base:dev", "public"),
        (18, "busybox:1.36", "public"),
        (18, "busybox:1.37", "public"),
    }
    assert {r["use"] for r in records if r["line"] == 12} == {"docker pull (the DOCKERPULL variable of line 2)"}
