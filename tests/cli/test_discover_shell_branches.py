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
        # the value before the `case`, kept by a run no arm matches, or the arm's (no `*)` arm to replace it)
        ("ci/db.sh", 6, "postgres:16", "public"),
        ("ci/db.sh", 6, "mysql:8.4", "public"),
    }


def test_a_script_ending_with_a_blank_line_after_a_case_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/cut.sh": 'IMAGE=postgres:16\ndocker pull "$IMAGE"\ncase "$1" in\n  pg)\n  ;;\nesac\n\n'})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"]) for r in records} == {(2, "postgres:16")}


ARM_LOCAL = """\
#!/usr/bin/env bash
set -e
K8S_VERSION="v1.31.x"
while [[ $# -ne 0 ]]; do
  case "$1" in
    --k8s-version) K8S_VERSION="$2"; shift ;;
  esac
  shift
done
case ${K8S_VERSION} in
  v1.30.x)
    K8S_VERSION=1.30.6
    NODE_SHA="sha256:1111111111111111111111111111111111111111111111111111111111111111"
    NODE_IMAGE=kindest/node:v${K8S_VERSION}@${NODE_SHA}
    ;;
  v1.31.x)
    K8S_VERSION=1.31.2
    NODE_SHA=sha256:2222222222222222222222222222222222222222222222222222222222222222
    NODE_IMAGE="kindest/node:v${K8S_VERSION}@${NODE_SHA}"
    ;;
  *) echo "unsupported version: ${K8S_VERSION}"; exit 1 ;;
esac
cat > kind.yaml <<CONFIG
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
nodes:
- role: control-plane
  image: "${NODE_IMAGE}"
CONFIG
kind create cluster --config kind.yaml
"""


def test_an_arm_reads_the_values_it_assigned_itself_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # in one arm the shell runs its lines in order: `NODE_IMAGE=...${K8S_VERSION}...` reads the arm's own
    # `K8S_VERSION=1.30.6`, whatever other values the name takes elsewhere in the file (the default, an option)
    write_tree(tmp_path, {"hack/setup-kind.sh": ARM_LOCAL})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (28, "kindest/node:v1.30.6@sha256:" + "1" * 64, "public"),
        (28, "kindest/node:v1.31.2@sha256:" + "2" * 64, "public"),
    }


def test_an_arm_reading_a_name_it_assigns_only_after_keeps_it_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the value the arm gives after the use is not the one the use reads: the name stays one of several values
    script = ARM_LOCAL.replace(
        '    K8S_VERSION=1.30.6\n    NODE_SHA="sha256:1111', '    NODE_SHA="sha256:1111'
    ).replace("@${NODE_SHA}\n    ;;\n  v1.31.x)", "@${NODE_SHA}\n    K8S_VERSION=1.30.6\n    ;;\n  v1.31.x)", 1)
    write_tree(tmp_path, {"hack/setup-kind.sh": script})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["reference"], r["status"]) for r in records} == {
        (None, "unresolved"),
        ("kindest/node:v1.31.2@sha256:" + "2" * 64, "public"),
    }
