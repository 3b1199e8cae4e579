"""`ecr-mirror discover` does not take a recipe line's environment prefix for an assignment of the file: in a
Makefile recipe (a line led by a tab, run by the shell) or an indented script line, `NAME=value command ...` gives
NAME to that command's environment only and leaves the variable as it was (POSIX Shell Command Language, 2.9.1
Simple Commands, https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_09_01). So a
docs Makefile that runs its script with `DOCS_IMAGE=$(VALE_IMAGE) ./make-docs` in one recipe still pulls its own
`DOCS_IMAGE` default in another."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

DOCS_MAKEFILE = """\
PODMAN := docker

# Container image used to build the site.
ifeq ($(origin DOCS_IMAGE), undefined)
export DOCS_IMAGE := acme/docs-base:latest
endif

ifeq ($(origin VALE_IMAGE), undefined)
export VALE_IMAGE := acme/vale:latest
endif

.PHONY: docs-pull
docs-pull:
\t$(PODMAN) pull -q $(DOCS_IMAGE)

.PHONY: vale
vale:
\t$(PODMAN) pull -q $(VALE_IMAGE)
\tDOCS_IMAGE=$(VALE_IMAGE) $(CURDIR)/make-docs $(PROJECTS)
"""


def _pulls(records: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == "Makefile"}


def test_a_recipe_lines_environment_prefix_is_not_an_assignment_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": DOCS_MAKEFILE}, tmp_path, capsys)
    assert _pulls(records) == {
        ("Makefile", 14, "acme/docs-base:latest", "public"),
        ("Makefile", 18, "acme/vale:latest", "public"),
    }


ONE_LINE_MAKEFILE = """\
TOOLS=lint test
IMAGE=acme/tools:1.2 # the tools image

tools:
\tdocker pull $(IMAGE)
\tfor t in $(TOOLS); do echo $$t; done
"""


def test_an_unindented_assignment_with_spaces_in_its_value_is_still_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: at the top of a Makefile `NAME=a b` assigns `a b`; a trailing comment is no command
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": ONE_LINE_MAKEFILE}, tmp_path, capsys)
    assert _pulls(records) == {("Makefile", 5, "acme/tools:1.2", "public")}


SCRIPT = """\
#!/bin/sh
IMAGE=acme/base:1
for n in 1 2; do
\tIMAGE=`echo acme/base:$n | tr -d ' '`
done
docker pull $IMAGE
"""


def test_an_indented_command_substitution_is_still_an_assignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: a backquoted value with spaces inside is one value, a second one, so the pull stays unknown
    monkeypatch.chdir(tmp_path)
    records = tree_records({"pull.sh": SCRIPT}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("pull.sh", 6, None, "unresolved"),
    }
