"""The input of a golden case named `NAME_in.yaml` (or `NAME-in.yaml`) beside its expected output `NAME.golden`
(cockroach-operator's `pkg/resource/testdata/TestStatefulSetBuilder/default_secure_in.yaml` and
`default_secure.golden`): what the test feeds the builder it checks, never applied, so not read; a file whose name
ends in `_in` with no golden case of that name beside it (`plug_in.yaml`) is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CLUSTER = """\
apiVersion: db.example.com/v1
kind: Database
metadata:
  name: test-cluster
spec:
  image:
    repository: cockroachdb/cockroach
    tag: v21.1.0
  nodes: 1
"""
POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: plug
spec:
  containers:
  - name: plug
    image: busybox:1.36.0
"""
TREE = {
    "pkg/resource/testdata/TestStatefulSetBuilder/default_secure_in.yaml": CLUSTER,
    "pkg/resource/testdata/TestStatefulSetBuilder/default_secure.golden": "kind: StatefulSet\n",
    "pkg/resource/testdata/TestStatefulSetBuilder/with-resources-in.yaml": CLUSTER.replace("v21.1.0", "v20.2.7"),
    "pkg/resource/testdata/TestStatefulSetBuilder/with-resources.golden": "kind: StatefulSet\n",
    "deploy/plug_in.yaml": POD,
}


def test_a_golden_cases_in_file_is_not_read_and_a_lone_in_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["reference"], r["status"]) for r in records]
    assert rows == [("deploy/plug_in.yaml", 8, "busybox:1.36.0", "public")]
