"""`ecr-mirror discover` reads a manifest template whose fields a Python harness fills in with `str.format`
(`name: {self.path.k8s}-apiext`), which is not YAML until then, by its `image:` lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "python/tests/integration/manifests/ambassador.yaml": """\
# GENERATED FILE: edits made by hand will not be preserved.
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {self.path.k8s}-apiext
  namespace: acme-system
---
apiVersion: v1
kind: Pod
metadata:
  name: {self.path.k8s}
spec:
  containers:
  - name: wait
    image: bitnami/kubectl:1.29.3
  - name: given
    image: {images[acme-gateway]}
  serviceAccountName: {self.path.k8s}
""",
    "python/tests/integration/manifests.py": (
        "import os\n\n\ndef load(name: str) -> str:\n"
        "    return open(os.path.join(os.path.dirname(__file__), 'manifests', name + '.yaml')).read()\n"
    ),
}


def test_a_manifest_with_format_fields_is_read_by_its_image_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = [(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records]
    assert found == [
        ("python/tests/integration/manifests/ambassador.yaml", 16, "bitnami/kubectl:1.29.3", "public"),
        ("python/tests/integration/manifests/ambassador.yaml", 18, "{images[acme-gateway]}", "unresolved"),
    ]
