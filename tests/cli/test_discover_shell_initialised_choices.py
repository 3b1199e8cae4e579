"""A script that empties a name before an `if` chain whose every branch assigns it or exits
(`KIND_IMAGE_SHA=""`, then one digest per Kubernetes version, `else` aborting), and that runs kind through a variable
naming its binary (`KIND_BIN="${KIND}"`, `KIND` a path ending in `/kind` from a sourced library)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.shell_words import ShellValues
from tests.support.trees import discover_records, write_tree

LIBRARY = """\
#!/usr/bin/env bash
export NODE_REPO="kindest/node"
export K8S_VERSION=${K8S_VERSION:-1.29}
setup_tools() {
  local bindir="$(go env GOPATH)/bin"
  export KIND="${bindir}/tools/kind"
}
"""

SCRIPT = """\
#!/usr/bin/env bash
set -o errexit
ROOT=$(dirname "${BASH_SOURCE}")
source "${ROOT}/lib.sh"
setup_tools
KIND_BIN="${KIND}"
export NODE_SHA=""
if [[ "$K8S_VERSION" =~ 1\\.28 ]] ; then
  NODE_SHA="sha256:1111111111111111111111111111111111111111111111111111111111111111"
elif [[ "$K8S_VERSION" =~ 1\\.29 ]] ; then
  NODE_SHA="sha256:2222222222222222222222222222222222222222222222222222222222222222"
else
  echo "Unknown Kubernetes version ${K8S_VERSION}"
  exit 1
fi
export NODE_IMAGE="${NODE_REPO}@${NODE_SHA}"
$KIND_BIN create cluster \\
  --image "${NODE_IMAGE}" \\
  --name test
"""

DIGESTS = {
    "kindest/node@sha256:1111111111111111111111111111111111111111111111111111111111111111",
    "kindest/node@sha256:2222222222222222222222222222222222222222222222222222222222222222",
}


def test_an_emptied_name_every_branch_assigns_or_exits_takes_each_branch_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path, {"cluster/lib.sh": LIBRARY, "cluster/create.sh": SCRIPT.replace("$KIND_BIN create", "kind create")}
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(Path(r["file"]).name, r["line"], r["reference"], r["status"]) for r in records} == {
        ("create.sh", 17, digest, "public") for digest in DIGESTS
    }


def test_a_branch_that_neither_assigns_nor_exits_keeps_the_empty_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = SCRIPT.replace("$KIND_BIN create", "kind create").replace("  exit 1\n", "")
    write_tree(tmp_path, {"cluster/lib.sh": LIBRARY, "cluster/create.sh": script})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["line"], r["status"]) for r in records] == [(16, "unresolved")]


def test_kind_run_through_a_variable_naming_its_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"cluster/lib.sh": LIBRARY, "cluster/create.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["use"], r["reference"], r["status"]) for r in records} == {
        (17, "kind create cluster", digest, "public") for digest in DIGESTS
    }


def test_a_variable_naming_another_program_is_not_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    library = LIBRARY.replace("/tools/kind", "/tools/kindling")
    write_tree(tmp_path, {"cluster/lib.sh": library, "cluster/create.sh": SCRIPT})
    assert discover_records(tmp_path, monkeypatch, capsys) == []


def test_appends_before_and_in_a_chain_are_no_emptied_name() -> None:
    # `+=` keeps what was there: the name's values are not a choice of the branches (and reading them must not fail)
    text = 'LIST+=(one)\nif [ -n "$X" ]; then\n  LIST+=(two)\nelse\n  exit 1\nfi\nSHA=""\n'
    values = ShellValues.of(text)
    assert values.values["LIST"] == {"+(one)", "+(two)"}
    assert "LIST" not in values.choices
