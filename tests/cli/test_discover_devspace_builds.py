"""`ecr-mirror discover`: the untagged manifest uses of an image a DevSpace configuration builds are placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

DEVSPACE = """\
version: v1beta9
images:
  default:
    image: acme/web-app
deployments:
- name: web
  kubectl:
    manifests:
    - kube
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: acme/web-app
      - name: cache
        image: redis:7.2
      - name: pinned
        image: acme/web-app:1.0.0
"""


def test_an_image_devspace_builds_is_no_pull_of_its_manifests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"app/devspace.yaml": DEVSPACE, "app/kube/deployment.yaml": DEPLOYMENT}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("app/kube/deployment.yaml", 12, "redis:7.2", "public"),
        ("app/kube/deployment.yaml", 14, "acme/web-app:1.0.0", "public"),
    ]
