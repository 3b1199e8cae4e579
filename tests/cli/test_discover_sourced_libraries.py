"""`ecr-mirror discover` on held-out set AQ missed a node image a script names with values from the shell library it
sources (`source "${SCRIPT_ROOT}/../lib/lib.sh"`, the library `export KIND_IMAGE_REPO="kindest/node"` and
`OPENSHIFT_VERSION=${OPENSHIFT_VERSION:-"3.11"}`): the shell runs the library's assignments at the `source` line, so
the script reads them as its own (a later assignment of the script's winning), by the path forms scripts find their
libraries with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

LIB = (
    "#!/usr/bin/env bash\n"
    'LIB_ROOT="$( cd "$( dirname "${BASH_SOURCE[0]}" )" > /dev/null && pwd )"\n'
    'export KIND_IMAGE_REPO="kindest/node"\n'
    'KIND_VERSION="${KIND_VERSION:-v1.33.1}"\n'
    ': "${REGISTRY_IMAGE:=registry:2.8.3}"\n'
    "readonly REDIS_IMAGE=redis:7.2\n"
    "declare -r BUSYBOX=busybox:1.36.1\n"
    "DIGEST=$(docker pull alpine:3.20 -q)\n"
    'export RUN_NODE="docker run --rm node:20.17.0"\n'  # a command kept to run later
)


def _pulled(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def _unresolved(records: list[dict[str, Any]], name: str) -> list[tuple[int, str]]:
    return [(r["line"], r["reason"]) for r in records if r["status"] == "unresolved" and r["file"] == name]


def test_a_script_takes_the_values_of_the_library_it_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    script = (
        "#!/usr/bin/env bash\n"  # 1
        'source "$(dirname "$0")/lib.sh"\n'  # 2
        'docker run --rm "${KIND_IMAGE_REPO}:${KIND_VERSION}" true\n'  # 3
        'docker pull "$REGISTRY_IMAGE"\n'  # 4
        "docker run -d $REDIS_IMAGE\n"  # 5
        'docker run --rm "${BUSYBOX}" sh\n'  # 6
    )
    records = tree_records({"hack/lib.sh": LIB, "hack/e2e.sh": script}, tmp_path, capsys)
    assert _pulled(records) == {
        ("hack/e2e.sh", 3, "kindest/node:v1.33.1"),
        ("hack/e2e.sh", 4, "registry:2.8.3"),
        ("hack/e2e.sh", 5, "redis:7.2"),
        ("hack/e2e.sh", 6, "busybox:1.36.1"),
        ("hack/lib.sh", 8, "alpine:3.20"),  # the library's own commands, at its own lines only
        ("hack/lib.sh", 9, "node:20.17.0"),
    }
    assert _unresolved(records, "hack/e2e.sh") == []


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("scripts/e2e.sh", ['source "$(dirname "${BASH_SOURCE[0]}")/../hack/lib.sh"']),
        ("scripts/e2e.sh", ['. "${BASH_SOURCE[0]%/*}/../hack/lib.sh"']),
        ("scripts/e2e.sh", ["source hack/lib.sh"]),  # run from the repository's top
        ("hack/e2e.sh", ["source ./lib.sh"]),
        (
            "scripts/e2e.sh",
            ['SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"', 'source "$SCRIPT_DIR/../hack/lib.sh"'],
        ),
        ("scripts/e2e.sh", ['ROOT="$(cd "$(dirname "$0")/.." && pwd -P)"', '. "${ROOT}/hack/lib.sh"']),
        ("scripts/e2e.sh", ["REPO_ROOT=$(git rev-parse --show-toplevel)", 'source "${REPO_ROOT}/hack/lib.sh"']),
        ("scripts/e2e.sh", ['SCRIPT_ROOT=$(dirname "${BASH_SOURCE}")', 'source "${SCRIPT_ROOT}/../hack/lib.sh"']),
        ("scripts/e2e.sh", [". `dirname $0`/../hack/lib.sh"]),
        ("scripts/e2e.sh", ['[ -f "$(dirname "$0")/../hack/lib.sh" ] && . "$(dirname "$0")/../hack/lib.sh"']),
        ("scripts/e2e.sh", ['HERE=$(dirname "$0")', 'ROOT="${HERE}/.."', 'source "$ROOT/hack/lib.sh" || exit 1']),
    ],
)
def test_the_paths_scripts_find_their_library_by(
    name: str,
    lines: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    script = "\n".join(["#!/bin/sh", *lines, 'docker pull "$REDIS_IMAGE"', ""])
    records = tree_records({"hack/lib.sh": LIB, name: script}, tmp_path, capsys)
    assert (name, len(lines) + 2, "redis:7.2") in _pulled(records)


def test_a_library_the_library_sources_and_a_value_per_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "ci/lib/common.sh": (
            'source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"\n'
            'if [ "$(uname -m)" = "arm64" ]; then\n'
            "  DB_IMAGE=arm64v8/postgres:16.4\n"
            "else\n"
            "  DB_IMAGE=postgres:16.4\n"
            "fi\n"
        ),
        "ci/lib/versions.sh": "export NGINX_VERSION=1.27.2\n",
        "ci/test.sh": (
            "#!/bin/bash\n"  # 1
            'source "$(dirname "$0")/lib/common.sh"\n'  # 2
            "docker run -d nginx:${NGINX_VERSION}\n"  # 3
            'docker run -d "$DB_IMAGE"\n'  # 4
        ),
    }
    records = tree_records(tree, tmp_path, capsys)
    assert _pulled(records) == {
        ("ci/test.sh", 3, "nginx:1.27.2"),
        ("ci/test.sh", 4, "arm64v8/postgres:16.4"),
        ("ci/test.sh", 4, "postgres:16.4"),
    }


def test_the_scripts_later_assignment_wins_and_an_earlier_one_keeps_a_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "hack/lib.sh": LIB,
        "hack/run.sh": (
            "#!/bin/bash\n"  # 1
            "KIND_VERSION=v1.31.0\n"  # 2: before the library's default, which keeps it
            'source "$(dirname "$0")/lib.sh"\n'  # 3
            "REDIS_IMAGE=redis:7.4\n"  # 4: after the library's
            'docker run "${KIND_IMAGE_REPO}:${KIND_VERSION}"\n'  # 5
            "docker run $REDIS_IMAGE\n"  # 6
        ),
    }
    records = tree_records(tree, tmp_path, capsys)
    assert {item for item in _pulled(records) if item[0] == "hack/run.sh"} == {
        ("hack/run.sh", 5, "kindest/node:v1.31.0"),
        ("hack/run.sh", 6, "redis:7.4"),
    }


NO_VALUE = "$IMAGE has no value in this file (set by the environment, the command line or a caller)"


@pytest.mark.parametrize(
    "library",
    [
        {"hack/lib.sh": 'log() { echo "$*" >&2; }\nset -euo pipefail\n'},  # assigns nothing
        {},  # missing
    ],
)
def test_a_library_that_gives_no_value_changes_nothing(
    library: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    script = '#!/bin/bash\nsource "$(dirname "$0")/lib.sh"\ndocker pull "$IMAGE"\ndocker pull alpine:3.20\n'
    records = tree_records({**library, "hack/run.sh": script}, tmp_path, capsys)
    assert _unresolved(records, "hack/run.sh") == [(3, NO_VALUE)]
    assert _pulled(records) == {("hack/run.sh", 4, "alpine:3.20")}


def test_libraries_that_source_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "lib/a.sh": 'source "$(dirname "${BASH_SOURCE[0]}")/b.sh"\nA_IMAGE=nginx:1.27\ndocker pull "$B_IMAGE"\n',
        "lib/b.sh": 'source "$(dirname "${BASH_SOURCE[0]}")/a.sh"\nB_IMAGE=redis:7.2\ndocker pull "$A_IMAGE"\n',
    }
    records = tree_records(tree, tmp_path, capsys)
    assert _pulled(records) == {("lib/a.sh", 3, "redis:7.2"), ("lib/b.sh", 3, "nginx:1.27")}


def test_a_library_at_a_place_the_script_says_is_not_one_of_several_configurations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "deploy/run.sh": '#!/bin/sh\nDIR=$(dirname "$0")\n. "$DIR/env"\ndocker pull "$IMAGE"\ndocker pull "$PROXY"\n',
        "deploy/env": "IMAGE=nginx:1.27.2\n",
        # another directory's settings, not what run.sh sources
        "deploy/staging/env": "IMAGE=nginx:1.25.0\nPROXY=envoyproxy/envoy:v1.30.1\n",
    }
    records = tree_records(tree, tmp_path, capsys)
    assert _pulled(records) == {("deploy/run.sh", 4, "nginx:1.27.2")}
    assert [line for line, _ in _unresolved(records, "deploy/run.sh")] == [5]
