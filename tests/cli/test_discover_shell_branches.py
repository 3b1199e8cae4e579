"""A shell script's `if ...; then NAME=a; elif ...; then NAME=b; else NAME=c; fi` gives the name one value per
branch, as a makefile's `ifeq` chain does: a command naming it pulls each branch's value in some run."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.shell_conditionals import shell_branches
from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
DB="${1:-postgres}"
if [ "$DB" = "postgres" ]; then
  DB_IMAGE=postgres:16.4
  DB_PORT=5432
elif [ "$DB" = "mysql" ]; then
  DB_IMAGE="mysql:8.4"
  DB_PORT=3306
else
  DB_IMAGE=mariadb:11.4
  DB_PORT=3306
fi
docker run -d --name it-db -p "$DB_PORT:$DB_PORT" "$DB_IMAGE"
"""


def test_each_branch_of_a_shell_if_chain_gives_its_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"scripts/start-db.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"]: r["status"] for r in records} == {
        "postgres:16.4": "public",
        "mysql:8.4": "public",
        "mariadb:11.4": "public",
    }


def test_a_name_assigned_twice_in_one_branch_or_before_the_chain_stays_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = SCRIPT.replace('DB="${1:-postgres}"\n', 'DB="${1:-postgres}"\nDB_IMAGE=busybox:1.36\n')
    write_tree(tmp_path, {"scripts/start-db.sh": script})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["written"], r["status"]) for r in records] == [("$DB_IMAGE", "unresolved")]


@pytest.mark.parametrize("closing", ["fi", "fi >/dev/null", "fi 2>&1", 'fi >> "$LOG"', "fi <&3", "fi&"])
def test_a_chain_closed_with_a_redirection_still_closes(closing: str) -> None:
    # the redirection applies to the whole `if` command: the chain ends there, and the lines after it are in no branch
    branches = shell_branches(SCRIPT.replace("\nfi\n", f"\n{closing}\n"))
    lines = SCRIPT.splitlines()
    assert branches[lines.index("else")] != ()
    assert branches[lines.index("fi")] == () == branches[-1]


CASE = """\
#!/bin/bash
case "$1" in
  jvm)
    TAG="nightly"
    ;;
  native | native-arm) TAG="nightly-native" ;;
  *)
    echo "unknown flavor: $1"; exit 1
    ;;
esac
docker run -d -p 8585:8080 "quay.io/example/server:$TAG"
"""

CASE_OVER_DEFAULT = """\
#!/bin/bash
DB=postgres:16
case "$1" in
  mysql) DB=mysql:8.4 ;;
esac
(cd db && docker run -d "$DB")
"""


def test_a_name_given_a_value_in_each_arm_of_a_case_is_read_once_per_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/start.sh": CASE, "ci/db.sh": CASE_OVER_DEFAULT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("ci/start.sh", 11, "quay.io/example/server:nightly", "public"),
        ("ci/start.sh", 11, "quay.io/example/server:nightly-native", "public"),
        ("ci/db.sh", 6, None, "unresolved"),  # the default, or another value: not one per arm
    }


def test_a_script_ending_with_a_blank_line_after_a_case_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/cut.sh": 'IMAGE=postgres:16\ndocker pull "$IMAGE"\ncase "$1" in\n  pg)\n  ;;\nesac\n\n'})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"]) for r in records} == {(2, "postgres:16")}
