"""A custom resource that names its image whole under `image: {name: REF}` (CockroachDB operator's `CrdbCluster`,
`spec.image.name: cockroachdb/cockroach:v19.2.6`): the operator runs that image. A `name` without a tag or digest
(a repository whose tag another key or the operator gives), a `name` beside a `tag`, and the same mapping in a core
Kubernetes object are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CLUSTER = """\
apiVersion: crdb.example.com/v1alpha1
kind: CrdbCluster
metadata:
  name: cockroachdb
spec:
  dataStore:
    pvc:
      spec:
        resources:
          requests:
            storage: 60Gi
  image:
    name: cockroachdb/cockroach:v19.2.6
  nodes: 3
---
apiVersion: crdb.example.com/v1alpha1
kind: CrdbCluster
metadata:
  name: pinned
spec:
  image:
    name: cockroachdb/cockroach@sha256:162d653fe76cc6f7a9800ce1de40f03fd80467ee937f782630bd404c92e2a277
---
apiVersion: crdb.example.com/v1alpha1
kind: CrdbCluster
metadata:
  name: operator-default-tag
spec:
  image:
    name: cockroachdb/cockroach
---
apiVersion: db.example.com/v1
kind: Database
metadata:
  name: split
spec:
  image:
    name: example/db
    tag: "1.0"
"""
CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  image:
    name: acme/app:1.0
"""


def test_a_custom_resources_image_name_with_a_tag_or_digest_is_its_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"examples/cluster.yaml": CLUSTER, "config/settings.yaml": CONFIGMAP})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert rows == [
        ("examples/cluster.yaml", 13, "cockroachdb/cockroach:v19.2.6", "public"),
        (
            "examples/cluster.yaml",
            22,
            "cockroachdb/cockroach@sha256:162d653fe76cc6f7a9800ce1de40f03fd80467ee937f782630bd404c92e2a277",
            "public",
        ),
    ]
