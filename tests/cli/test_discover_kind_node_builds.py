"""`ecr-mirror discover` takes the node image `kind build node-image` builds (`kindest/node:latest` by default) as
built in the tree: the script's `kind create cluster --image kindest/node:latest` boots it, no registry serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail

build() {
  cd "${KUBE_ROOT}"
  kind build node-image -v 1
}

up() {
  KUBE_VERSION="$(docker run --rm --entrypoint=cat "kindest/node:latest" /kind/version)"
  echo "${KUBE_VERSION}"
  kind create cluster --image=kindest/node:latest --wait=1m
}

build
up
"""


def test_a_node_image_kind_builds_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/ci/e2e.sh": SCRIPT})
    records = {(r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert records == {(10, "kindest/node:latest", "built-here"), (12, "kindest/node:latest", "built-here")}
