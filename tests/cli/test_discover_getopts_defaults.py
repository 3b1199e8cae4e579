"""A script whose `getopts` loop may set a variable from an option (`k) K8S_VERSION=$OPTARG`) and that otherwise
gives it a value itself (`K8S_VERSION="v1.30.4"` when empty): a run without the option pulls that value, as with
`IMAGE="$2"` in a `case` loop (test_discover_option_defaults.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CLUSTER = """\
#!/usr/bin/env bash
set -euo pipefail

OPTIND=1
while getopts hk:i: opt; do
    case $opt in
        k)  K8S_VERSION=$OPTARG
            ;;
        i)  OPERATOR_IMAGE=$OPTARG
            ;;
        *)  exit 1
            ;;
    esac
done

if [[ -z "${K8S_VERSION:-}" ]]; then
  K8S_VERSION="v1.30.4"
fi

kind create cluster --name e2e --image "kindest/node:${K8S_VERSION}"
docker pull "${OPERATOR_IMAGE}"
"""


def test_a_getopts_option_beside_the_scripts_own_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"hack/cluster.sh": CLUSTER}, tmp_path, monkeypatch, capsys)
    assert {(row[0], row[1], row[4], row[5]) for row in rows} == {
        ("hack/cluster.sh", 20, "kindest/node:v1.30.4", "public"),
        ("hack/cluster.sh", 21, None, "unresolved"),  # only the option sets it: known when the script runs
    }
