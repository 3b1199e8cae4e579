"""`ecr-mirror discover` reads a script line indented with spaces, `    NAME="x" command args`, as the shell runs it:
an environment prefix that gives NAME to that one command and leaves the script's variable as it was (POSIX Shell
Command Language 2.9.1 Simple Commands, https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html
#tag_02_09_01), not as a second value of NAME. A line inside a makefile's conditional (`ifeq ... endif`) is make's,
whatever indents it: `  NAME=a b` there assigns `a b`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

IMAGE="acme/e2e-base:1.4"

run_fast_suite() {
    IMAGE="acme/e2e-fast:2" ./hack/run-suite.sh --fast
}

if [ "${FAST:-}" = "true" ]; then
  run_fast_suite
fi
docker pull "${IMAGE}"
"""


def _rows(records: list[dict[str, object]], name: str) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == name}


def test_a_space_indented_environment_prefix_is_no_second_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"hack/e2e.sh": SCRIPT}, tmp_path, capsys)
    assert _rows(records, "hack/e2e.sh") == {("hack/e2e.sh", 13, "acme/e2e-base:1.4", "public")}


REASSIGNED = """\
#!/bin/sh
IMAGE=acme/tools:1
if [ -n "$CI" ]; then
    IMAGE=acme/tools:2; echo "using the CI tools"
fi
docker pull $IMAGE
"""


def test_an_indented_assignment_followed_by_another_command_is_still_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: `NAME=v; cmd` assigns NAME, then runs cmd (`;` ends the assignment): no environment prefix, so
    # the pull has a second value, the `if`'s, rather than the first one alone (each is pulled in some run,
    # shell_conditionals.overridden_in_branches)
    monkeypatch.chdir(tmp_path)
    records = tree_records({"pull.sh": REASSIGNED}, tmp_path, capsys)
    assert _rows(records, "pull.sh") == {
        ("pull.sh", 6, "acme/tools:1", "public"),
        ("pull.sh", 6, "acme/tools:2", "public"),
    }


MAKEFILE = """\
ARCH ?= amd64
ifeq ($(ARCH),arm64)
  TOOLS_RUN=docker run --rm acme/tools-arm64:3
else
  TOOLS_RUN=docker run --rm acme/tools:3
endif

lint:
\t$(TOOLS_RUN) lint ./...
"""


def test_a_space_indented_line_in_a_make_conditional_is_makes_assignment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # near shape: inside `ifeq ... endif` make assigns the whole rest of the line, spaces and all
    monkeypatch.chdir(tmp_path)
    records = tree_records({"Makefile": MAKEFILE}, tmp_path, capsys)
    assert _rows(records, "Makefile") == {
        ("Makefile", 3, "acme/tools-arm64:3", "public"),
        ("Makefile", 5, "acme/tools:3", "public"),
    }
