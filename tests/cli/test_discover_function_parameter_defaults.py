"""`ecr-mirror discover` reads a script's function whose body binds a positional parameter with a default, `local
version="${1:-}"` (the form `set -u` scripts use, https://www.gnu.org/software/bash/manual/bash.html#Shell-Parameter-Expansion),
as it reads `local version="$1"`: at each call, the call's word (the default when the call gives none)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

# a test script that boots one kind cluster per Kubernetes version of an array, through a function
MATRIX = """\
#!/usr/bin/env bash
set -euo pipefail

versions=(
  v1.30.6
  v1.31.2
)

boot_and_test () {
  local k8s_version="${1:-}"
  local flavour="${2:-kindest/node}"
  if [[ -z "$k8s_version" ]]; then
    echo "usage: boot_and_test VERSION" ; exit 1
  fi
  kind create cluster \\
    --image "$flavour:$k8s_version" \\
    --name "e2e-$k8s_version"
  make test-e2e
  kind delete cluster --name "e2e-$k8s_version"
}

for v in "${versions[@]}"; do
  boot_and_test "$v"
done
boot_and_test v1.32.0
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(r["use"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_parameter_bound_with_a_default_takes_each_calls_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"test/bin/versions-test.sh": MATRIX}, tmp_path, capsys)
    public = {item for item in _seen(records) if item[2] == "public"}
    assert public == {
        ("kind create cluster", "kindest/node:v1.30.6", "public"),
        ("kind create cluster", "kindest/node:v1.31.2", "public"),
        ("kind create cluster", "kindest/node:v1.32.0", "public"),
    }
    # the body's own line, read as written, is known only at a call
    assert {(r["line"], r["status"]) for r in records if r["status"] != "public"} == {(15, "unresolved")}
